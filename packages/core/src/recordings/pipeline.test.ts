import { describe, expect, it } from '@effect/vitest'
import { Effect, Fiber, TestClock } from 'effect'
import type { RecordingEvent } from '../telephony/call-event.js'
import { fakeTelephony, recordingsWorld } from './fakes.test.support.js'
import { processRecordingEvent, retryFailedRecordings, retryRecording } from './pipeline.js'
import { listRecordings } from './read-recordings.js'

const event = (overrides: Partial<RecordingEvent> = {}): RecordingEvent => ({
  providerCallId: 'CA1',
  sessionId: 'session-1',
  providerRecordingId: 'RE1',
  status: 'completed',
  mediaUrl: 'https://provider.test/RE1',
  durationSeconds: 42,
  channels: 2,
  occurredAt: new Date('2026-11-20T10:00:00Z'),
  ...overrides,
})

const setup = recordingsWorld

/** Runs a program whose retries sleep, moving the test clock on until it is done. */
const withTimePassing = <A, E, R>(program: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(program)
    yield* TestClock.adjust('10 minutes')
    return yield* Fiber.join(fiber)
  })

describe('the recording pipeline', () => {
  it.effect('copies a finished recording into storage under a deterministic path, with its facts', () => {
    const { storage, layer } = setup()
    return Effect.gen(function* () {
      const { outcome, recording } = yield* processRecordingEvent(event())
      expect(outcome).toBe('stored')
      expect(recording).toMatchObject({
        status: 'stored',
        provider: 'fake',
        providerCallId: 'CA1',
        sessionId: 'session-1',
        durationSeconds: 42,
        channels: 2,
        sizeBytes: 7,
        contentType: 'audio/x-wav',
        fetchAttempts: 1,
        storagePath: `2026/11/20/${recording.id}.wav`,
      })
      expect(storage.objects.get(recording.storagePath ?? '')?.bytes).toEqual(
        new Uint8Array([82, 73, 70, 70, 1, 2, 3]),
      )
    }).pipe(Effect.provide(layer))
  })

  it.effect('retries a failing fetch with growing waits, then stores it', () => {
    const telephony = fakeTelephony({ failFirst: 3 })
    const { layer } = setup(telephony, { fetchBackoffMs: 1000, fetchTries: 5 })
    return Effect.gen(function* () {
      const { outcome, recording } = yield* withTimePassing(processRecordingEvent(event()))
      expect(outcome).toBe('stored')
      expect(recording.fetchAttempts).toBe(4)
      const gaps = telephony.calls.slice(1).map((t, i) => t - (telephony.calls[i] ?? 0))
      expect(gaps).toHaveLength(3)
      // Exponential with ±20% jitter: each wait is well over the one before, starting near 1 s.
      expect(gaps[0]).toBeGreaterThanOrEqual(800)
      expect(gaps[0]).toBeLessThanOrEqual(1200)
      for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan((gaps[i - 1] ?? 0) * 1.3)
    }).pipe(Effect.provide(layer))
  })

  it.effect(
    'a fetch that keeps failing is kept as failed with the reason, listed, and retried by the job',
    () => {
      const telephony = fakeTelephony({ failFirst: 5 })
      const { storage, layer } = setup(telephony, { fetchTries: 5 })
      return Effect.gen(function* () {
        const first = yield* withTimePassing(processRecordingEvent(event()))
        expect(first.outcome).toBe('failed')
        expect(first.recording).toMatchObject({ status: 'failed', fetchAttempts: 5, storagePath: null })
        expect(first.recording.failureReason).toBe(
          'fetching the media from fake failed: HTTP 503 from provider (after 5 tries)',
        )
        expect(storage.objects.size).toBe(0)
        const failed = yield* listRecordings({ status: 'failed' })
        expect(failed.map((r) => r.id)).toEqual([first.recording.id])

        // The provider is back: the retry job fetches it again and stores it.
        const report = yield* withTimePassing(retryFailedRecordings())
        expect(report).toEqual({ attempted: 1, stored: 1, failed: 0 })
        expect(yield* listRecordings({ status: 'failed' })).toEqual([])
        const [stored] = yield* listRecordings({ status: 'stored' })
        expect(stored).toMatchObject({ id: first.recording.id, fetchAttempts: 6, failureReason: null })
      }).pipe(Effect.provide(layer))
    },
  )

  it.effect('storage that keeps failing is a failure too, saying which step failed', () => {
    const { storage, layer } = setup(fakeTelephony(), { fetchTries: 2 })
    storage.failures.put = 2
    return Effect.gen(function* () {
      const { outcome, recording } = yield* withTimePassing(processRecordingEvent(event()))
      expect(outcome).toBe('failed')
      expect(recording.failureReason).toMatch(/^storing the media in memory failed: bucket down/)
    }).pipe(Effect.provide(layer))
  })

  it.effect('an empty download is a failure, not an empty recording', () => {
    const { layer } = setup(fakeTelephony({ bytes: new Uint8Array() }), { fetchTries: 1 })
    return Effect.gen(function* () {
      const { recording } = yield* processRecordingEvent(event())
      expect(recording.status).toBe('failed')
      expect(recording.failureReason).toMatch(/sent no bytes/)
    }).pipe(Effect.provide(layer))
  })

  it.effect('a duplicate event is a no-op: one row, one fetch', () => {
    const telephony = fakeTelephony()
    const { store, layer } = setup(telephony)
    return Effect.gen(function* () {
      const first = yield* processRecordingEvent(event())
      const again = yield* processRecordingEvent(event({ occurredAt: new Date('2026-11-20T10:00:05Z') }))
      expect(again).toEqual({ outcome: 'duplicate', recording: first.recording })
      expect(store.rows.size).toBe(1)
      expect(telephony.calls).toHaveLength(1)
    }).pipe(Effect.provide(layer))
  })

  it.effect('a recording the provider reports failed is kept as unavailable and never fetched', () => {
    const telephony = fakeTelephony()
    const { layer } = setup(telephony)
    return Effect.gen(function* () {
      const { outcome, recording } = yield* processRecordingEvent(event({ status: 'absent', mediaUrl: null }))
      expect(outcome).toBe('unavailable')
      expect(recording).toMatchObject({
        status: 'unavailable',
        failureReason: 'the provider reported the recording absent',
      })
      expect(telephony.calls).toHaveLength(0)
      expect(yield* retryFailedRecordings()).toEqual({ attempted: 0, stored: 0, failed: 0 })
    }).pipe(Effect.provide(layer))
  })

  it.effect('refuses a malformed event naming the field, and writes nothing', () => {
    const { store, layer } = setup()
    return Effect.gen(function* () {
      const error = yield* Effect.flip(processRecordingEvent(event({ providerRecordingId: '  ' })))
      expect(error).toMatchObject({ _tag: 'InvalidRecordingRequest', field: 'providerRecordingId' })
      expect(store.rows.size).toBe(0)
    }).pipe(Effect.provide(layer))
  })

  it.effect('retryRecording fetches one failed recording now; a stored or unknown one is refused', () => {
    const telephony = fakeTelephony({ failFirst: 1 })
    const { layer } = setup(telephony, { fetchTries: 1 })
    return Effect.gen(function* () {
      const { recording } = yield* processRecordingEvent(event())
      expect(recording.status).toBe('failed')
      expect((yield* retryRecording(recording.id)).outcome).toBe('stored')
      expect(yield* Effect.flip(retryRecording(recording.id))).toMatchObject({
        _tag: 'RecordingNotRetryable',
        status: 'stored',
      })
      expect(yield* Effect.flip(retryRecording('00000000-0000-4000-8000-999999999999'))).toMatchObject({
        _tag: 'UnknownRecording',
      })
      expect(yield* Effect.flip(retryRecording('RE1'))).toMatchObject({
        _tag: 'InvalidRecordingRequest',
        field: 'recordingId',
      })
    }).pipe(Effect.provide(layer))
  })

  it.effect('the retry job leaves a recording alone once it used up maxFetchAttempts', () => {
    const { layer } = setup(fakeTelephony({ failFirst: Number.POSITIVE_INFINITY }), {
      fetchTries: 2,
      maxFetchAttempts: 4,
    })
    return Effect.gen(function* () {
      yield* withTimePassing(processRecordingEvent(event()))
      expect(yield* withTimePassing(retryFailedRecordings())).toEqual({ attempted: 1, stored: 0, failed: 1 })
      expect(yield* retryFailedRecordings()).toEqual({ attempted: 0, stored: 0, failed: 0 })
      const [failed] = yield* listRecordings({ status: 'failed' })
      expect(failed?.fetchAttempts).toBe(4)
    }).pipe(Effect.provide(layer))
  })
})
