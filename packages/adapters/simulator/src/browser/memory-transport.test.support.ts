// An in-memory simulator server: the test plays the server's part by hand.
import type {
  PlaceCallRequest,
  SimulatedCallUpdate,
  SimulatorConnectionHandlers,
  SimulatorTransport,
} from './transport.js'

export const memoryTransport = () => {
  const connections: Array<{ handlers: SimulatorConnectionHandlers; closed: boolean }> = []
  const placed: PlaceCallRequest[] = []
  const hungUp: string[] = []
  const digits: Array<[string, string]> = []
  let calls = 0
  let placeCallFailure: Error | null = null
  let beforePlaced: ((callId: string) => void) | null = null

  const live = () => {
    const connection = connections.at(-1)
    if (!connection || connection.closed) throw new Error('no open connection')
    return connection
  }

  const transport: SimulatorTransport = {
    connect(handlers) {
      const connection = { handlers, closed: false }
      connections.push(connection)
      return { close: () => (connection.closed = true) }
    },
    async placeCall(request) {
      if (placeCallFailure) throw placeCallFailure
      placed.push(request)
      const callId = `sim_${++calls}`
      beforePlaced?.(callId)
      return { callId }
    },
    async hangUp(callId) {
      hungUp.push(callId)
    },
    async sendDigits(callId, tones) {
      digits.push([callId, tones])
    },
  }

  return {
    transport,
    connections,
    placed,
    hungUp,
    digits,
    /** The server accepts the agent's stream. */
    accept: () => live().handlers.opened(),
    push: (update: SimulatedCallUpdate) => live().handlers.update(update),
    lose: (error = new Error('stream closed')) => live().handlers.lost(error),
    failPlaceCall: (error: Error | null) => {
      placeCallFailure = error
    },
    /** Runs as the server places a call, before its answer reaches the driver. */
    onPlaced: (hook: (callId: string) => void) => {
      beforePlaced = hook
    },
  }
}
