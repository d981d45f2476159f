import type { Softphone } from '@ringlane/core'
import type {
  PlaceCallRequest,
  SimulatedCallUpdate,
  SimulatorConnection,
  SimulatorConnectionHandlers,
  SimulatorTransport,
} from './transport.js'

/** The slice of the browser's `EventSource` the transport uses. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent) => void): void
  close(): void
}
export type EventSourceConstructor = new (url: string, init?: EventSourceInit) => EventSourceLike

export interface HttpSimulatorTransportOptions {
  /** Where the app mounts the simulator's browser routes (see the README's "Browser protocol"). Default `/simulator`. */
  readonly baseUrl?: string
  /** `include` when the simulator is on another origin; default `same-origin`. */
  readonly credentials?: RequestCredentials
  /** For tests and non-browser hosts; the global `fetch` by default. */
  readonly fetch?: typeof fetch
  /** For tests and non-browser hosts; the global `EventSource` by default. */
  readonly EventSource?: EventSourceConstructor
}

const updateStates: ReadonlySet<string> = new Set(['ringing', 'open', 'reconnecting', 'closed'])
const endReasons: ReadonlySet<string> = new Set(['completed', 'busy', 'no-answer', 'canceled', 'failed'])

const parseUpdate = (data: unknown): SimulatedCallUpdate | null => {
  let value: unknown
  try {
    value = typeof data === 'string' ? JSON.parse(data) : null
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  if (!('callId' in value) || typeof value.callId !== 'string' || value.callId === '') return null
  if (!('state' in value) || typeof value.state !== 'string' || !updateStates.has(value.state)) return null
  const state = value.state as SimulatedCallUpdate['state']
  if (!('endReason' in value) || value.endReason === undefined) return { callId: value.callId, state }
  if (typeof value.endReason !== 'string' || !endReasons.has(value.endReason)) return null
  return { callId: value.callId, state, endReason: value.endReason as Softphone.CallEndReason }
}

/** An `Error` with the softphone code it stands for, as `fromTransportError` reads it. */
const transportError = (code: string, message: string, cause?: unknown) =>
  Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code })

const problemOf = async (response: Response): Promise<{ code?: string; message?: string }> => {
  try {
    const body: unknown = await response.json()
    if (typeof body !== 'object' || body === null || !('error' in body)) return {}
    const { error } = body
    if (typeof error !== 'object' || error === null) return {}
    return {
      ...('code' in error && typeof error.code === 'string' ? { code: error.code } : {}),
      ...('message' in error && typeof error.message === 'string' ? { message: error.message } : {}),
    }
  } catch {
    return {}
  }
}

/**
 * The default transport: JSON over `fetch` for commands and server-sent events for call updates, on the
 * routes the README's "Browser protocol" documents. Browser globals are read when used, not when the
 * transport is created, so it can be created during a server render.
 */
export const createHttpSimulatorTransport = (
  options: HttpSimulatorTransportOptions = {},
): SimulatorTransport => {
  const baseUrl = (options.baseUrl ?? '/simulator').replace(/\/+$/, '')
  const credentials = options.credentials ?? 'same-origin'
  // Carried across reconnections so the server can replay what the agent missed.
  let lastEventId: string | null = null
  // This page's leg: its calls live while its stream does (a reload is a new leg, as a new Device is).
  let leg: string | null = null
  const legId = () => {
    leg ??=
      globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`
    return leg
  }

  const post = async (path: string, body: object): Promise<Response> => {
    const fetchNow = options.fetch ?? globalThis.fetch
    let response: Response
    try {
      response = await fetchNow(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        credentials,
      })
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause)
      throw transportError('network', `The simulator at ${baseUrl} cannot be reached: ${why}`, cause)
    }
    if (response.ok) return response
    const problem = await problemOf(response)
    const code =
      problem.code ?? (response.status === 401 || response.status === 403 ? 'token-invalid' : 'call-failed')
    throw transportError(
      code,
      problem.message ?? `The simulator answered ${response.status} ${response.statusText}`.trim(),
    )
  }

  const connect = (handlers: SimulatorConnectionHandlers): SimulatorConnection => {
    const Source = options.EventSource ?? globalThis.EventSource
    const query = new URLSearchParams({ leg: legId() })
    if (lastEventId !== null) query.set('lastEventId', lastEventId)
    const url = `${baseUrl}/events?${query}`
    let closed = false
    if (!Source) {
      queueMicrotask(() => {
        if (!closed) handlers.lost(transportError('sdk-unavailable', 'EventSource is not available here.'))
      })
      return { close: () => (closed = true) }
    }
    const source = new Source(url, { withCredentials: credentials === 'include' })
    const lose = (error: Error) => {
      if (closed) return
      closed = true
      source.close()
      handlers.lost(error)
    }
    source.addEventListener('ready', () => {
      if (!closed) handlers.opened()
    })
    source.addEventListener('call', (event) => {
      if (closed) return
      if (event.lastEventId) lastEventId = event.lastEventId
      const update = parseUpdate(event.data)
      if (update) handlers.update(update)
      else console.warn('@ringlane/simulator/browser: ignored a malformed call update', event.data)
    })
    // EventSource would retry by itself, but without telling us; the driver's backoff and state do it
    // visibly instead.
    source.addEventListener('error', () =>
      lose(transportError('network', `The simulator's event stream (${url}) closed or could not be opened.`)),
    )
    return {
      close: () => {
        closed = true
        source.close()
      },
    }
  }

  return {
    connect,
    placeCall: async ({ to, params }: PlaceCallRequest) => {
      const response = await post('/calls', { to, params, leg: legId() })
      const body: unknown = await response.json().catch(() => null)
      if (typeof body === 'object' && body !== null && 'callId' in body && typeof body.callId === 'string') {
        return { callId: body.callId }
      }
      throw transportError('call-failed', 'The simulator placed the call but did not say its callId.')
    },
    hangUp: async (callId) => {
      await post(`/calls/${encodeURIComponent(callId)}/hangup`, {})
    },
    sendDigits: async (callId, digits) => {
      await post(`/calls/${encodeURIComponent(callId)}/digits`, { digits })
    },
  }
}
