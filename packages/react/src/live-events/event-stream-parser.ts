/** One server-sent event, as the WHATWG spec's parser dispatches it. */
export interface ServerSentEvent {
  readonly type: string
  readonly data: string
  /** The last event id seen so far on this stream (it carries over events that set none). */
  readonly lastEventId: string
}

export interface ParserCallbacks {
  readonly event: (event: ServerSentEvent) => void
  readonly retry: (milliseconds: number) => void
  /** Called for every `id:` field, even on events without data, so a resume point is never lost. */
  readonly id: (lastEventId: string) => void
}

/**
 * The `text/event-stream` format, parsed incrementally from decoded text chunks (WHATWG HTML,
 * "Interpreting an event stream"). `EventSource` has this built in, but it cannot send the
 * `Last-Event-ID` of a previous connection, which is why the live-events stream reads the body itself.
 */
export const createEventStreamParser = (callbacks: ParserCallbacks) => {
  let buffer = ''
  let started = false
  let type = ''
  let data = ''
  let lastEventId = ''
  // A chunk that ended in `\r` may continue with `\n`: the same line break, not an empty line.
  let skipLeadingLineFeed = false

  const dispatch = () => {
    if (data === '') {
      type = ''
      return
    }
    callbacks.event({
      type: type || 'message',
      data: data.endsWith('\n') ? data.slice(0, -1) : data,
      lastEventId,
    })
    type = ''
    data = ''
  }

  const line = (text: string) => {
    if (text === '') return dispatch()
    if (text.startsWith(':')) return
    const colon = text.indexOf(':')
    const field = colon === -1 ? text : text.slice(0, colon)
    let value = colon === -1 ? '' : text.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    switch (field) {
      case 'event':
        type = value
        break
      case 'data':
        data += `${value}\n`
        break
      case 'id':
        if (!value.includes('\u0000')) {
          lastEventId = value
          callbacks.id(value)
        }
        break
      case 'retry':
        if (/^\d+$/.test(value)) callbacks.retry(Number(value))
        break
    }
  }

  return {
    push(chunk: string): void {
      let text = chunk
      if (!started && text.length > 0) {
        started = true
        if (text.startsWith('\uFEFF')) text = text.slice(1)
      }
      if (skipLeadingLineFeed && text.startsWith('\n')) text = text.slice(1)
      skipLeadingLineFeed = false
      buffer += text
      let start = 0
      for (let i = 0; i < buffer.length; i++) {
        const char = buffer[i]
        if (char !== '\n' && char !== '\r') continue
        line(buffer.slice(start, i))
        if (char === '\r') {
          if (i + 1 === buffer.length) skipLeadingLineFeed = true
          else if (buffer[i + 1] === '\n') i++
        }
        start = i + 1
      }
      buffer = buffer.slice(start)
    },
  }
}
