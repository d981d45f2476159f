import { describe, expect, it } from 'vitest'
import type { AgentId } from '../kernel/ids.js'
import type { AgentStateSpan } from './agent-store.js'
import { agentStateTotals } from './state-report.js'

const ann = 'a0000000-0000-4000-8000-000000000001' as AgentId
const t = (minute: number) => new Date(Date.UTC(2026, 10, 26, 9, minute))
const span = (
  state: AgentStateSpan['state'],
  from: number,
  to: number | null,
  reason: string | null = null,
): AgentStateSpan => ({
  agentId: ann,
  state,
  reason,
  startedAt: t(from),
  endedAt: to === null ? null : t(to),
})

describe('agentStateTotals', () => {
  it('adds each state up within the window, and occupancy is contact time over contact plus available', () => {
    const [totals] = agentStateTotals(
      [
        span('available', 0, 10),
        span('on_call', 10, 25),
        span('wrap_up', 25, 30),
        span('paused', 30, 45, 'Lunch'),
        span('paused', 45, 50, 'Break'),
        span('available', 50, null),
      ],
      [{ agentId: ann, signedInAt: t(0), signedOutAt: null, signOutReason: null }],
      t(0),
      t(60),
    )
    // 20 min available (0-10, 50-60), 15 on a call, 5 wrapping up: (15+5)/(15+5+20) = 0.5.
    expect(totals).toMatchObject({
      availableSeconds: 20 * 60,
      onCallSeconds: 15 * 60,
      wrapUpSeconds: 5 * 60,
      pausedSeconds: 20 * 60,
      pausedByReason: { Lunch: 15 * 60, Break: 5 * 60 },
      signedInSeconds: 60 * 60,
      signIns: 1,
      occupancy: 0.5,
    })
  })

  it('cuts spans and sign-ins at the window, and counts overlapping sign-ins once', () => {
    const [totals] = agentStateTotals(
      [span('on_call', 0, 30)],
      [
        { agentId: ann, signedInAt: t(0), signedOutAt: t(40), signOutReason: 'signed out' },
        { agentId: ann, signedInAt: t(20), signedOutAt: t(50), signOutReason: 'session expired' },
      ],
      t(10),
      t(45),
    )
    expect(totals).toMatchObject({
      onCallSeconds: 20 * 60,
      signedInSeconds: 35 * 60,
      signIns: 1,
      occupancy: 1,
    })
  })

  it('gives no occupancy to an agent who was only paused', () => {
    const [totals] = agentStateTotals([span('paused', 0, 10, 'Training')], [], t(0), t(10))
    expect(totals?.occupancy).toBeNull()
  })
})
