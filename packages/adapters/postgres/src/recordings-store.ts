import { Recordings } from '@ringlane/core'
import { Effect, Option } from 'effect'
import type { Kysely, Selectable } from 'kysely'
import { attemptWith, dateOrNull } from './rows.js'
import type { DiallerDatabase } from './schema.js'

type RecordingRow = Selectable<DiallerDatabase['recordings']>

const attempt = attemptWith(Recordings.RecordingStoreError, 'recordings table')

const date = (value: Date | string) => new Date(value)

const toRecording = (row: RecordingRow): Recordings.Recording => ({
  id: row.id as Recordings.RecordingId,
  provider: row.provider,
  providerRecordingId: row.provider_recording_id,
  providerCallId: row.provider_call_id,
  sessionId: row.session_id,
  status: row.status,
  mediaUrl: row.media_url,
  storagePath: row.storage_path,
  contentType: row.content_type,
  sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
  durationSeconds: row.duration_seconds,
  channels: row.channels,
  fetchAttempts: row.fetch_attempts,
  failureReason: row.failure_reason,
  recordedAt: date(row.recorded_at),
  storedAt: dateOrNull(row.stored_at),
  deletedAt: dateOrNull(row.deleted_at),
  updatedAt: date(row.updated_at),
})

/** The recordings table over a Kysely instance on Postgres or PGlite whose schema is migrated. */
export const recordingStore = (db: Kysely<DiallerDatabase>): Recordings.RecordingStoreService => {
  const updated = (operation: string, id: string, row: RecordingRow | undefined) =>
    row === undefined
      ? Effect.fail(
          new Recordings.RecordingStoreError({
            operation,
            message: `The recordings table has no recording ${id} to ${operation}`,
          }),
        )
      : Effect.succeed(toRecording(row))

  return {
    addRecording: (recording, now) =>
      attempt('add a recording', async () => {
        // One statement: of duplicate webhooks racing, exactly one inserts; the others read its row.
        const inserted = await db
          .insertInto('recordings')
          .values({
            provider: recording.provider,
            provider_recording_id: recording.providerRecordingId,
            provider_call_id: recording.providerCallId,
            session_id: recording.sessionId,
            status: recording.status,
            media_url: recording.mediaUrl,
            duration_seconds: recording.durationSeconds,
            channels: recording.channels,
            failure_reason: recording.failureReason,
            recorded_at: recording.recordedAt,
            updated_at: now,
          })
          .onConflict((c) => c.columns(['provider', 'provider_recording_id']).doNothing())
          .returningAll()
          .executeTakeFirst()
        if (inserted) return { recording: toRecording(inserted), created: true }
        const existing = await db
          .selectFrom('recordings')
          .selectAll()
          .where('provider', '=', recording.provider)
          .where('provider_recording_id', '=', recording.providerRecordingId)
          .executeTakeFirstOrThrow()
        return { recording: toRecording(existing), created: false }
      }),

    findRecording: (id) =>
      attempt('find a recording', async () =>
        Option.fromNullable(
          await db.selectFrom('recordings').selectAll().where('id', '=', id).executeTakeFirst(),
        ).pipe(Option.map(toRecording)),
      ),

    listRecordings: (filter) =>
      attempt('list recordings', async () => {
        let query = db
          .selectFrom('recordings')
          .selectAll()
          .orderBy('recorded_at', 'desc')
          .orderBy('id')
          .limit(filter.limit)
        if (filter.status) query = query.where('status', '=', filter.status)
        if (filter.sessionId) query = query.where('session_id', '=', filter.sessionId)
        if (filter.providerCallId) query = query.where('provider_call_id', '=', filter.providerCallId)
        return (await query.execute()).map(toRecording)
      }),

    markStored: (id, stored, now) =>
      attempt('mark a recording stored', () =>
        db
          .updateTable('recordings')
          .set((eb) => ({
            status: 'stored',
            storage_path: stored.storagePath,
            content_type: stored.contentType,
            size_bytes: stored.sizeBytes,
            fetch_attempts: eb('fetch_attempts', '+', stored.fetchTries),
            failure_reason: null,
            stored_at: now,
            updated_at: now,
          }))
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst(),
      ).pipe(Effect.flatMap((row) => updated('mark stored', id, row))),

    markFailed: (id, failure, now) =>
      attempt('mark a recording failed', () =>
        db
          .updateTable('recordings')
          .set((eb) => ({
            status: 'failed',
            failure_reason: failure.reason,
            fetch_attempts: eb('fetch_attempts', '+', failure.fetchTries),
            updated_at: now,
          }))
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst(),
      ).pipe(Effect.flatMap((row) => updated('mark failed', id, row))),

    retryableRecordings: ({ abandonedBefore, maxFetchAttempts, limit }) =>
      attempt('list recordings to retry', async () =>
        (
          await db
            .selectFrom('recordings')
            .selectAll()
            .where((eb) =>
              eb.or([
                eb.and([eb('status', '=', 'failed'), eb('fetch_attempts', '<', maxFetchAttempts)]),
                eb.and([eb('status', '=', 'fetching'), eb('updated_at', '<', abandonedBefore)]),
              ]),
            )
            .orderBy('updated_at')
            .orderBy('id')
            .limit(limit)
            .execute()
        ).map(toRecording),
      ),

    claimForRetry: (id, abandonedBefore, now) =>
      attempt('claim a recording to retry', async () =>
        // The status check in the update makes the claim atomic: of two workers, one gets the row.
        Option.fromNullable(
          await db
            .updateTable('recordings')
            .set({ status: 'fetching', updated_at: now })
            .where('id', '=', id)
            .where((eb) =>
              eb.or([
                eb('status', '=', 'failed'),
                eb.and([eb('status', '=', 'fetching'), eb('updated_at', '<', abandonedBefore)]),
              ]),
            )
            .returningAll()
            .executeTakeFirst(),
        ).pipe(Option.map(toRecording)),
      ),

    recordedBefore: (cutoff, limit) =>
      attempt('list recordings past retention', async () =>
        (
          await db
            .selectFrom('recordings')
            .selectAll()
            .where('recorded_at', '<', cutoff)
            .where('status', 'in', ['stored', 'failed', 'unavailable'])
            .orderBy('recorded_at')
            .orderBy('id')
            .limit(limit)
            .execute()
        ).map(toRecording),
      ),

    markDeleted: (id, now) =>
      attempt('mark a recording deleted', () =>
        db
          .updateTable('recordings')
          .set({ status: 'deleted', deleted_at: now, updated_at: now })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst(),
      ).pipe(Effect.flatMap((row) => updated('mark deleted', id, row))),
  }
}
