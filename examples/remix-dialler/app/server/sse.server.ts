/** Writes one server-sent event: an optional id (for Last-Event-ID resume), a name and JSON data. */
export type SendEvent = (name: string, data: unknown, id?: number) => void

/** The Last-Event-ID a reconnecting client sent (header, or `lastEventId` in the query), if any. */
export const lastEventId = (request: Request) => {
  const after = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId')
  return after && /^\d+$/.test(after) ? Number(after) : null
}

/**
 * A server-sent event stream: `start` sends what it has and subscribes, returning how to unsubscribe.
 * A keep-alive comment every 20 s stops proxies closing an idle stream; the client going away ends it.
 */
export const sseResponse = (request: Request, start: (send: SendEvent) => () => void) => {
  const encoder = new TextEncoder()
  let stop = () => {}
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => controller.enqueue(encoder.encode(text))
      const unsubscribe = start((name, data, id) =>
        write(`${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`),
      )
      const keepAlive = setInterval(() => write(': keep-alive\n\n'), 20_000)
      stop = () => {
        clearInterval(keepAlive)
        unsubscribe()
      }
      request.signal.addEventListener('abort', () => {
        stop()
        try {
          controller.close()
        } catch {
          // already closed by the client going away
        }
      })
    },
    cancel() {
      stop()
    },
  })
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  })
}
