import { type Kysely, sql } from 'kysely'

export const up = async (db: Kysely<unknown>) => {
  // AI voice agents as supervisors configure them: the provider chain is an ordered list of names.
  await db.schema
    .createTable('voice_agents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('instructions', 'text', (c) => c.notNull())
    .addColumn('providers', sql`text[]`, (c) =>
      c.notNull().check(sql`cardinality(providers) between 1 and 5`),
    )
    .addColumn('handoff_queue_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute()

  // One row per AI session on a call. The call is referenced as text without a foreign key, as
  // transcripts are: an engine call, an inbound call or an SDK caller's own id.
  await db.schema
    .createTable('voice_ai_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('provider_call_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('active', 'completed', 'handed-off', 'handoff-failed')`),
    )
    .addColumn('handoff_queue_id', 'text')
    .addColumn('handoff_reason', 'text', (c) =>
      c.check(sql`handoff_reason in ('caller-asked', 'providers-failed')`),
    )
    .addColumn('handoff_summary', 'text')
    .addColumn('handoff_at', 'timestamptz')
    .addColumn('handoff_failure', 'text')
    .addColumn('longest_silence_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('voice_ai_sessions_call').on('voice_ai_sessions').column('call_id').execute()
  await db.schema
    .createIndex('voice_ai_sessions_provider_call')
    .on('voice_ai_sessions')
    .column('provider_call_id')
    .execute()
  await db.schema
    .createIndex('voice_ai_sessions_started')
    .on('voice_ai_sessions')
    .column('started_at')
    .execute()

  // Each provider's turn at the call, written when it starts and updated when it speaks and ends.
  await db.schema
    .createTable('voice_ai_attempts')
    .addColumn('session_id', 'uuid', (c) =>
      c.notNull().references('voice_ai_sessions.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 0`))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('first_audio_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('failure_reason', 'text', (c) =>
      c.check(
        sql`failure_reason in ('NoFirstResponse', 'Disconnected', 'MalformedMessage', 'ProviderRefused', 'ConnectFailed')`,
      ),
    )
    .addColumn('failure_message', 'text')
    .addPrimaryKeyConstraint('voice_ai_attempts_pk', ['session_id', 'position'])
    .execute()

  // The conversation, a line a row, written as it is said.
  await db.schema
    .createTable('voice_ai_turns')
    .addColumn('session_id', 'uuid', (c) =>
      c.notNull().references('voice_ai_sessions.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 0`))
    .addColumn('speaker', 'text', (c) => c.notNull().check(sql`speaker in ('agent', 'caller')`))
    .addColumn('at_ms', 'integer', (c) => c.notNull().check(sql`at_ms >= 0`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('voice_ai_turns_pk', ['session_id', 'position'])
    .execute()

  // A campaign may name an AI agent to take its answered calls in place of a person.
  await db.schema.alterTable('campaigns').addColumn('voice_agent_id', 'text').execute()
}
