import { Transcripts } from '@ringlane/core'
import { Option } from 'effect'
import { type Kysely, type Selectable, sql } from 'kysely'
import { attemptWith, dateOrNull, isUuid } from './rows.js'
import type { DiallerDatabase } from './schema.js'

type TranscriptRow = Selectable<DiallerDatabase['transcripts']>
type TurnRow = Pick<
  Selectable<DiallerDatabase['transcript_turns']>,
  'speaker' | 'start_seconds' | 'end_seconds' | 'text'
>

const attempt = attemptWith(Transcripts.TranscriptStoreError, 'transcripts tables')

const toTurn = (row: TurnRow): Transcripts.TranscriptTurn => ({
  speaker: row.speaker,
  startSeconds: Number(row.start_seconds),
  endSeconds: Number(row.end_seconds),
  text: row.text,
})

const toTranscript = (row: TranscriptRow, turns: ReadonlyArray<TurnRow>): Transcripts.Transcript => ({
  id: row.id as Transcripts.TranscriptId,
  recordingId: row.recording_id,
  sessionId: row.session_id,
  providerCallId: row.provider_call_id,
  source: {
    providerRecordingId: row.provider_recording_id,
    providerCallId: row.provider_call_id,
    mediaUrl: row.media_url,
    durationSeconds: row.duration_seconds,
    channels: row.channels,
  },
  provider: row.provider,
  providerTranscriptId: row.provider_transcript_id,
  status: row.status,
  attempts: row.attempts,
  failureReason: row.failure_reason,
  nextAttemptAt: dateOrNull(row.next_attempt_at),
  turns: turns.map(toTurn),
  completedAt: dateOrNull(row.completed_at),
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
})

/** Transcripts and their full-text-searchable turns over a migrated Kysely instance (Postgres or PGlite). */
export const transcriptStore = (db: Kysely<DiallerDatabase>): Transcripts.TranscriptStoreService => {
  /** Rows with their turns: one query for the turns of all of them. */
  const withTurns = async (rows: ReadonlyArray<TranscriptRow>) => {
    const completed = rows.filter((row) => row.status === 'completed').map((row) => row.id)
    const turns =
      completed.length === 0
        ? []
        : await db
            .selectFrom('transcript_turns')
            .select(['transcript_id', 'speaker', 'start_seconds', 'end_seconds', 'text'])
            .where('transcript_id', 'in', completed)
            .orderBy('transcript_id')
            .orderBy('position')
            .execute()
    return rows.map((row) =>
      toTranscript(
        row,
        turns.filter((turn) => turn.transcript_id === row.id),
      ),
    )
  }
  const one = async (row: TranscriptRow | undefined) =>
    row === undefined ? Option.none() : Option.some((await withTurns([row]))[0] as Transcripts.Transcript)
  const updated = (operation: string, id: string) => async (row: TranscriptRow | undefined) => {
    if (row === undefined) {
      throw new Error(`the transcripts table has no transcript ${id} to ${operation}`)
    }
    return (await withTurns([row]))[0] as Transcripts.Transcript
  }

  return {
    queueTranscript: (transcript, now) =>
      attempt('queue a transcript', async () => {
        // One statement: of triggers racing, exactly one inserts; the others read its row.
        const inserted = await db
          .insertInto('transcripts')
          .values({
            recording_id: transcript.recordingId,
            session_id: transcript.sessionId,
            provider_call_id: transcript.source.providerCallId,
            provider_recording_id: transcript.source.providerRecordingId,
            media_url: transcript.source.mediaUrl,
            duration_seconds: transcript.source.durationSeconds,
            channels: transcript.source.channels,
            provider: transcript.provider,
            status: 'queued',
            next_attempt_at: now,
            created_at: now,
            updated_at: now,
          })
          .onConflict((c) => c.column('recording_id').doNothing())
          .returningAll()
          .executeTakeFirst()
        if (inserted) return { transcript: toTranscript(inserted, []), created: true }
        const existing = await db
          .selectFrom('transcripts')
          .selectAll()
          .where('recording_id', '=', transcript.recordingId)
          .executeTakeFirstOrThrow()
        return { transcript: (await withTurns([existing]))[0] as Transcripts.Transcript, created: false }
      }),

    findTranscript: (id) =>
      attempt('find a transcript', async () =>
        isUuid(id)
          ? one(await db.selectFrom('transcripts').selectAll().where('id', '=', id).executeTakeFirst())
          : Option.none(),
      ),

    transcriptOfRecording: (recordingId) =>
      attempt('find a recording transcript', async () =>
        one(
          await db
            .selectFrom('transcripts')
            .selectAll()
            .where('recording_id', '=', recordingId)
            .executeTakeFirst(),
        ),
      ),

    transcriptsOfCall: (call) =>
      attempt("find a call's transcripts", async () => {
        let query = db.selectFrom('transcripts').selectAll().orderBy('created_at').orderBy('id')
        if (call.sessionId !== undefined) query = query.where('session_id', '=', call.sessionId)
        if (call.providerCallId !== undefined)
          query = query.where('provider_call_id', '=', call.providerCallId)
        return withTurns(await query.execute())
      }),

    transcriptByProviderId: (provider, providerTranscriptId) =>
      attempt('find a transcript by provider id', async () =>
        one(
          await db
            .selectFrom('transcripts')
            .selectAll()
            .where('provider', '=', provider)
            .where('provider_transcript_id', '=', providerTranscriptId)
            .executeTakeFirst(),
        ),
      ),

    dueTranscripts: (now, limit) =>
      attempt('list due transcripts', async () =>
        withTurns(
          await db
            .selectFrom('transcripts')
            .selectAll()
            .where((eb) =>
              eb.or([
                eb('status', '=', 'requested'),
                eb.and([eb('status', 'in', ['queued', 'failed']), eb('next_attempt_at', '<=', now)]),
              ]),
            )
            .orderBy('created_at')
            .orderBy('id')
            .limit(limit)
            .execute(),
        ),
      ),

    markRequested: (id, providerTranscriptId, now) =>
      attempt('mark a transcript requested', async () =>
        updated(
          'mark requested',
          id,
        )(
          isUuid(id)
            ? await db
                .updateTable('transcripts')
                .set((eb) => ({
                  status: 'requested',
                  provider_transcript_id: providerTranscriptId,
                  attempts: eb('attempts', '+', 1),
                  next_attempt_at: null,
                  updated_at: now,
                }))
                .where('id', '=', id)
                .returningAll()
                .executeTakeFirst()
            : undefined,
        ),
      ),

    completeTranscript: (id, turns, now) =>
      attempt('complete a transcript', () =>
        db.transaction().execute(async (trx) => {
          // The status check and the turns go together: of a callback and the job racing, one writes.
          const row = await trx
            .updateTable('transcripts')
            .set({
              status: 'completed',
              completed_at: now,
              failure_reason: null,
              next_attempt_at: null,
              updated_at: now,
            })
            .where('id', '=', id)
            .where('status', '<>', 'completed')
            .returningAll()
            .executeTakeFirst()
          if (!row) return Option.none()
          if (turns.length > 0) {
            await trx
              .insertInto('transcript_turns')
              .values(
                turns.map((turn, position) => ({
                  transcript_id: id,
                  position,
                  speaker: turn.speaker,
                  start_seconds: turn.startSeconds,
                  end_seconds: turn.endSeconds,
                  text: turn.text,
                })),
              )
              .execute()
          }
          return Option.some(
            toTranscript(
              row,
              turns.map((turn) => ({
                speaker: turn.speaker,
                start_seconds: turn.startSeconds,
                end_seconds: turn.endSeconds,
                text: turn.text,
              })),
            ),
          )
        }),
      ),

    markFailed: (id, failure, now) =>
      attempt('mark a transcript failed', async () =>
        updated(
          'mark failed',
          id,
        )(
          isUuid(id)
            ? await db
                .updateTable('transcripts')
                .set({
                  status: 'failed',
                  failure_reason: failure.reason,
                  attempts: failure.attempts,
                  next_attempt_at: failure.retryAt,
                  updated_at: now,
                })
                .where('id', '=', id)
                .where('status', '<>', 'completed')
                .returningAll()
                .executeTakeFirst()
            : undefined,
        ),
      ),

    searchTranscripts: ({ query, limit }) =>
      attempt('search transcripts', async () => {
        // websearch_to_tsquery reads what people type ("quoted phrases", -excluded, or) and never
        // fails on stray operators.
        const q = sql`websearch_to_tsquery('english'::regconfig, ${query})`
        const rows = await db
          .selectFrom('transcript_turns as turn')
          .innerJoin('transcripts as t', 't.id', 'turn.transcript_id')
          .select([
            't.id as transcript_id',
            't.recording_id',
            't.session_id',
            't.provider_call_id',
            't.completed_at',
            'turn.position',
            'turn.speaker',
            'turn.start_seconds',
            'turn.end_seconds',
            'turn.text',
          ])
          .where(sql<boolean>`turn.search @@ ${q}`)
          .where('t.status', '=', 'completed')
          .orderBy(sql`ts_rank(turn.search, ${q})`, 'desc')
          .orderBy('t.completed_at', 'desc')
          .orderBy('turn.position')
          .limit(limit)
          .execute()
        return rows.map(
          (row): Transcripts.TranscriptMatch => ({
            transcriptId: row.transcript_id as Transcripts.TranscriptId,
            recordingId: row.recording_id,
            sessionId: row.session_id,
            providerCallId: row.provider_call_id,
            position: row.position,
            speaker: row.speaker,
            startSeconds: Number(row.start_seconds),
            endSeconds: Number(row.end_seconds),
            text: row.text,
            completedAt: new Date(row.completed_at as Date | string),
          }),
        )
      }),
  }
}
