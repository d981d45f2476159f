export {
  CallAttribute,
  ContactState,
  isOpen,
  QueueContact,
  RouteRequest,
  type RouteRequestInput,
} from './contact.js'
export {
  type AgentExplained,
  type AgentFacts,
  type CallFacts,
  decide,
  type QueueHistory,
  queueMembers,
  type RoutingDecision,
  type StepExplained,
  stepInForce,
} from './decide.js'
export { callEnded, callerHungUp, contacts, enqueue, whoWouldGet } from './enqueue.js'
export {
  CallAlreadyQueued,
  InvalidAgentSkills,
  InvalidRouteRequest,
  InvalidRoutingQueue,
  InvalidRoutingRule,
  RoutingStoreError,
  UnknownRoutingQueue,
} from './errors.js'
export type {
  ContactAbandoned,
  ContactConnected,
  ContactOverflowed,
  ContactQueued,
  ReservationLapsed,
  RoutingEvent,
  RoutingQueueChanged,
} from './events.js'
export {
  type CompareOp,
  compareOps,
  type Expression,
  holds,
  parseExpression,
  printExpression,
  type RuleAgent,
  type RuleScope,
  type SyntaxProblem,
} from './expression.js'
export { routingFacts, STATISTICS_WINDOW_MS } from './facts.js'
export { agentsHeldByRouting } from './held-agents.js'
export {
  allAgentSkills,
  deleteRoutingQueue,
  existingQueue,
  routingQueues,
  saveRoutingQueue,
  setAgentSkills,
} from './manage-queues.js'
export {
  AgentSkills,
  type AgentSkillsInput,
  OverflowTarget,
  RoutingQueue,
  RoutingQueueId,
  RoutingQueueInput,
  RoutingStrategy,
  RuleStep,
  SkillName,
} from './queue.js'
export { ROUTING_INTERVAL_MS, type RoutingRoundResult, routingRound, runRouting } from './routing-round.js'
export {
  type AddedContact,
  type ContactFilter,
  RoutingStore,
  type RoutingStoreService,
} from './routing-store.js'
export { inMemoryRoutingStore, queueOrder } from './routing-store-memory.js'
export { type RankedAgent, rankAgents, rankReason, type StrategyContext } from './strategies.js'
export { takeFreeAgent } from './take-agent.js'
