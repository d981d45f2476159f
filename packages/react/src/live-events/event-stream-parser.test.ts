import { describe, expect, it } from 'vitest'
import { createEventStreamParser, type ServerSentEvent } from './event-stream-parser.js'

const parse = (...chunks: string[]) => {
  const events: ServerSentEvent[] = []
  const ids: string[] = []
  const retries: number[] = []
  const parser = createEventStreamParser({
    event: (event) => events.push(event),
    id: (id) => ids.push(id),
    retry: (ms) => retries.push(ms),
  })
  for (const chunk of chunks) parser.push(chunk)
  return { events, ids, retries }
}

describe('the text/event-stream parser', () => {
  it('reads typed events with ids and multi-line data', () => {
    const { events } = parse('event: agent\nid: 1\ndata: {"a":1}\n\ndata: line one\ndata: line two\n\n')
    expect(events).toEqual([
      { type: 'agent', data: '{"a":1}', lastEventId: '1' },
      { type: 'message', data: 'line one\nline two', lastEventId: '1' },
    ])
  })

  it('handles CRLF and CR line ends, even split across chunks', () => {
    expect(parse('data: a\r', '\n\r', '\ndata: b\r\r').events.map((e) => e.data)).toEqual(['a', 'b'])
  })

  it('joins fields split across chunks and ignores a leading byte-order mark', () => {
    expect(parse('\uFEFFda', 'ta: hel', 'lo\n', '\n').events).toEqual([
      { type: 'message', data: 'hello', lastEventId: '' },
    ])
  })

  it('skips comments, unknown fields and events without data, but keeps their ids', () => {
    const { events, ids } = parse(': keep-alive\n\nid: 7\n\nfoo: bar\nevent: x\n\n')
    expect(events).toEqual([])
    expect(ids).toEqual(['7'])
  })

  it('takes a field with no colon as empty, and strips only one leading space', () => {
    expect(parse('data\ndata:  two\n\n').events[0]?.data).toBe('\n two')
  })

  it('reads retry only when it is a number, and ignores ids containing NUL', () => {
    const { retries, ids } = parse('retry: 2500\nretry: soon\nid: a\u0000b\n\n')
    expect(retries).toEqual([2500])
    expect(ids).toEqual([])
  })

  it('waits for the blank line before dispatching', () => {
    expect(parse('data: unfinished\n').events).toEqual([])
  })
})
