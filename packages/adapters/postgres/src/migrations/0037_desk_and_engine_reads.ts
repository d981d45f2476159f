import { type Kysely, sql } from 'kysely'

// Every desk page asks for the agent's last call on the lead they hold (`lastForEntry`): by entry,
// not by a walk of the agent's whole call log (decision 0034).
export const up = async (db: Kysely<unknown>) => {
  await sql`create index call_sessions_entry on call_sessions (entry_id) where entry_id is not null`.execute(
    db,
  )
}
