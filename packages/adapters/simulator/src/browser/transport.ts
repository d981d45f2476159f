import type { Softphone } from '@ringlane/core'

/** A change to a simulated call, pushed by the simulator's server. */
export interface SimulatedCallUpdate {
  readonly callId: string
  readonly state: Exclude<Softphone.CallState, 'connecting'>
  /** How the call ended; sent with `closed`. */
  readonly endReason?: Softphone.CallEndReason
}

export interface SimulatorConnectionHandlers {
  /** The server accepted the agent's stream: the softphone is registered. */
  readonly opened: () => void
  readonly update: (update: SimulatedCallUpdate) => void
  /** The stream is gone for good; the driver connects again with backoff. Called at most once. */
  readonly lost: (error: Error) => void
}

export interface SimulatorConnection {
  close(): void
}

export interface PlaceCallRequest {
  readonly to: string
  readonly params: Readonly<Record<string, string>>
}

/**
 * How the simulator's browser driver talks to the simulator's server: four operations, so tests (and
 * apps with their own wiring) can swap the default HTTP + server-sent-events transport for another.
 * Failures reject with an `Error`; one carrying a softphone error `code` (as the server sends them) keeps
 * that code.
 */
export interface SimulatorTransport {
  connect(handlers: SimulatorConnectionHandlers): SimulatorConnection
  placeCall(request: PlaceCallRequest): Promise<{ readonly callId: string }>
  hangUp(callId: string): Promise<void>
  sendDigits(callId: string, digits: string): Promise<void>
}
