import { Effect, Option } from 'effect'
import { describe, expect, it } from 'vitest'
import type { Recording, RecordingId } from '../recordings/recording.js'
import type { NewRecording, RecordingFilter, RecordingStoreService } from '../recordings/recording-store.js'
import { withFixture } from './suite.js'

/** Reads what the store really wrote, bypassing the adapter under test (raw queries). */
export interface RecordingStoreInspector {
  /** The recording as stored, or undefined. */
  readonly recording: (id: string) => Promise<Recording | undefined>
  readonly recordingCount: () => Promise<number>
}

export interface RecordingStoreFixture {
  readonly store: RecordingStoreService
  readonly inspect: RecordingStoreInspector
  /** Empties the store between tests. */
  readonly reset: () => Promise<void>
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute))
const missingId = '00000000-0000-4000-8000-00000000dead' as RecordingId

/**
 * A recording as a provider reports it (Twilio here): `id` is its recording id, with a call and session
 * named after it, being fetched, recorded at 10:00 on 20 November 2026; `extra` changes any of it.
 */
export const newRecording = (id: string, extra: Partial<NewRecording> = {}): NewRecording => ({
  provider: 'twilio',
  providerRecordingId: id,
  providerCallId: `CA-${id}`,
  sessionId: `session-${id}`,
  status: 'fetching',
  mediaUrl: `https://api.twilio.test/Recordings/${id}`,
  durationSeconds: 42,
  channels: 2,
  failureReason: null,
  recordedAt: at(0),
  ...extra,
})

/**
 * The contract every recording store meets. Call it once from the adapter's test file with a setup
 * that returns a fresh, migrated store on a real engine.
 */
export const describeRecordingStoreConformance = (
  name: string,
  setup: () => Promise<RecordingStoreFixture>,
) =>
  describe(`RecordingStore conformance: ${name}`, () => {
    let fixture: RecordingStoreFixture
    let store: RecordingStoreService
    const add = async (id: string, now: Date, extra: Partial<NewRecording> = {}) =>
      (await run(store.addRecording(newRecording(id, extra), now))).recording
    const failed = async (id: string, now: Date, fetchTries: number, extra: Partial<NewRecording> = {}) => {
      const { id: recordingId } = await add(id, now, extra)
      return run(store.markFailed(recordingId, { reason: 'HTTP 503', fetchTries }, now))
    }
    const storedAs = (id: RecordingId, now: Date, fetchTries = 1) =>
      run(
        store.markStored(
          id,
          { storagePath: `2026/11/20/${id}.wav`, contentType: 'audio/wav', sizeBytes: 1024, fetchTries },
          now,
        ),
      )

    withFixture(setup, (opened) => {
      fixture = opened
      store = fixture.store
    })

    describe('adding', () => {
      it('adds a recording as the provider reported it, its media not yet stored', async () => {
        const result = await run(store.addRecording(newRecording('RE1'), at(1)))
        expect(result).toEqual({
          created: true,
          recording: {
            id: expect.any(String),
            provider: 'twilio',
            providerRecordingId: 'RE1',
            providerCallId: 'CA-RE1',
            sessionId: 'session-RE1',
            status: 'fetching',
            mediaUrl: 'https://api.twilio.test/Recordings/RE1',
            storagePath: null,
            contentType: null,
            sizeBytes: null,
            durationSeconds: 42,
            channels: 2,
            fetchAttempts: 0,
            failureReason: null,
            recordedAt: at(0),
            storedAt: null,
            deletedAt: null,
            updatedAt: at(1),
          },
        })
        expect(await fixture.inspect.recording(result.recording.id)).toEqual(result.recording)
        expect(Option.getOrNull(await run(store.findRecording(result.recording.id)))).toEqual(
          result.recording,
        )

        // The provider says there is nothing to fetch, and may not know our session.
        const none = await run(
          store.addRecording(
            newRecording('RE2', {
              status: 'unavailable',
              mediaUrl: null,
              sessionId: null,
              durationSeconds: null,
              channels: null,
              failureReason: 'provider reported absent',
            }),
            at(2),
          ),
        )
        expect(none.recording).toMatchObject({
          status: 'unavailable',
          mediaUrl: null,
          sessionId: null,
          durationSeconds: null,
          channels: null,
          failureReason: 'provider reported absent',
          fetchAttempts: 0,
        })
        expect(await fixture.inspect.recording(none.recording.id)).toEqual(none.recording)
        expect(none.recording.id).not.toBe(result.recording.id)
      })

      it('adds a recording once: a duplicate, even racing, answers the first row unchanged with created false', async () => {
        const first = await run(store.addRecording(newRecording('RE1'), at(1)))
        const again = await run(
          store.addRecording(
            newRecording('RE1', { status: 'unavailable', durationSeconds: 1, sessionId: 'other' }),
            at(3),
          ),
        )
        expect(again).toEqual({ created: false, recording: first.recording })
        expect(await fixture.inspect.recording(first.recording.id)).toEqual(first.recording)

        const racing = await Promise.all(
          Array.from({ length: 6 }, () => run(store.addRecording(newRecording('RE2'), at(2)))),
        )
        expect(racing.filter((r) => r.created)).toHaveLength(1)
        expect(new Set(racing.map((r) => r.recording.id)).size).toBe(1)
        expect(await fixture.inspect.recordingCount()).toBe(2)
      })

      it('tells recordings apart by provider: the same recording id from another provider is another one', async () => {
        const twilio = await run(store.addRecording(newRecording('RE1'), at(1)))
        const other = await run(store.addRecording(newRecording('RE1', { provider: 'simulator' }), at(2)))
        expect(other.created).toBe(true)
        expect(other.recording).toMatchObject({ provider: 'simulator', providerRecordingId: 'RE1' })
        expect(other.recording.id).not.toBe(twilio.recording.id)
        expect(await fixture.inspect.recordingCount()).toBe(2)
      })

      it('finds nothing for an id it does not have', async () => {
        await add('RE1', at(1))
        expect(Option.isNone(await run(store.findRecording(missingId)))).toBe(true)
      })
    })

    describe('status moves', () => {
      it('marks a recording stored where its media is, adding the run’s tries and clearing the failure', async () => {
        const before = await failed('RE1', at(1), 5)
        const { id } = before
        const stored = await run(
          store.markStored(
            id,
            {
              storagePath: '2026/11/20/x.wav',
              contentType: 'audio/wav',
              sizeBytes: 3_000_000_000,
              fetchTries: 2,
            },
            at(3),
          ),
        )
        expect(stored).toEqual({
          ...before,
          status: 'stored',
          storagePath: '2026/11/20/x.wav',
          contentType: 'audio/wav',
          sizeBytes: 3_000_000_000,
          fetchAttempts: 7,
          failureReason: null,
          storedAt: at(3),
          updatedAt: at(3),
        })
        expect(await fixture.inspect.recording(id)).toEqual(stored)
      })

      it('marks a recording failed with the reason, adding each run’s tries, also when runs report at once', async () => {
        const { id } = await add('RE1', at(1))
        const first = await run(store.markFailed(id, { reason: 'HTTP 503', fetchTries: 3 }, at(2)))
        expect(first).toMatchObject({
          status: 'failed',
          failureReason: 'HTTP 503',
          fetchAttempts: 3,
          updatedAt: at(2),
        })
        expect(await fixture.inspect.recording(id)).toEqual(first)
        await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            run(store.markFailed(id, { reason: `timeout ${i}`, fetchTries: 1 }, at(3))),
          ),
        )
        expect(await fixture.inspect.recording(id)).toMatchObject({
          status: 'failed',
          fetchAttempts: 8,
          failureReason: expect.stringMatching(/^timeout \d$/),
          updatedAt: at(3),
          storagePath: null,
          storedAt: null,
        })
      })

      it('marks a recording deleted: its media is gone, its row stays', async () => {
        const { id } = await add('RE1', at(1))
        const stored = await storedAs(id, at(2))
        const deleted = await run(store.markDeleted(id, at(60)))
        expect(deleted).toMatchObject({
          id,
          providerRecordingId: 'RE1',
          status: 'deleted',
          deletedAt: at(60),
          updatedAt: at(60),
          storedAt: stored.storedAt,
          fetchAttempts: 1,
        })
        expect(await fixture.inspect.recording(id)).toEqual(deleted)
        expect(Option.getOrNull(await run(store.findRecording(id)))).toEqual(deleted)
        expect(await fixture.inspect.recordingCount()).toBe(1)
      })

      it('refuses to change a recording it does not have, writing nothing', async () => {
        await add('RE1', at(1))
        const moves = [
          store.markStored(
            missingId,
            { storagePath: 'a.wav', contentType: 'audio/wav', sizeBytes: 1, fetchTries: 1 },
            at(2),
          ),
          store.markFailed(missingId, { reason: 'x', fetchTries: 1 }, at(2)),
          store.markDeleted(missingId, at(2)),
        ]
        for (const move of moves) {
          expect((await run(Effect.flip(move)))._tag).toBe('RecordingStoreError')
        }
        expect(await fixture.inspect.recordingCount()).toBe(1)
        expect(Option.isNone(await run(store.findRecording(missingId)))).toBe(true)
        expect(Option.isNone(await run(store.claimForRetry(missingId, at(20), at(30))))).toBe(true)
      })
    })

    describe('queries', () => {
      it('lists newest first, filtered by status, session and provider call, together, up to the limit', async () => {
        await add('RE1', at(1), { recordedAt: at(1) })
        await failed('RE2', at(2), 1, { recordedAt: at(2) })
        await add('RE3', at(3), { recordedAt: at(3), status: 'unavailable', mediaUrl: null })
        await add('RE4', at(4), { recordedAt: at(4), sessionId: 'session-RE1' })
        await add('RE5', at(5), { recordedAt: at(0), providerCallId: 'CA-RE1' })
        const ids = async (filter: RecordingFilter) =>
          (await run(store.listRecordings(filter))).map((r) => r.providerRecordingId)
        expect(await ids({ limit: 10 })).toEqual(['RE4', 'RE3', 'RE2', 'RE1', 'RE5'])
        expect(await ids({ limit: 2 })).toEqual(['RE4', 'RE3'])
        expect(await ids({ status: 'failed', limit: 10 })).toEqual(['RE2'])
        expect(await ids({ status: 'fetching', limit: 10 })).toEqual(['RE4', 'RE1', 'RE5'])
        expect(await ids({ status: 'stored', limit: 10 })).toEqual([])
        expect(await ids({ sessionId: 'session-RE1', limit: 10 })).toEqual(['RE4', 'RE1'])
        expect(await ids({ providerCallId: 'CA-RE1', limit: 10 })).toEqual(['RE1', 'RE5'])
        expect(await ids({ sessionId: 'session-RE1', providerCallId: 'CA-RE1', limit: 10 })).toEqual(['RE1'])
        expect(await ids({ status: 'failed', sessionId: 'session-RE1', limit: 10 })).toEqual([])
        expect(await ids({ sessionId: 'no-such-session', limit: 10 })).toEqual([])
        const listed = await run(store.listRecordings({ status: 'failed', limit: 1 }))
        expect(listed).toEqual([await fixture.inspect.recording(listed[0]?.id ?? '')])
      })

      it('offers failed recordings under the try limit and abandoned fetches for retry, oldest first', async () => {
        // In the order they became retryable, which is also the order they were recorded and added.
        const abandoned = await add('RE1', at(2), { recordedAt: at(0) })
        const failedOnce = await failed('RE2', at(5), 3, { recordedAt: at(1) })
        const almost = await failed('RE3', at(6), 24, { recordedAt: at(2) })
        await failed('RE4', at(7), 25, { recordedAt: at(3) }) // out of tries
        await add('RE5', at(30), { recordedAt: at(4) }) // being fetched right now
        const { id: done } = await add('RE6', at(1), { recordedAt: at(0) })
        await storedAs(done, at(1))
        await add('RE7', at(1), { recordedAt: at(0), status: 'unavailable', mediaUrl: null })
        const { id: gone } = await add('RE8', at(1), { recordedAt: at(0) })
        await storedAs(gone, at(1))
        await run(store.markDeleted(gone, at(1)))

        const retryable = (limit: number) =>
          run(store.retryableRecordings({ abandonedBefore: at(20), maxFetchAttempts: 25, limit }))
        const all = await retryable(10)
        expect(all.map((r) => r.id)).toEqual([abandoned.id, failedOnce.id, almost.id])
        for (const recording of all) expect(await fixture.inspect.recording(recording.id)).toEqual(recording)
        expect((await retryable(2)).map((r) => r.id)).toEqual([abandoned.id, failedOnce.id])
        // A fetch still in its time is not abandoned yet.
        expect(
          (
            await run(store.retryableRecordings({ abandonedBefore: at(1), maxFetchAttempts: 25, limit: 10 }))
          ).map((r) => r.id),
        ).toEqual([failedOnce.id, almost.id])
      })

      it('hands a failed or abandoned recording to one worker only, and nothing else', async () => {
        const failedOne = await failed('RE1', at(1), 3)
        const abandoned = await add('RE2', at(2))
        const fresh = await add('RE3', at(30))
        const { id: stored } = await add('RE4', at(1))
        await storedAs(stored, at(1))
        const unavailable = await add('RE5', at(1), { status: 'unavailable', mediaUrl: null })

        const claims = await Promise.all(
          Array.from({ length: 4 }, () => run(store.claimForRetry(failedOne.id, at(20), at(31)))),
        )
        const won = claims.filter(Option.isSome)
        expect(won).toHaveLength(1)
        // The claim is not a try: the run that follows counts its own.
        expect(won[0]?.value).toMatchObject({
          id: failedOne.id,
          status: 'fetching',
          fetchAttempts: 3,
          updatedAt: at(31),
        })
        expect(await fixture.inspect.recording(failedOne.id)).toEqual(won[0]?.value)
        // Taken, it is a fresh fetch: neither claimable nor retryable until it is abandoned in turn.
        expect(Option.isNone(await run(store.claimForRetry(failedOne.id, at(20), at(32))))).toBe(true)
        expect(
          (
            await run(store.retryableRecordings({ abandonedBefore: at(20), maxFetchAttempts: 25, limit: 10 }))
          ).map((r) => r.id),
        ).toEqual([abandoned.id])

        expect(Option.getOrNull(await run(store.claimForRetry(abandoned.id, at(20), at(32))))).toMatchObject({
          id: abandoned.id,
          status: 'fetching',
          updatedAt: at(32),
        })
        for (const id of [fresh.id, stored, unavailable.id]) {
          const before = await fixture.inspect.recording(id)
          expect(Option.isNone(await run(store.claimForRetry(id, at(20), at(33))))).toBe(true)
          expect(await fixture.inspect.recording(id)).toEqual(before)
        }
      })

      it('finds recordings made before the cutoff that are not deleted or being fetched, oldest first', async () => {
        const { id: storedId } = await add('RE1', at(1), { recordedAt: at(2) })
        await storedAs(storedId, at(3))
        await add('RE2', at(1), { recordedAt: at(1), status: 'unavailable', mediaUrl: null })
        await failed('RE3', at(1), 2, { recordedAt: at(3) })
        await add('RE4', at(1), { recordedAt: at(0) }) // still being fetched
        const { id: gone } = await add('RE5', at(1), { recordedAt: at(0) })
        await storedAs(gone, at(1))
        await run(store.markDeleted(gone, at(2)))
        const { id: atCutoff } = await add('RE6', at(1), { recordedAt: at(40) })
        await storedAs(atCutoff, at(41))
        const { id: recent } = await add('RE7', at(1), { recordedAt: at(50) })
        await storedAs(recent, at(51))

        const due = async (cutoff: Date, limit: number) =>
          (await run(store.recordedBefore(cutoff, limit))).map((r) => r.providerRecordingId)
        expect(await due(at(40), 10)).toEqual(['RE2', 'RE1', 'RE3'])
        expect(await due(at(40), 2)).toEqual(['RE2', 'RE1'])
        await run(store.markDeleted(storedId, at(60)))
        expect(await due(at(40), 10)).toEqual(['RE2', 'RE3'])
        expect(await due(at(0), 10)).toEqual([])
      })
    })
  })
