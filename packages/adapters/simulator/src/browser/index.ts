/**
 * @ringlane/simulator/browser: a softphone for simulated calls, as a `SoftphoneDriver` for
 * `@ringlane/react`. Same states and events as a real one, no audio hardware; it talks to the
 * simulator's server over the routes in the README's "Browser protocol".
 */

export type { NetworkEvents, RetryOptions } from '@ringlane/core/softphone'
export {
  createHttpSimulatorTransport,
  type EventSourceConstructor,
  type EventSourceLike,
  type HttpSimulatorTransportOptions,
} from './http-transport.js'
export { createSimulatorSoftphone, type SimulatorSoftphoneOptions } from './simulator-softphone.js'
export type {
  PlaceCallRequest,
  SimulatedCallUpdate,
  SimulatorConnection,
  SimulatorConnectionHandlers,
  SimulatorTransport,
} from './transport.js'
