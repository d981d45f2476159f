import { describe, expect, it } from '@effect/vitest'
import { Effect, Layer, Schema, TestClock } from 'effect'
import type { CallSession } from '../../calls/call-session.js'
import { CallSettings, CallsConfig } from '../../calls/calls-config.js'
import type { LeadId, QueueId } from '../../kernel/ids.js'
import type { E164 } from '../../kernel/phone-numbers.js'
import { type EngineAttempt, QueueStore, type QueueStoreService } from '../../queues/queue-store.js'
import { finishEngineAttempt } from './finish-attempt.js'

const ended = (status: CallSession['status'], answeredBy: CallSession['answeredBy'] = null): CallSession => ({
  id: 's1',
  agentId: null,
  campaignId: 'renewals',
  direction: 'outbound',
  leadId: '42' as LeadId,
  queueId: 'unsigned' as QueueId,
  entryId: 'entry-1',
  phone: '+447700900001' as E164,
  provider: 'fake',
  providerCallId: 'CA1',
  status,
  answeredBy,
  startedAt: new Date(0),
  ringingAt: new Date(0),
  answeredAt: answeredBy ? new Date(0) : null,
  endedAt: new Date(0),
  ringSeconds: 20,
  talkSeconds: null,
  endReason: null,
})

const finishing = (session: CallSession) => {
  const finished: Array<[string, EngineAttempt | undefined]> = []
  const queues: Pick<QueueStoreService, 'finishEngineEntry'> = {
    finishEngineEntry: (id, attempt) => Effect.sync(() => finished.push([id, attempt]) > 0),
  }
  return Effect.as(
    finishEngineAttempt(session).pipe(
      Effect.provide(
        Layer.mergeAll(
          Layer.succeed(QueueStore, queues as Partial<QueueStoreService> as QueueStoreService),
          Layer.succeed(CallsConfig, Schema.decodeUnknownSync(CallSettings)({})),
        ),
      ),
    ),
    finished,
  )
}

describe('an engine call that reached no agent', () => {
  it.effect('tells the lead it was not answered, busy or a machine, with the default retry rules', () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse('2026-11-26T10:00:00Z'))
      // The shipped dispositions: no answer 2 h, busy 30 min, voicemail 4 h.
      expect(yield* finishing(ended('no-answer'))).toEqual([
        ['entry-1', { leadId: '42', outcome: 'no_answer', nextCallAfter: new Date('2026-11-26T12:00:00Z') }],
      ])
      expect(yield* finishing(ended('busy'))).toEqual([
        ['entry-1', { leadId: '42', outcome: 'busy', nextCallAfter: new Date('2026-11-26T10:30:00Z') }],
      ])
      expect(yield* finishing(ended('completed', 'machine'))).toEqual([
        ['entry-1', { leadId: '42', outcome: 'voicemail', nextCallAfter: new Date('2026-11-26T14:00:00Z') }],
      ])
    }),
  )

  it.effect('finishes an entry whose call failed with nothing to tell (no disposition says it)', () =>
    Effect.gen(function* () {
      expect(yield* finishing(ended('failed'))).toEqual([['entry-1', undefined]])
    }),
  )
})
