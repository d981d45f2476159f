export {
  type CircuitBreakerService,
  CircuitOpen,
  makeCircuitBreaker,
  SourceBreaker,
} from './circuit-breaker.js'
export {
  type DialDecision,
  type Refusal,
  type RefusalCode,
  SourceUnavailable,
  validateBeforeDial,
} from './validate-before-dial.js'
