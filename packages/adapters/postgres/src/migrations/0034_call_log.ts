import { type Kysely, sql } from 'kysely'

// The call log pages newest first by (start, id), for everyone or for one agent; these indexes serve
// each page's keyset read without sorting the whole log.
export const up = async (db: Kysely<unknown>) => {
  await sql`create index call_sessions_log on call_sessions (started_at desc, id desc)`.execute(db)
  await sql`create index call_sessions_agent_log on call_sessions (agent_id, started_at desc, id desc)`.execute(
    db,
  )
}
