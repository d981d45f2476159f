import { Either } from 'effect'
import { describe, expect, it } from 'vitest'
import { type QueueDefinition, resolveQueues } from './queue-definition.js'

const queries = { candidates: async () => [], recheck: async () => new Map() }
const source = (id: string, priority: number, extra: object = {}): QueueDefinition<unknown> => ({
  id,
  label: id,
  kind: 'source',
  priority,
  ...queries,
  ...extra,
})

const errorOf = (definitions: ReadonlyArray<QueueDefinition<unknown>>) => {
  const result = resolveQueues(definitions)
  if (Either.isRight(result)) throw new Error('expected a refusal')
  return result.left
}

describe('resolveQueues', () => {
  it('fills in defaults and sorts by priority', () => {
    const queues = Either.getOrThrow(resolveQueues([source('later', 5), source('first', 1)]))
    expect(queues.map((q) => q.id)).toEqual(['first', 'later'])
    expect(queues[0]).toMatchObject({ threshold: 20, coolingMinutes: 120, maxEntries: 500 })
    expect(queues[0]?.weights.perAttempt).toBe(-5)
  })

  it.each([
    [[source('Bad Id', 1)], 'queues[0].id', 'id must be'],
    [[source('a', 0)], 'queues[0].priority', 'priority must be'],
    [[source('a', 1, { weights: { perAttempt: 'lots' } })], 'queues[0].weights.perAttempt', 'perAttempt'],
    [[source('a', 1, { threshold: -1 })], 'queues[0].threshold', 'threshold'],
    [[source('a', 1), source('a', 2)], 'queues[1].id', 'used by another queue'],
    [[source('a', 1), source('b', 1)], 'queues[1].priority', 'used by another queue'],
    [[{ id: 'a', label: 'A', kind: 'source', priority: 1 }], 'queues[0].candidates', 'needs both'],
    [[], 'queues', 'at least one'],
  ] as const)('refuses an invalid definition and names the field (%#)', (definitions, field, text) => {
    const error = errorOf(definitions as never)
    expect(error._tag).toBe('InvalidQueueDefinition')
    expect(error.field).toBe(field)
    expect(error.message).toContain(text)
  })

  it('accepts a callbacks queue without source queries', () => {
    const queues = Either.getOrThrow(
      resolveQueues([{ id: 'callbacks', label: 'Callbacks', kind: 'callbacks', priority: 1 }]),
    )
    expect(queues[0]?.kind).toBe('callbacks')
  })
})
