import { describe, expect, it } from 'vitest'
import type { AgentId } from '../kernel/ids.js'
import { occupancy, type SlaContact, slaFigures, slaReport } from './sla.js'

const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 10, 26, 9, minute, second))
const contact = (
  enqueued: Date,
  outcome: Partial<Omit<SlaContact, 'enqueuedAt' | 'queueId'>> = {},
  queueId = 'claims',
): SlaContact => ({
  queueId,
  enqueuedAt: enqueued,
  answeredAt: null,
  abandonedAt: null,
  overflowedAt: null,
  endedAt: null,
  ...outcome,
})

describe('SLA figures (Amazon Connect definitions)', () => {
  // Five calls: answered after 10 s and after exactly 20 s, answered after 45 s, abandoned, overflowed;
  // and one still waiting. Worked out by hand.
  const contacts = [
    contact(at(0), { answeredAt: at(0, 10), endedAt: at(4, 10) }),
    contact(at(1), { answeredAt: at(1, 20), endedAt: at(3, 20) }),
    contact(at(2), { answeredAt: at(2, 45), endedAt: at(8, 45) }),
    contact(at(3), { abandonedAt: at(3, 30), endedAt: at(3, 30) }),
    contact(at(4), { overflowedAt: at(5), endedAt: at(5) }),
    contact(at(5)),
  ]

  it('counts service level over contacts removed from the queue, answered within X seconds inclusive', () => {
    const figures = slaFigures(contacts, 20)
    expect(figures).toMatchObject({ queued: 6, answered: 3, abandoned: 1, overflowed: 1, waiting: 1 })
    expect(figures.answeredWithin).toBe(2)
    expect(figures.serviceLevel).toBeCloseTo(2 / 5)
    // (10 + 20 + 45) / 3
    expect(figures.averageSpeedOfAnswerSeconds).toBeCloseTo(25)
    expect(figures.abandonmentRate).toBeCloseTo(1 / 6)
    // (240 + 120 + 360) / 3 talk, plus 30 s wrap-up each.
    expect(figures.averageHandleSeconds).toBeCloseTo(240)
    expect(slaFigures(contacts, 20, 30).averageHandleSeconds).toBeCloseTo(270)
  })

  it('has no rates when there is nothing to count', () => {
    expect(slaFigures([], 20)).toMatchObject({
      queued: 0,
      serviceLevel: null,
      averageSpeedOfAnswerSeconds: null,
      abandonmentRate: null,
      averageHandleSeconds: null,
    })
  })

  it('cuts a window into intervals per queue, each contact in the one it entered', () => {
    const report = slaReport([...contacts, contact(at(1), {}, 'sales'), contact(at(30))], [], {
      since: at(0),
      until: at(10),
      serviceLevelSeconds: 20,
      intervalMinutes: 5,
    })
    expect(report.queues.map((q) => q.queueId)).toEqual(['claims', 'sales'])
    const claims = report.queues[0]
    expect(claims?.intervals.map((i) => i.queued)).toEqual([5, 1])
    expect(claims?.intervals[1]?.start).toEqual(at(5))
    expect(report.total.queued).toBe(7)
  })

  it('reads occupancy as time on calls and wrapping up over that plus time available', () => {
    const agent = 'a1' as AgentId
    const spans = [
      { agentId: agent, state: 'available' as const, reason: null, startedAt: at(0), endedAt: at(2) },
      { agentId: agent, state: 'on_call' as const, reason: null, startedAt: at(2), endedAt: at(7) },
      { agentId: agent, state: 'wrap_up' as const, reason: null, startedAt: at(7), endedAt: at(8) },
      { agentId: agent, state: 'paused' as const, reason: 'break', startedAt: at(8), endedAt: null },
    ]
    // 6 busy minutes over 8 counted; the pause counts for neither.
    expect(occupancy(spans, at(0), at(20))).toBeCloseTo(6 / 8)
    const report = slaReport([], spans, {
      since: at(0),
      until: at(10),
      serviceLevelSeconds: 20,
      intervalMinutes: 5,
    })
    expect(report.occupancy.intervals.map((i) => i.occupancy)).toEqual([3 / 5, 3 / 3])
    expect(occupancy([], at(0), at(1))).toBeNull()
  })
})
