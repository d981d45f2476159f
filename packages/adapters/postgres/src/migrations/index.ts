import { type Kysely, sql } from 'kysely'
import { type Migration, type MigrationResultSet, Migrator } from 'kysely/migration'
import * as m0001 from './0001_agents.js'
import * as m0002 from './0002_queues.js'
import * as m0003 from './0003_claim_next_entry.js'
import * as m0009 from './0009_audit_log.js'
import * as m0010 from './0010_calls.js'
import * as m0011 from './0011_recordings.js'
import * as m0012 from './0012_callback_reminders.js'
import * as m0013 from './0013_call_session_version.js'
import * as m0020 from './0020_messaging.js'
import * as m0021 from './0021_magic_links.js'
import * as m0022 from './0022_recent_attempts.js'
import * as m0023 from './0023_campaigns.js'
import * as m0024 from './0024_suppression_lists.js'
import * as m0025 from './0025_dial_evidence.js'
import * as m0026 from './0026_agent_state_history.js'
import * as m0027 from './0027_transcripts_and_costs.js'
import * as m0028 from './0028_engine_calls.js'
import * as m0029 from './0029_routing.js'
import * as m0030 from './0030_campaign_inbound_first.js'
import * as m0031 from './0031_inbound.js'
import * as m0034 from './0034_call_log.js'
import * as m0035 from './0035_system_errors.js'
import * as m0036 from './0036_voice_ai.js'
import * as m0037 from './0037_desk_and_engine_reads.js'
import * as m0040 from './0040_stored_settings.js'

/**
 * Every store migration in order. Bundled as code so the package needs no migrations folder. Kysely
 * refuses a migration that sorts below one a database has already run: a new migration always takes
 * the next number above the highest here (the gaps below are from before the first release).
 */
export const migrations: Record<string, Migration> = {
  '0001_agents': m0001,
  '0002_queues': m0002,
  '0003_claim_next_entry': m0003,
  '0009_audit_log': m0009,
  '0010_calls': m0010,
  '0011_recordings': m0011,
  '0012_callback_reminders': m0012,
  '0013_call_session_version': m0013,
  '0020_messaging': m0020,
  '0021_magic_links': m0021,
  '0022_recent_attempts': m0022,
  '0023_campaigns': m0023,
  '0024_suppression_lists': m0024,
  '0025_dial_evidence': m0025,
  '0026_agent_state_history': m0026,
  '0027_transcripts_and_costs': m0027,
  '0028_engine_calls': m0028,
  '0029_routing': m0029,
  '0030_campaign_inbound_first': m0030,
  '0031_inbound': m0031,
  '0034_call_log': m0034,
  '0035_system_errors': m0035,
  '0036_voice_ai': m0036,
  '0037_desk_and_engine_reads': m0037,
  // Not 0033: it sorts below 0037, and Kysely refuses a new migration below one a database has run.
  '0040_stored_settings': m0040,
}

export class MigrationFailed extends Error {
  override readonly name = 'MigrationFailed'
}

/**
 * The schema the store's tables go in (the first on the search path). Kysely's migrator looks for its
 * own tables in every schema unless told which, so two stores in one database (or a migration racing
 * another schema's) would each take the other's migration table for its own.
 */
export const currentSchema = async (db: Kysely<unknown>): Promise<{ migrationTableSchema?: string }> => {
  const schema = (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0]
    ?.schema
  return schema ? { migrationTableSchema: schema } : {}
}

/** Brings the dialler store's schema up to date; safe to call at every start. */
export const migrateToLatest = async (db: Kysely<unknown>): Promise<MigrationResultSet> => {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'ringlane_migrations',
    migrationLockTableName: 'ringlane_migrations_lock',
    ...(await currentSchema(db)),
  })
  const result = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new MigrationFailed(`Dialler store migration ${failed} failed: ${String(result.error)}`, {
      cause: result.error,
    })
  }
  return result
}
