import { describe, expect, it } from 'vitest'
import type { LiveSnapshot } from '../server/supervisor.server'
import { applyDashboardEvent, parseDashboardEvent } from './live-dashboard'

const now = new Date('2026-01-05T10:00:00Z')
const fresh = 'fresh' as LiveSnapshot['levels'][number]['queueId']
const snapshot: LiveSnapshot = {
  agents: [{ id: 'a1', name: 'Demo agent', state: 'available', reason: null, since: null }],
  calls: [],
  levels: [{ queueId: fresh, label: 'Fresh', threshold: 10, waiting: 12, claimed: 1 }],
}

describe('parseDashboardEvent', () => {
  it('keeps the events the dashboard uses, field by field', () => {
    expect(
      parseDashboardEvent({
        id: '1',
        type: 'agent-state',
        data: { agentId: 'a1', state: 'paused', reason: 'Lunch' },
      }),
    ).toEqual({ type: 'agent-state', agentId: 'a1', state: 'paused', reason: 'Lunch' })
    expect(
      parseDashboardEvent({
        id: '2',
        type: 'queue-levels',
        data: { levels: [{ queueId: 'fresh', waiting: 3, claimed: 2 }, { queueId: 7 }] },
      }),
    ).toEqual({ type: 'queue-levels', levels: [{ queueId: 'fresh', waiting: 3, claimed: 2 }] })
  })

  it('drops what it does not use or trust', () => {
    expect(parseDashboardEvent({ id: '1', type: 'sms', data: { conversationId: 'c' } })).toBeNull()
    expect(parseDashboardEvent({ id: '1', type: 'call', data: { sessionId: 's1' } })).toBeNull()
    expect(parseDashboardEvent({ id: '1', type: 'call', data: 'nonsense' })).toBeNull()
  })
})

describe('applyDashboardEvent', () => {
  it('shows a call it has not seen at once, and asks the server for its lead and queue', () => {
    const next = applyDashboardEvent(
      snapshot,
      { type: 'call', sessionId: 's1', agentId: 'a1', status: 'in-progress', outcomeRecorded: false },
      now,
    )
    expect(next.incomplete).toBe(true)
    expect(next.live.calls).toEqual([
      {
        sessionId: 's1',
        agentId: 'a1',
        agentName: 'Demo agent',
        leadId: '',
        // Not known yet: the server is asked for the lead, its name and queue.
        leadName: null,
        queueId: '',
        status: 'in-progress',
        startedAt: now.toISOString(),
        answeredAt: now.toISOString(),
      },
    ])
    const ended = applyDashboardEvent(
      next.live,
      { type: 'call', sessionId: 's1', agentId: 'a1', status: 'completed', outcomeRecorded: false },
      now,
    )
    expect(ended).toEqual({ incomplete: false, live: { ...next.live, calls: [] } })
  })

  it("updates an agent's state, and an unknown agent sends it to the server", () => {
    const paused = applyDashboardEvent(
      snapshot,
      { type: 'agent-state', agentId: 'a1', state: 'paused', reason: 'Lunch' },
      now,
    )
    expect(paused.incomplete).toBe(false)
    expect(paused.live.agents[0]).toMatchObject({
      state: 'paused',
      reason: 'Lunch',
      since: now.toISOString(),
    })
    expect(
      applyDashboardEvent(snapshot, { type: 'agent-state', agentId: 'a2', state: 'available', reason: null })
        .incomplete,
    ).toBe(true)
  })

  it('takes queue levels it knows, leaving thresholds and labels', () => {
    const next = applyDashboardEvent(snapshot, {
      type: 'queue-levels',
      levels: [
        { queueId: 'fresh', waiting: 4, claimed: 3 },
        { queueId: 'other', waiting: 1, claimed: 0 },
      ],
    })
    expect(next.live.levels).toEqual([
      { queueId: 'fresh', label: 'Fresh', threshold: 10, waiting: 4, claimed: 3 },
    ])
  })
})
