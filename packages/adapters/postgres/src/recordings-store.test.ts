import { createRinglane, type Recordings, type Ringlane, Telephony } from '@ringlane/core'
import { createTestPostgres, postgresEngines, type TestPostgres } from '@ringlane/test-database'
import { Effect, Option } from 'effect'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPostgresStores } from './stores.js'

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute))
const newRecording = (
  id: string,
  overrides: Partial<Recordings.NewRecording> = {},
): Recordings.NewRecording => ({
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
  ...overrides,
})

describe.each(postgresEngines())('recordings table on %s', (engine) => {
  let database: TestPostgres
  let store: Recordings.RecordingStoreService
  beforeAll(async () => {
    database = await createTestPostgres(engine)
    store = (await createPostgresStores({ client: database.client })).recordings
  })
  afterAll(() => database?.close())
  beforeEach(() => database.truncateAll(['ringlane_migrations', 'ringlane_migrations_lock']))

  const rawRow = async (id: string) =>
    (
      await database.query<{ status: string; fetch_attempts: number; size_bytes: string | null }>(
        'select status, fetch_attempts, size_bytes::text as size_bytes from recordings where id = $1',
        [id],
      )
    )[0]

  it('adds a recording once; duplicates racing each other read the same row', async () => {
    const first = await run(store.addRecording(newRecording('RE1'), at(1)))
    expect(first.created).toBe(true)
    expect(first.recording).toMatchObject({
      provider: 'twilio',
      providerRecordingId: 'RE1',
      providerCallId: 'CA-RE1',
      sessionId: 'session-RE1',
      status: 'fetching',
      durationSeconds: 42,
      channels: 2,
      fetchAttempts: 0,
      recordedAt: at(0),
      updatedAt: at(1),
    })
    const racing = await Promise.all(
      Array.from({ length: 6 }, () => run(store.addRecording(newRecording('RE2'), at(2)))),
    )
    expect(racing.filter((r) => r.created)).toHaveLength(1)
    expect(new Set(racing.map((r) => r.recording.id)).size).toBe(1)
    const again = await run(store.addRecording(newRecording('RE1', { durationSeconds: 1 }), at(3)))
    expect(again).toEqual({ created: false, recording: first.recording })
    expect(await database.query('select count(*)::int as n from recordings')).toEqual([{ n: 2 }])
    // The same recording id from another provider is another recording.
    expect(
      (await run(store.addRecording(newRecording('RE1', { provider: 'simulator' }), at(4)))).created,
    ).toBe(true)
  })

  it('records storage and failure, adding each run’s tries to the count', async () => {
    const { recording } = await run(store.addRecording(newRecording('RE1'), at(1)))
    const failed = await run(store.markFailed(recording.id, { reason: 'HTTP 503', fetchTries: 5 }, at(2)))
    expect(failed).toMatchObject({
      status: 'failed',
      failureReason: 'HTTP 503',
      fetchAttempts: 5,
      updatedAt: at(2),
    })
    const stored = await run(
      store.markStored(
        recording.id,
        {
          storagePath: '2026/11/20/x.wav',
          contentType: 'audio/wav',
          sizeBytes: 3_000_000_000,
          fetchTries: 2,
        },
        at(3),
      ),
    )
    expect(stored).toMatchObject({
      status: 'stored',
      storagePath: '2026/11/20/x.wav',
      contentType: 'audio/wav',
      sizeBytes: 3_000_000_000,
      fetchAttempts: 7,
      failureReason: null,
      storedAt: at(3),
    })
    expect(await rawRow(recording.id)).toEqual({
      status: 'stored',
      fetch_attempts: 7,
      size_bytes: '3000000000',
    })
    expect(Option.getOrNull(await run(store.findRecording(recording.id)))).toEqual(stored)
  })

  it('refuses to change a recording that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000' as Recordings.RecordingId
    const error = await run(Effect.flip(store.markDeleted(missing, at(1))))
    expect(error).toMatchObject({ _tag: 'RecordingStoreError' })
    expect(error.message).toContain(missing)
    expect(Option.isNone(await run(store.findRecording(missing)))).toBe(true)
  })

  it('never lets a row say stored without where its media is', async () => {
    const { recording } = await run(store.addRecording(newRecording('RE1'), at(1)))
    await expect(
      database.query(`update recordings set status = 'stored' where id = $1`, [recording.id]),
    ).rejects.toThrow(/recordings_stored_has_media/)
  })

  it('lists newest first, filtered by status, session and provider call', async () => {
    await run(store.addRecording(newRecording('RE1', { recordedAt: at(1) }), at(1)))
    const second = await run(store.addRecording(newRecording('RE2', { recordedAt: at(2) }), at(2)))
    await run(store.addRecording(newRecording('RE3', { recordedAt: at(3), status: 'unavailable' }), at(3)))
    await run(store.markFailed(second.recording.id, { reason: 'down', fetchTries: 1 }, at(4)))
    const ids = async (filter: Recordings.RecordingFilter) =>
      (await run(store.listRecordings(filter))).map((r) => r.providerRecordingId)
    expect(await ids({ limit: 10 })).toEqual(['RE3', 'RE2', 'RE1'])
    expect(await ids({ limit: 2 })).toEqual(['RE3', 'RE2'])
    expect(await ids({ status: 'failed', limit: 10 })).toEqual(['RE2'])
    expect(await ids({ sessionId: 'session-RE1', limit: 10 })).toEqual(['RE1'])
    expect(await ids({ providerCallId: 'CA-RE3', limit: 10 })).toEqual(['RE3'])
  })

  it('offers failed and abandoned fetches for retry, and hands each to one worker only', async () => {
    const failed = (await run(store.addRecording(newRecording('RE1'), at(0)))).recording
    await run(store.markFailed(failed.id, { reason: 'down', fetchTries: 3 }, at(1)))
    const exhausted = (await run(store.addRecording(newRecording('RE2'), at(0)))).recording
    await run(store.markFailed(exhausted.id, { reason: 'down', fetchTries: 25 }, at(1)))
    const abandoned = (await run(store.addRecording(newRecording('RE3'), at(2)))).recording
    const inProgress = (await run(store.addRecording(newRecording('RE4'), at(30)))).recording

    const retryable = await run(
      store.retryableRecordings({ abandonedBefore: at(20), maxFetchAttempts: 25, limit: 10 }),
    )
    expect(retryable.map((r) => r.id)).toEqual([failed.id, abandoned.id])

    const claims = await Promise.all(
      Array.from({ length: 4 }, () => run(store.claimForRetry(failed.id, at(20), at(31)))),
    )
    expect(claims.filter(Option.isSome)).toHaveLength(1)
    expect(await rawRow(failed.id)).toMatchObject({ status: 'fetching' })
    // Now it is a fresh fetch, not an abandoned one.
    expect(Option.isNone(await run(store.claimForRetry(failed.id, at(20), at(32))))).toBe(true)
    expect(Option.isSome(await run(store.claimForRetry(abandoned.id, at(20), at(32))))).toBe(true)
    expect(Option.isNone(await run(store.claimForRetry(inProgress.id, at(20), at(32))))).toBe(true)
  })

  it('finds recordings past retention, oldest first, and keeps deleted rows', async () => {
    const old = (await run(store.addRecording(newRecording('RE1', { recordedAt: at(1) }), at(1)))).recording
    await run(
      store.markStored(
        old.id,
        { storagePath: 'a.wav', contentType: 'audio/wav', sizeBytes: 1, fetchTries: 1 },
        at(1),
      ),
    )
    await run(store.addRecording(newRecording('RE2', { recordedAt: at(2), status: 'unavailable' }), at(2)))
    await run(store.addRecording(newRecording('RE3', { recordedAt: at(3) }), at(3))) // still fetching
    await run(store.addRecording(newRecording('RE4', { recordedAt: at(50) }), at(50)))
    const due = await run(store.recordedBefore(at(40), 10))
    expect(due.map((r) => r.providerRecordingId)).toEqual(['RE1', 'RE2'])
    const deleted = await run(store.markDeleted(old.id, at(60)))
    expect(deleted).toMatchObject({ status: 'deleted', deletedAt: at(60), storagePath: 'a.wav' })
    expect((await run(store.recordedBefore(at(40), 10))).map((r) => r.providerRecordingId)).toEqual(['RE2'])
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
    const unused = () => Effect.die(new Error('not used'))
    ringlane = await createRinglane({
      stores: { recordings: stores.recordings, audit: stores.audit },
      telephony: {
        provider: 'twilio',
        accessToken: unused,
        outboundCallInstructions: unused,
        verifyWebhook: unused,
        parseCallEvent: unused,
        parseRecordingEvent: unused,
        lookupCall: unused,
        placeCall: unused,
        fetchRecording: () =>
          providerFailures-- > 0
            ? Effect.fail(new Telephony.TelephonyError({ operation: 'fetch', message: 'HTTP 500' }))
            : Effect.succeed({ bytes: new Uint8Array([1, 2, 3, 4]), contentType: 'audio/wav' }),
      },
      recordings: {
        settings: { fetchTries: 2, fetchBackoffMs: 1, fetchMaxBackoffMs: 5 },
        storage: {
          backend: 'memory',
          put: ({ path, bytes }) =>
            Effect.sync(() => {
              media.set(path, bytes)
              return path
            }),
          signedUrl: (path, seconds) =>
            Effect.succeed({
              url: `https://files.test/${path}`,
              expiresAt: new Date(Date.now() + seconds * 1000),
            }),
          remove: (path) => Effect.sync(() => void media.delete(path)),
          stat: (path) =>
            Effect.sync(() =>
              Option.fromNullable(media.get(path)).pipe(
                Option.map((b) => ({ sizeBytes: b.byteLength, contentType: 'audio/wav' })),
              ),
            ),
        },
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
