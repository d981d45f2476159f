import { describe, expect, it, vi } from 'vitest'
import type { DomainEvent } from '../kernel/events.js'
import { InvalidWebhook, WebhookRejected } from '../kernel/webhooks.js'
import { createRinglane } from '../ringlane.js'
import { TelephonyError } from '../telephony/telephony.js'
import { describeSystemErrorStoreConformance } from '../testing/system-error-store.js'
import { InvalidMetricsRange } from './metrics-range.js'
import { inMemorySystemErrorStore } from './system-error-store-memory.js'
import { refusalReported, systemErrorOf } from './system-errors.js'

let store = inMemorySystemErrorStore()
describeSystemErrorStoreConformance('in memory', async () => ({
  get store() {
    return store
  },
  reset: async () => {
    store = inMemorySystemErrorStore()
  },
  close: async () => {},
}))

describe('system errors from the domain events', () => {
  const at = new Date('2026-11-26T10:00:00Z')

  it('reads a failed call, a recording not fetched and a failed transcription as system errors; other events are not', () => {
    const call = {
      at,
      sessionId: 's1',
      agentId: null,
      campaignId: null,
      leadId: 'L-1',
      queueId: 'new_claims',
      outcomeRecorded: false,
      talkSeconds: null,
      endReason: null,
    }
    expect(systemErrorOf({ ...call, _tag: 'CallEnded', status: 'failed' } as DomainEvent)).toMatchObject({
      kind: 'failed-call',
      sessionId: 's1',
      leadId: 'L-1',
      occurredAt: at,
    })
    // Busy and no answer are the person's line, not the system's.
    expect(systemErrorOf({ ...call, _tag: 'CallEnded', status: 'busy' } as DomainEvent)).toBeNull()
    expect(systemErrorOf({ ...call, _tag: 'CallEnded', status: 'no-answer' } as DomainEvent)).toBeNull()
    expect(
      systemErrorOf({
        _tag: 'RecordingFailed',
        at,
        recordingId: 'r1',
        sessionId: 's1',
        reason: 'fetch 404 (after 3 tries)',
      } as DomainEvent),
    ).toMatchObject({ kind: 'recording-fetch-failed', message: 'fetch 404 (after 3 tries)', sessionId: 's1' })
    expect(
      systemErrorOf({
        _tag: 'TranscriptFailed',
        at,
        transcriptId: 't',
        recordingId: 'r',
        reason: 'timeout',
        attempts: 1,
        willRetry: true,
      } as DomainEvent),
    ).toMatchObject({ kind: 'provider-error', cause: 'transcription' })
    expect(systemErrorOf({ _tag: 'CallAnswered', at } as DomainEvent)).toBeNull()
  })

  it('reads refusals by kind and cause: a webhook by its reason or field, input by error and field, a provider by its error', () => {
    const refused = (error: unknown) => refusalReported('some.method', error, at)
    expect(refused(new WebhookRejected({ reason: 'bad-signature', message: 'no match' }))).toMatchObject({
      kind: 'rejected-webhook',
      cause: 'bad-signature',
      source: 'some.method',
    })
    expect(refused(new InvalidWebhook({ field: 'CallStatus', message: 'unknown' }))).toMatchObject({
      kind: 'rejected-webhook',
      cause: 'malformed: CallStatus',
    })
    expect(refused(new InvalidMetricsRange({ field: 'to', message: 'before' }))).toMatchObject({
      kind: 'validation-refused',
      cause: 'InvalidMetricsRange: to',
    })
    expect(refused(new TelephonyError({ operation: 'dial', message: 'down' }))).toMatchObject({
      kind: 'provider-error',
      cause: 'TelephonyError',
    })
    // A person's refusal (the agent is busy) is not a system error; nor is anything untagged.
    expect(refused({ _tag: 'AgentNotAvailable', message: 'busy' })).toBeNull()
    expect(refused(new Error('boom'))).toBeNull()
    expect(refused('text')).toBeNull()
  })

  it('keeps each refusal of the Promise entry, published on the event stream', async () => {
    const store = inMemorySystemErrorStore()
    const ringlane = await createRinglane({ stores: { systemErrors: store } })
    try {
      await expect(
        ringlane.analytics.systemErrors({ from: '2026-02-30', to: '2026-03-01', timeZone: 'UTC' }),
      ).rejects.toMatchObject({ _tag: 'InvalidMetricsRange' })
      await expect(ringlane.analytics.systemErrors(5 as never)).rejects.toMatchObject({
        _tag: 'InvalidRequest',
      })
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC' }).format(new Date())
      await vi.waitFor(async () => {
        const report = await ringlane.analytics.systemErrors({ from: day, to: day, timeZone: 'UTC' })
        expect(report.byCause.map((c) => [c.kind, c.cause, c.count])).toEqual([
          ['validation-refused', 'InvalidMetricsRange: from', 1],
          ['validation-refused', 'InvalidRequest: range', 1],
        ])
        expect(report.latest.every((e) => e.source === 'analytics.systemErrors')).toBe(true)
      })
    } finally {
      await ringlane.dispose()
    }
  })
})
