import { describe, expect, it } from 'vitest'
import { checkAgentTransition } from './agent-state.js'

describe('checkAgentTransition', () => {
  it.each([
    ['offline', 'available'],
    ['available', 'on_call'],
    ['on_call', 'wrap_up'],
    ['wrap_up', 'available'],
    ['available', 'offline'],
    ['paused', 'available'],
  ] as const)('lets an agent go from %s to %s', (from, to) => {
    expect(checkAgentTransition(from, to, null)).toBeUndefined()
  })

  it('does not let a call end without wrap-up', () => {
    const problem = checkAgentTransition('on_call', 'available', null)
    expect(problem?._tag).toBe('InvalidAgentTransition')
    expect(problem?.message).toContain('allowed next: wrap_up')
  })

  it('wants a reason for a pause', () => {
    expect(checkAgentTransition('available', 'paused', ' ')?._tag).toBe('PauseReasonRequired')
    expect(checkAgentTransition('available', 'paused', 'break')).toBeUndefined()
    expect(checkAgentTransition('paused', 'paused', 'training')).toBeUndefined()
  })
})
