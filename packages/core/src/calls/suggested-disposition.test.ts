import { describe, expect, it } from 'vitest'
import { suggestedDisposition } from './suggested-disposition.js'

const codes = ['contacted', 'no_answer', 'busy', 'voicemail']
const call = (status: string, extra: { answeredBy?: 'human' | 'machine'; answered?: boolean } = {}) =>
  ({
    status,
    answeredBy: extra.answeredBy ?? null,
    answeredAt: extra.answered ? new Date() : null,
  }) as Parameters<typeof suggestedDisposition>[0]

describe('suggestedDisposition', () => {
  it('reads what the network said: busy, no answer, a machine', () => {
    expect(suggestedDisposition(call('busy'), codes)).toBe('busy')
    expect(suggestedDisposition(call('no-answer'), codes)).toBe('no_answer')
    expect(suggestedDisposition(call('canceled'), codes)).toBe('no_answer')
    expect(suggestedDisposition(call('completed', { answeredBy: 'machine', answered: true }), codes)).toBe(
      'voicemail',
    )
  })

  it('leaves a conversation, a call still going and an outcome not offered to the agent', () => {
    expect(suggestedDisposition(call('completed', { answeredBy: 'human', answered: true }), codes)).toBeNull()
    expect(suggestedDisposition(call('in-progress', { answered: true }), codes)).toBeNull()
    expect(suggestedDisposition(call('canceled', { answered: true }), codes)).toBeNull()
    expect(suggestedDisposition(call('busy'), ['contacted'])).toBeNull()
  })
})
