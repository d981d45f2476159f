import { type Routing, VoiceAi } from '@ringlane/core'
import { Option } from 'effect'
import { type Kysely, type Selectable, sql } from 'kysely'
import { attemptWith, dateOrNull, isUuid } from './rows.js'
import type { DiallerDatabase } from './schema.js'

type SessionRow = Selectable<DiallerDatabase['voice_ai_sessions']>
type AttemptRow = Selectable<DiallerDatabase['voice_ai_attempts']>
type TurnRow = Selectable<DiallerDatabase['voice_ai_turns']>
type AgentRow = Selectable<DiallerDatabase['voice_agents']>

const attempt = attemptWith(VoiceAi.VoiceAiStoreError, 'voice AI tables')

const toAgent = (row: AgentRow): VoiceAi.VoiceAgent => ({
  id: row.id as VoiceAi.VoiceAgentId,
  name: row.name,
  instructions: row.instructions,
  providers: row.providers,
  handoffQueueId: row.handoff_queue_id as Routing.RoutingQueueId,
})

const toAttempt = (row: AttemptRow): VoiceAi.ProviderAttempt => ({
  position: row.position,
  provider: row.provider,
  startedAt: new Date(row.started_at),
  firstAudioAt: dateOrNull(row.first_audio_at),
  endedAt: dateOrNull(row.ended_at),
  failure:
    row.failure_reason === null ? null : { reason: row.failure_reason, message: row.failure_message ?? '' },
})

const toTurn = (row: TurnRow): VoiceAi.SessionTurn => ({
  position: row.position,
  speaker: row.speaker,
  atMs: row.at_ms,
  text: row.text,
  provider: row.provider,
})

const toSession = (
  row: SessionRow,
  attempts: ReadonlyArray<AttemptRow>,
  turns: ReadonlyArray<TurnRow>,
): VoiceAi.VoiceAiSession => ({
  id: row.id as VoiceAi.VoiceAiSessionId,
  callId: row.call_id,
  providerCallId: row.provider_call_id,
  agentId: row.agent_id as VoiceAi.VoiceAgentId,
  campaignId: row.campaign_id,
  status: row.status,
  attempts: attempts.map(toAttempt),
  turns: turns.map(toTurn),
  handoff:
    row.handoff_reason === null || row.handoff_at === null
      ? null
      : {
          queueId: row.handoff_queue_id ?? '',
          reason: row.handoff_reason,
          summary: row.handoff_summary ?? '',
          at: new Date(row.handoff_at),
          failure: row.handoff_failure,
        },
  longestSilenceMs: row.longest_silence_ms,
  startedAt: new Date(row.started_at),
  endedAt: dateOrNull(row.ended_at),
})

/** AI agents and AI sessions (attempts, lines, handoff) over a migrated Kysely instance (Postgres or PGlite). */
export const voiceAiStore = (db: Kysely<DiallerDatabase>): VoiceAi.VoiceAiStoreService => {
  /** Sessions with their attempts and turns: one query each for all of them. */
  const complete = async (rows: ReadonlyArray<SessionRow>) => {
    const ids = rows.map((row) => row.id)
    if (ids.length === 0) return []
    const [attempts, turns] = await Promise.all([
      db
        .selectFrom('voice_ai_attempts')
        .selectAll()
        .where('session_id', 'in', ids)
        .orderBy('position')
        .execute(),
      db
        .selectFrom('voice_ai_turns')
        .selectAll()
        .where('session_id', 'in', ids)
        .orderBy('position')
        .execute(),
    ])
    return rows.map((row) =>
      toSession(
        row,
        attempts.filter((a) => a.session_id === row.id),
        turns.filter((t) => t.session_id === row.id),
      ),
    )
  }
  const one = async (row: SessionRow | undefined) =>
    row === undefined ? Option.none() : Option.some((await complete([row]))[0] as VoiceAi.VoiceAiSession)

  return {
    saveAgent: (agent, now) =>
      attempt('save an AI agent', async () => {
        const row = {
          id: agent.id,
          name: agent.name,
          instructions: agent.instructions,
          providers: [...agent.providers],
          handoff_queue_id: agent.handoffQueueId,
          updated_at: now,
        }
        await db
          .insertInto('voice_agents')
          .values(row)
          .onConflict((c) => c.column('id').doUpdateSet({ ...row, id: undefined }))
          .execute()
        return agent
      }),
    findAgent: (id) =>
      attempt('read an AI agent', async () =>
        Option.map(
          Option.fromNullable(
            await db.selectFrom('voice_agents').selectAll().where('id', '=', id).executeTakeFirst(),
          ),
          toAgent,
        ),
      ),
    listAgents: () =>
      attempt('list AI agents', async () =>
        (await db.selectFrom('voice_agents').selectAll().orderBy('name').orderBy('id').execute()).map(
          toAgent,
        ),
      ),
    openSession: (session, now) =>
      attempt('open an AI session', async () => {
        const row = await db
          .insertInto('voice_ai_sessions')
          .values({
            call_id: session.callId,
            provider_call_id: session.providerCallId,
            agent_id: session.agentId,
            campaign_id: session.campaignId,
            status: 'active',
            started_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        return toSession(row, [], [])
      }),
    saveAttempt: (sessionId, a) =>
      attempt('record a provider attempt', async () => {
        const row = {
          session_id: sessionId,
          position: a.position,
          provider: a.provider,
          started_at: a.startedAt,
          first_audio_at: a.firstAudioAt,
          ended_at: a.endedAt,
          failure_reason: a.failure?.reason ?? null,
          failure_message: a.failure?.message ?? null,
        }
        await db
          .insertInto('voice_ai_attempts')
          .values(row)
          .onConflict((c) =>
            c.columns(['session_id', 'position']).doUpdateSet({
              provider: row.provider,
              started_at: row.started_at,
              first_audio_at: row.first_audio_at,
              ended_at: row.ended_at,
              failure_reason: row.failure_reason,
              failure_message: row.failure_message,
            }),
          )
          .execute()
      }),
    addTurns: (sessionId, turns) =>
      attempt('record what was said', async () => {
        if (turns.length === 0) return
        await db
          .insertInto('voice_ai_turns')
          .values(
            turns.map((turn) => ({
              session_id: sessionId,
              position: turn.position,
              speaker: turn.speaker,
              at_ms: Math.round(turn.atMs),
              text: turn.text,
              provider: turn.provider,
            })),
          )
          .onConflict((c) => c.columns(['session_id', 'position']).doNothing())
          .execute()
      }),
    endSession: (sessionId, end) =>
      attempt('end an AI session', async () => {
        // Only an active session ends: a second end (a retry, a race) finds no row and writes nothing.
        const row = await db
          .updateTable('voice_ai_sessions')
          .set({
            status: end.status,
            handoff_queue_id: end.handoff?.queueId ?? null,
            handoff_reason: end.handoff?.reason ?? null,
            handoff_summary: end.handoff?.summary ?? null,
            handoff_at: end.handoff?.at ?? null,
            handoff_failure: end.handoff?.failure ?? null,
            longest_silence_ms: Math.round(end.longestSilenceMs),
            ended_at: end.endedAt,
          })
          .where('id', '=', sessionId)
          .where('status', '=', 'active')
          .returningAll()
          .executeTakeFirst()
        return one(row)
      }),
    findSession: (id) =>
      attempt('read an AI session', async () =>
        isUuid(id)
          ? one(await db.selectFrom('voice_ai_sessions').selectAll().where('id', '=', id).executeTakeFirst())
          : Option.none(),
      ),
    sessionsOfCall: (call) =>
      attempt("read a call's AI sessions", async () => {
        if (call.callId === undefined && call.providerCallId === undefined) return []
        let query = db.selectFrom('voice_ai_sessions').selectAll()
        if (call.callId !== undefined) query = query.where('call_id', '=', call.callId)
        if (call.providerCallId !== undefined)
          query = query.where('provider_call_id', '=', call.providerCallId)
        return complete(await query.orderBy('started_at').orderBy(sql`id`).execute())
      }),
    recentSessions: (limit) =>
      attempt('list AI sessions', async () =>
        complete(
          await db
            .selectFrom('voice_ai_sessions')
            .selectAll()
            .orderBy('started_at', 'desc')
            .limit(Math.max(1, Math.min(1000, Math.floor(limit))))
            .execute(),
        ),
      ),
  }
}
