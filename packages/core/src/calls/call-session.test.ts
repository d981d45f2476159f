import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CallEvent, CallStatus } from '../telephony/call-event.js'
import { applyCallEvent, type CallSession, timeOutCallSession } from './call-session.js'

const start = new Date('2026-11-20T10:00:00Z')
const session: CallSession = {
  id: 's1',
  agentId: 'a' as never,
  campaignId: null,
  direction: 'outbound',
  leadId: '1' as never,
  queueId: 'unsigned' as never,
  entryId: 'e1',
  phone: '+447700900001' as never,
  provider: 'simulator',
  providerCallId: null,
  status: 'initiated',
  answeredBy: null,
  startedAt: start,
  ringingAt: null,
  answeredAt: null,
  endedAt: null,
  ringSeconds: null,
  talkSeconds: null,
  endReason: null,
}
const event = (status: CallStatus, second: number, extra: Partial<CallEvent> = {}): CallEvent => ({
  providerCallId: 'CA1',
  sessionId: 's1',
  status,
  occurredAt: new Date(+start + second * 1000),
  answeredBy: null,
  durationSeconds: null,
  errorCode: null,
  ...extra,
})
const apply = (events: CallEvent[]) => events.reduce(applyCallEvent, session)

const answered = [
  event('ringing', 2),
  event('in-progress', 9, { answeredBy: 'human' }),
  event('completed', 70, { durationSeconds: 61 }),
]

describe('applyCallEvent', () => {
  it('follows a call from ringing to answered to completed, with ring and talk times', () => {
    expect(apply(answered)).toMatchObject({
      providerCallId: 'CA1',
      status: 'completed',
      answeredBy: 'human',
      ringingAt: new Date(+start + 2000),
      answeredAt: new Date(+start + 9000),
      endedAt: new Date(+start + 70_000),
      ringSeconds: 9,
      talkSeconds: 61,
    })
  })

  it('ignores duplicates and late arrivals: a late "ringing" never overwrites "completed"', () => {
    const done = apply(answered)
    expect(applyCallEvent(done, event('ringing', 2))).toBe(done)
    expect(applyCallEvent(done, event('completed', 70, { durationSeconds: 61 }))).toBe(done)
    expect(applyCallEvent(done, event('busy', 80))).toBe(done)
  })

  it('ends unanswered calls with their ring time and no talk time', () => {
    expect(apply([event('ringing', 1), event('no-answer', 31)])).toMatchObject({
      status: 'no-answer',
      ringSeconds: 31,
      talkSeconds: 0,
    })
    // Without the provider's figure, talk time is measured, even when the answer arrives last.
    expect(apply([event('completed', 70), event('in-progress', 9)])).toMatchObject({
      answeredAt: new Date(+start + 9000),
      talkSeconds: 61,
    })
    expect(apply([event('failed', 1, { errorCode: '13224' })])).toMatchObject({
      status: 'failed',
      endReason: 'provider error 13224',
    })
  })

  it('ends in the same session whatever order and how often the events arrive', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...answered, ...answered], { minLength: 6, maxLength: 6 }),
        (events) => {
          expect(apply(events)).toEqual(apply(answered))
        },
      ),
    )
  })

  it('never moves a session backwards', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ status: fc.constantFrom(...CallStatus.literals), second: fc.nat(300) }), {
          maxLength: 12,
        }),
        (steps) => {
          let current = session
          for (const step of steps) {
            const next = applyCallEvent(current, event(step.status, step.second))
            const terminal = ['completed', 'busy', 'no-answer', 'failed', 'canceled']
            if (terminal.includes(current.status)) expect(next.status).toBe(current.status)
            current = next
          }
        },
      ),
    )
  })
})

describe('timeOutCallSession', () => {
  it('ends a forgotten call with the reason, and leaves finished calls alone', () => {
    const ringing = apply([event('ringing', 2)])
    const ended = timeOutCallSession(
      ringing,
      new Date(+start + 600_000),
      'no status from the provider for 10 minutes',
    )
    expect(ended).toMatchObject({
      status: 'failed',
      endReason: 'no status from the provider for 10 minutes',
      talkSeconds: 0,
    })
    const done = apply(answered)
    expect(timeOutCallSession(done, new Date(), 'x')).toBe(done)
  })

  it('a call settled when its outcome was recorded stays as settled, whatever webhooks come late', () => {
    const terminalStatuses: CallStatus[] = ['completed', 'busy', 'no-answer', 'failed', 'canceled']
    const step = fc.record({
      status: fc.constantFrom(...CallStatus.literals),
      second: fc.nat(600),
      duration: fc.option(fc.nat(600), { nil: null }),
    })
    const toEvent = (s: { status: CallStatus; second: number; duration: number | null }) =>
      event(s.status, s.second, { durationSeconds: s.duration, answeredBy: 'human', errorCode: '31005' })
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 4 }),
        // Settled by the provider's answer to a look-up (a final status), or ended with a reason.
        fc.oneof(
          fc.record({
            by: fc.constant('provider' as const),
            final: step.filter((s) => terminalStatuses.includes(s.status)),
          }),
          fc.record({ by: fc.constant('reason' as const), second: fc.nat(600) }),
        ),
        fc.array(step, { maxLength: 8 }),
        (before, settle, late) => {
          const open = before.map(toEvent).reduce(applyCallEvent, session)
          const settled =
            settle.by === 'reason'
              ? timeOutCallSession(open, new Date(+start + settle.second * 1000), 'outcome recorded')
              : applyCallEvent(open, toEvent(settle.final))
          const after = late.map(toEvent).reduce(applyCallEvent, settled)
          expect(after.status).toBe(settled.status)
          expect(after.endedAt).toEqual(settled.endedAt)
          expect(after.endReason).toBe(settled.endReason)
        },
      ),
    )
  })
})
