import { useEffect, useRef, useState } from 'react'
import {
  type DiallerEventMessage,
  type LiveEventStreamOptions,
  type LiveEventsStatus,
  openLiveEventStream,
} from './live-event-stream.js'

export interface UseDiallerEventsOptions<Event> extends LiveEventStreamOptions {
  /**
   * Turns a message into the app's event type (validate it here), or `null` to skip it. Without it,
   * events are the raw `DiallerEventMessage`s.
   */
  readonly parse?: (message: DiallerEventMessage) => Event | null
  /** Called for every event, in order; the latest function is always used. */
  readonly onEvent?: (event: Event) => void
  /** `false` closes the stream (e.g. while signed out). Default true. */
  readonly enabled?: boolean
}

export interface DiallerEvents<Event> {
  readonly status: LiveEventsStatus
  /** The most recent event, for components that only show the latest state. */
  readonly lastEvent: Event | null
  /** Where the stream will resume after a break; keep it to resume on another page. */
  readonly lastEventId: string | null
  /** The last connection failure, cleared once the stream is open again. */
  readonly error: Error | null
}

/**
 * The dialler's live events (agent states, queue levels, call updates) from a server-sent-event URL.
 * Reconnects with backoff after any break, at once when the browser comes back online, and resumes
 * after the last event it saw by sending `Last-Event-ID`. Nothing runs during a server render.
 *
 * ```tsx
 * const { status } = useDiallerEvents('/events', { onEvent: (event) => console.info(event.type) })
 * ```
 */
export function useDiallerEvents(
  url: string,
  options?: UseDiallerEventsOptions<DiallerEventMessage> & { readonly parse?: undefined },
): DiallerEvents<DiallerEventMessage>
export function useDiallerEvents<Event>(
  url: string,
  options: UseDiallerEventsOptions<Event> & {
    readonly parse: (message: DiallerEventMessage) => Event | null
  },
): DiallerEvents<Event>
export function useDiallerEvents<Event>(
  url: string,
  options: UseDiallerEventsOptions<Event> = {},
): DiallerEvents<Event | DiallerEventMessage> {
  const [state, setState] = useState<DiallerEvents<Event | DiallerEventMessage>>({
    status: options.enabled === false ? 'closed' : 'connecting',
    lastEvent: null,
    lastEventId: options.lastEventId ?? null,
    error: null,
  })
  // Callbacks and tuning change on every render; only the URL, credentials and `enabled` reopen the stream.
  const latest = useRef(options)
  latest.current = options
  const resumeFrom = useRef(options.lastEventId ?? null)
  const { enabled = true, credentials } = options

  useEffect(() => {
    if (!enabled) {
      setState((s) => (s.status === 'closed' ? s : { ...s, status: 'closed' }))
      return
    }
    const current = latest.current
    const stream = openLiveEventStream(
      url,
      {
        lastEventId: resumeFrom.current,
        ...(credentials === undefined ? {} : { credentials }),
        ...(current.retry === undefined ? {} : { retry: current.retry }),
        ...(current.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: current.idleTimeoutMs }),
        ...(current.fetch === undefined ? {} : { fetch: current.fetch }),
      },
      {
        message: (message) => {
          const { parse, onEvent } = latest.current
          const event = parse ? parse(message) : message
          if (event === null) return
          onEvent?.(event as Event)
          setState((s) => ({ ...s, lastEvent: event }))
        },
        status: (status) =>
          setState((s) => ({ ...s, status, ...(status === 'open' ? { error: null } : {}) })),
        error: (error) => setState((s) => ({ ...s, error })),
        lastEventId: (id) => {
          resumeFrom.current = id || null
          setState((s) => ({ ...s, lastEventId: id || null }))
        },
      },
    )
    const online = () => stream.reconnectNow()
    window.addEventListener('online', online)
    return () => {
      window.removeEventListener('online', online)
      stream.close()
    }
  }, [url, enabled, credentials])

  return state
}
