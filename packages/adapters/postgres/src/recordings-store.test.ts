import { createRinglane, type Recordings, type Ringlane, Telephony } from '@ringlane/core'
import { describeRecordingStoreConformance, newRecording, telephonyWith } from '@ringlane/core/testing'
import { createTestPostgres, postgresEngines, type TestPostgres } from '@ringlane/test-database'
import { Effect } from 'effect'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { countRows, memoryRecordingStorage, resetStore, storeFixture } from './postgres.test.support.js'
import { recordingStore } from './recordings-store.js'
import { createPostgresStores } from './stores.js'

for (const engine of postgresEngines()) {
  describeRecordingStoreConformance(`@ringlane/postgres on ${engine}`, () =>
    storeFixture(engine, (db, database) => ({
      store: recordingStore(db),
      inspect: {
        recording: async (id) =>
          (
            await database.query<Recordings.Recording>(
              `select id, provider, provider_recording_id as "providerRecordingId",
                 provider_call_id as "providerCallId", session_id as "sessionId", status, media_url as "mediaUrl",
                 storage_path as "storagePath", content_type as "contentType", size_bytes::float8 as "sizeBytes",
                 duration_seconds as "durationSeconds", channels, fetch_attempts as "fetchAttempts",
                 failure_reason as "failureReason", recorded_at as "recordedAt", stored_at as "storedAt",
                 deleted_at as "deletedAt", updated_at as "updatedAt"
               from recordings where id = $1`,
              [id],
            )
          )[0],
        recordingCount: () => countRows(database, 'recordings'),
      },
    })),
  )
}

// Below: what the Postgres table adds to the contract, and the recording programs on it.

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute))

describe.each(postgresEngines())('recordings table on %s', (engine) => {
  let database: TestPostgres
  let store: Recordings.RecordingStoreService
  beforeAll(async () => {
    database = await createTestPostgres(engine)
    store = (await createPostgresStores({ client: database.client })).recordings
  })
  afterAll(() => database?.close())
  beforeEach(() => resetStore(database))

  it('names the recording it has no row for', async () => {
    const missing = '00000000-0000-4000-8000-000000000000' as Recordings.RecordingId
    const error = await run(Effect.flip(store.markDeleted(missing, at(1))))
    expect(error).toMatchObject({ _tag: 'RecordingStoreError' })
    expect(error.message).toContain(missing)
  })

  it('keeps sizes beyond 32 bits as bigint', async () => {
    const { recording } = await run(store.addRecording(newRecording('RE1'), at(1)))
    await run(
      store.markStored(
        recording.id,
        { storagePath: 'x.wav', contentType: 'audio/wav', sizeBytes: 3_000_000_000, fetchTries: 1 },
        at(2),
      ),
    )
    expect(
      await database.query('select size_bytes::text as size_bytes from recordings where id = $1', [
        recording.id,
      ]),
    ).toEqual([{ size_bytes: '3000000000' }])
  })

  it('never lets a row say stored without where its media is', async () => {
    const { recording } = await run(store.addRecording(newRecording('RE1'), at(1)))
    await expect(
      database.query(`update recordings set status = 'stored' where id = $1`, [recording.id]),
    ).rejects.toThrow(/recordings_stored_has_media/)
  })
})

// The recording programs end to end on a real store and audit log, with a provider that fails first.
describe.each(postgresEngines())('recordings programs on %s', (engine) => {
  let database: TestPostgres
  let ringlane: Ringlane
  let recordings: Ringlane['recordings']
  const media = new Map<string, Uint8Array>()
  let providerFailures = 0

  beforeAll(async () => {
    database = await createTestPostgres(engine)
    const stores = await createPostgresStores({ client: database.client })
    ringlane = await createRinglane({
      stores: { recordings: stores.recordings, audit: stores.audit },
      telephony: telephonyWith('twilio', {
        fetchRecording: () =>
          providerFailures-- > 0
            ? Effect.fail(new Telephony.TelephonyError({ operation: 'fetch', message: 'HTTP 500' }))
            : Effect.succeed({ bytes: new Uint8Array([1, 2, 3, 4]), contentType: 'audio/wav' }),
      }),
      recordings: {
        settings: { fetchTries: 2, fetchBackoffMs: 1, fetchMaxBackoffMs: 5 },
        storage: memoryRecordingStorage(media),
      },
    })
    recordings = ringlane.recordings
  })
  afterAll(async () => {
    await ringlane?.dispose()
    await database?.close()
  })

  const event = (id: string, occurredAt = new Date()): Telephony.RecordingEvent => ({
    providerCallId: `CA-${id}`,
    sessionId: null,
    providerRecordingId: id,
    status: 'completed',
    mediaUrl: null,
    durationSeconds: 4,
    channels: 1,
    occurredAt,
  })

  it('stores, fails and retries, plays with an audit entry, and deletes past retention', async () => {
    const stored = await recordings.process(event('RE1', new Date(Date.now() - 100 * 86_400_000)))
    expect(stored.outcome).toBe('stored')
    expect((await recordings.process(event('RE1'))).outcome).toBe('duplicate')

    providerFailures = 2
    const failed = await recordings.process(event('RE2'))
    expect(failed.recording).toMatchObject({ status: 'failed', fetchAttempts: 2 })
    expect((await recordings.list({ status: 'failed' })).map((r) => r.id)).toEqual([failed.recording.id])
    expect(await recordings.retryFailed()).toEqual({ attempted: 1, stored: 1, failed: 0 })

    const url = await recordings.playbackUrl({
      recordingId: stored.recording.id,
      actor: 'agent-9',
      purpose: 'download',
    })
    expect(url.url).toBe(`https://files.test/${stored.recording.storagePath}`)
    expect(await database.query('select actor, action, subject from audit_log order by at')).toEqual([
      { actor: 'agent-9', action: 'recording.downloaded', subject: `recording:${stored.recording.id}` },
    ])

    const report = await recordings.applyRetention({ olderThanDays: 90 })
    expect(report.deleted).toBe(1)
    expect(media.has(stored.recording.storagePath ?? '')).toBe(false)
    expect(
      await database.query<{ status: string }>('select status from recordings order by recorded_at'),
    ).toEqual([{ status: 'deleted' }, { status: 'stored' }])
  })
})
