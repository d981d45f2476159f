import { createEventStreamParser } from './event-stream-parser.js'

/** A message from the dialler's live-event stream. `data` is parsed JSON, or the raw text if it is not JSON. */
export interface DiallerEventMessage {
  readonly id: string | null
  readonly type: string
  readonly data: unknown
}

export type LiveEventsStatus = 'connecting' | 'open' | 'reconnecting' | 'closed'

export interface LiveEventStreamOptions {
  /** Resume after this event id on the first connection (e.g. one kept from an earlier page). */
  readonly lastEventId?: string | null
  /** Default `same-origin`. */
  readonly credentials?: RequestCredentials
  /** First wait after a failure, doubling up to `maxDelayMs`. Defaults 1 s and 30 s. */
  readonly retry?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number }
  /**
   * A stream that sends nothing (not even a keep-alive comment) for this long is presumed dead and
   * reopened: a connection lost without a TCP reset otherwise hangs forever. Default 60 s.
   */
  readonly idleTimeoutMs?: number
  /** For tests and non-browser hosts; the global `fetch` by default. */
  readonly fetch?: typeof fetch
}

export interface LiveEventStreamCallbacks {
  readonly message: (message: DiallerEventMessage) => void
  readonly status: (status: LiveEventsStatus) => void
  readonly error: (error: Error) => void
  readonly lastEventId: (id: string) => void
}

const parseData = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

const delayFor = (attempt: number, options: LiveEventStreamOptions): number => {
  const initial = options.retry?.initialDelayMs ?? 1_000
  const max = options.retry?.maxDelayMs ?? 30_000
  const ceiling = Math.min(max, initial * 2 ** attempt)
  // Jitter, so every agent's browser does not reconnect in the same second after a deploy.
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.random())
}

/**
 * Server-sent events over `fetch`, reconnecting with backoff and resuming with `Last-Event-ID` after any
 * break, also one `EventSource` would give up on (an error status, a dead proxy). A `204` answer, as the
 * spec says, means "stop": the stream closes for good. Returns a function that closes it.
 */
export const openLiveEventStream = (
  url: string,
  options: LiveEventStreamOptions,
  on: LiveEventStreamCallbacks,
): { close(): void; reconnectNow(): void } => {
  let lastEventId = options.lastEventId ?? null
  let serverRetryMs: number | null = null
  let attempt = 0
  let closed = false
  let controller: AbortController | null = null
  let wake: (() => void) | null = null
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000

  const readStream = async (response: Response, signal: AbortController) => {
    const body = response.body
    if (!body) throw new Error(`The live-event stream at ${url} has no body.`)
    const reader = body.pipeThrough(new TextDecoderStream()).getReader()
    const parser = createEventStreamParser({
      event: (event) =>
        on.message({ id: event.lastEventId || null, type: event.type, data: parseData(event.data) }),
      retry: (ms) => {
        serverRetryMs = ms
      },
      id: (id) => {
        lastEventId = id || null
        on.lastEventId(id)
      },
    })
    let idle: ReturnType<typeof setTimeout> | undefined
    const armIdle = () => {
      clearTimeout(idle)
      idle = setTimeout(
        () => signal.abort(new Error(`No data from ${url} for ${idleTimeoutMs / 1000} s.`)),
        idleTimeoutMs,
      )
    }
    try {
      armIdle()
      for (;;) {
        const { done, value } = await reader.read()
        if (done || closed) return
        armIdle()
        parser.push(value)
      }
    } finally {
      clearTimeout(idle)
      reader.releaseLock()
    }
  }

  const connectOnce = async (): Promise<'again' | 'stop'> => {
    const signal = new AbortController()
    controller = signal
    const fetchNow = options.fetch ?? globalThis.fetch
    const response = await fetchNow(url, {
      headers: {
        accept: 'text/event-stream',
        'cache-control': 'no-cache',
        ...(lastEventId === null ? {} : { 'last-event-id': lastEventId }),
      },
      credentials: options.credentials ?? 'same-origin',
      cache: 'no-store',
      signal: signal.signal,
    })
    if (response.status === 204) return 'stop'
    const type = response.headers.get('content-type') ?? ''
    if (!response.ok || !type.includes('text/event-stream')) {
      await response.body?.cancel().catch(() => {})
      throw new Error(
        response.ok
          ? `The live-event stream at ${url} answered ${type || 'no content type'}, not text/event-stream.`
          : `The live-event stream at ${url} answered ${response.status} ${response.statusText}`.trim(),
      )
    }
    attempt = 0
    on.status('open')
    try {
      await readStream(response, signal)
    } catch (cause) {
      // An abort by the idle timer carries its reason; treat it like any other break.
      if (signal.signal.aborted && signal.signal.reason instanceof Error) throw signal.signal.reason
      throw cause
    }
    return 'again'
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        wake = null
        resolve()
      }
      wake = done
    })

  const run = async () => {
    on.status('connecting')
    while (!closed) {
      try {
        if ((await connectOnce()) === 'stop') break
      } catch (cause) {
        if (closed) return
        on.error(cause instanceof Error ? cause : new Error(String(cause)))
      }
      if (closed) return
      on.status('reconnecting')
      await sleep(serverRetryMs !== null && attempt === 0 ? serverRetryMs : delayFor(attempt, options))
      attempt++
    }
    if (!closed) {
      closed = true
      on.status('closed')
    }
  }

  void run()

  return {
    close: () => {
      if (closed) return
      closed = true
      controller?.abort()
      wake?.()
      on.status('closed')
    },
    /** Skip the backoff wait, e.g. when the browser comes back online. */
    reconnectNow: () => {
      if (!closed) wake?.()
    },
  }
}
