import type { DiallerEventMessage } from '@ringlane/react'
import type { LiveSnapshot } from '../server/supervisor.server'

/** The statuses of a call not yet ended: the server's first view lists these, and events keep them. */
export const OPEN_CALL_STATUSES = ['initiated', 'queued', 'ringing', 'in-progress'] as const

const isOpenCallStatus = (status: string) => (OPEN_CALL_STATUSES as ReadonlyArray<string>).includes(status)

/** The live events the dashboard uses, checked field by field: the stream is outside input. */
export type DashboardEvent =
  | { type: 'agent-state'; agentId: string; state: string; reason: string | null }
  | { type: 'call'; sessionId: string; agentId: string; status: string; outcomeRecorded: boolean }
  | { type: 'queue-levels'; levels: ReadonlyArray<{ queueId: string; waiting: number; claimed: number }> }
  | { type: 'call-control'; sessionId: string; action: string }

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null
const isString = (value: unknown): value is string => typeof value === 'string'

/** An event from the stream as the dashboard reads it, or null for one it does not use or trust. */
export const parseDashboardEvent = ({ type, data }: DiallerEventMessage): DashboardEvent | null => {
  if (!isRecord(data)) return null
  if (type === 'agent-state' && isString(data.agentId) && isString(data.state))
    return {
      type,
      agentId: data.agentId,
      state: data.state,
      reason: isString(data.reason) ? data.reason : null,
    }
  if (type === 'call' && isString(data.sessionId) && isString(data.agentId) && isString(data.status))
    return {
      type,
      sessionId: data.sessionId,
      agentId: data.agentId,
      status: data.status,
      outcomeRecorded: data.outcomeRecorded === true,
    }
  if (type === 'call-control' && isString(data.sessionId) && isString(data.action))
    return { type, sessionId: data.sessionId, action: data.action }
  if (type === 'queue-levels' && Array.isArray(data.levels)) {
    const levels = data.levels.flatMap((level: unknown) =>
      isRecord(level) &&
      isString(level.queueId) &&
      typeof level.waiting === 'number' &&
      typeof level.claimed === 'number'
        ? [{ queueId: level.queueId, waiting: level.waiting, claimed: level.claimed }]
        : [],
    )
    return { type, levels }
  }
  return null
}

/** Applies one event to what the page shows. Says whether the server must fill in details. */
export const applyDashboardEvent = (
  live: LiveSnapshot,
  event: DashboardEvent,
  now = new Date(),
): { live: LiveSnapshot; incomplete: boolean } => {
  switch (event.type) {
    case 'agent-state': {
      const known = live.agents.some((a) => a.id === event.agentId)
      return {
        incomplete: !known,
        live: {
          ...live,
          agents: live.agents.map((a) =>
            a.id === event.agentId
              ? { ...a, state: event.state, reason: event.reason, since: now.toISOString() }
              : a,
          ),
        },
      }
    }
    // A transferred call has a new agent (or none, back in a queue): the server says who.
    case 'call-control':
      return { live, incomplete: event.action.startsWith('transferred') }
    case 'call': {
      // Over, or over for its agent: once the outcome is recorded the agent has moved on, even while
      // the provider has not yet said the call ended.
      if (!isOpenCallStatus(event.status) || event.outcomeRecorded)
        return {
          incomplete: false,
          live: { ...live, calls: live.calls.filter((c) => c.sessionId !== event.sessionId) },
        }
      const existing = live.calls.find((c) => c.sessionId === event.sessionId)
      if (existing)
        return {
          incomplete: false,
          live: {
            ...live,
            calls: live.calls.map((c) =>
              c.sessionId === event.sessionId
                ? {
                    ...c,
                    status: event.status,
                    answeredAt:
                      event.status === 'in-progress' ? (c.answeredAt ?? now.toISOString()) : c.answeredAt,
                  }
                : c,
            ),
          },
        }
      // A call we have not seen: show it now, and let the server add its lead and queue.
      const agentName = live.agents.find((a) => a.id === event.agentId)?.name ?? 'Agent'
      return {
        incomplete: true,
        live: {
          ...live,
          calls: [
            ...live.calls,
            {
              sessionId: event.sessionId,
              agentId: event.agentId,
              agentName,
              leadId: '',
              leadName: null,
              queueId: '',
              status: event.status,
              startedAt: now.toISOString(),
              answeredAt: event.status === 'in-progress' ? now.toISOString() : null,
            },
          ],
        },
      }
    }
    case 'queue-levels':
      return {
        incomplete: false,
        live: {
          ...live,
          levels: live.levels.map((level) => {
            const update = event.levels.find((l) => l.queueId === level.queueId)
            return update ? { ...level, waiting: update.waiting, claimed: update.claimed } : level
          }),
        },
      }
  }
}
