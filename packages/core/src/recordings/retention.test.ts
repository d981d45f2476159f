import { describe, expect, it } from '@effect/vitest'
import { Effect, TestClock } from 'effect'
import { recordingsWorld } from './fakes.test.support.js'
import { processRecordingEvent } from './pipeline.js'
import { recordingUrl } from './playback-urls.js'
import { listRecordings } from './read-recordings.js'
import { applyRecordingRetention } from './retention.js'

const recordedOn = (day: string, id: string, status: 'completed' | 'failed' = 'completed') =>
  processRecordingEvent({
    providerCallId: `CA-${id}`,
    sessionId: null,
    providerRecordingId: id,
    status,
    mediaUrl: null,
    durationSeconds: 1,
    channels: 1,
    occurredAt: new Date(`${day}T12:00:00Z`),
  })

describe('recording retention', () => {
  const setup = () => recordingsWorld()

  it.effect(
    'removes media older than N days, marks the rows deleted, audits each, and keeps the rest',
    () => {
      const { storage, audit, layer } = setup()
      return Effect.gen(function* () {
        const old = (yield* recordedOn('2026-08-01', 'RE-old')).recording
        const unavailable = (yield* recordedOn('2026-08-02', 'RE-absent', 'failed')).recording
        const recent = (yield* recordedOn('2026-11-15', 'RE-new')).recording
        yield* TestClock.setTime(Date.parse('2026-11-20T00:00:00Z'))

        const report = yield* applyRecordingRetention({ olderThanDays: 90 })
        expect(report).toEqual({ cutoff: new Date('2026-08-22T00:00:00Z'), deleted: 2, failed: [] })
        expect([...storage.objects.keys()]).toEqual([recent.storagePath])
        const deleted = yield* listRecordings({ status: 'deleted' })
        expect(deleted.map((r) => r.id).sort()).toEqual([old.id, unavailable.id].sort())
        expect(deleted.every((r) => r.deletedAt?.toISOString() === '2026-11-20T00:00:00.000Z')).toBe(true)
        expect(audit.entries.map((e) => [e.actor, e.action, e.subject, e.detail.reason])).toEqual(
          expect.arrayContaining([
            ['system', 'recording.deleted', `recording:${old.id}`, 'retention'],
            ['system', 'recording.deleted', `recording:${unavailable.id}`, 'retention'],
          ]),
        )
        // A deleted recording cannot be played, and running again finds nothing to do.
        expect(
          yield* Effect.flip(recordingUrl({ recordingId: old.id, actor: 'a', purpose: 'playback' })),
        ).toMatchObject({ _tag: 'RecordingNotAvailable', status: 'deleted' })
        expect((yield* applyRecordingRetention({ olderThanDays: 90 })).deleted).toBe(0)
      }).pipe(Effect.provide(layer))
    },
  )

  it.effect('media that cannot be removed leaves its row as it was, reported, for the next run', () => {
    const { storage, layer } = setup()
    return Effect.gen(function* () {
      const old = (yield* recordedOn('2026-01-01', 'RE-old')).recording
      yield* TestClock.setTime(Date.parse('2026-11-20T00:00:00Z'))
      storage.failures.remove = 1
      const first = yield* applyRecordingRetention({ olderThanDays: 30 })
      expect(first.deleted).toBe(0)
      expect(first.failed).toEqual([{ recordingId: old.id, reason: 'bucket down' }])
      expect((yield* listRecordings({ status: 'stored' })).map((r) => r.id)).toEqual([old.id])
      expect((yield* applyRecordingRetention({ olderThanDays: 30 })).deleted).toBe(1)
      expect(storage.objects.size).toBe(0)
    }).pipe(Effect.provide(layer))
  })

  it.effect('refuses a policy that is not a whole number of days, naming the field', () => {
    const { layer } = setup()
    return Effect.gen(function* () {
      for (const olderThanDays of [0, -1, 1.5, Number.NaN]) {
        expect(yield* Effect.flip(applyRecordingRetention({ olderThanDays }))).toMatchObject({
          _tag: 'InvalidRecordingRequest',
          field: 'olderThanDays',
        })
      }
      expect(yield* Effect.flip(applyRecordingRetention({ olderThanDays: 30, limit: 0 }))).toMatchObject({
        field: 'limit',
      })
    }).pipe(Effect.provide(layer))
  })
})
