/**
 * @ringlane/simulator/discrete: the simulator's discrete-event mode. A virtual clock and seeded
 * traffic run hours of dialling in a fraction of a second, against any pacer, with the call engine's
 * rules; pacing tests and `pnpm bench:pacing` measure with it. The real-time mode (the package root)
 * keeps serving the app and its end-to-end tests.
 */
export { eventQueue, type Scheduled } from './event-queue.js'
export { type QueueRun, type QueueRunOptions, simulateInboundQueue } from './queue.js'
export { seededRandom } from './random.js'
export {
  CONNECT_WITHIN_MS,
  type DiscreteRun,
  type DiscreteRunOptions,
  type SimulatedCall,
  type SimulatedOutcome,
  simulateDialling,
  worstWindow,
} from './simulate.js'
export { type CallFate, drawFate, type SimulatedTraffic, standardTraffic } from './traffic.js'
