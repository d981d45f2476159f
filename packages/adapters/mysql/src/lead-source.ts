import { Leads } from '@ringlane/core'
import { Layer } from 'effect'
import type { MysqlPool } from 'kysely'
import { connectLeadSource } from './connection.js'

export interface MysqlLeadSourceOptions<Source, Details = unknown, Facts = unknown> {
  /**
   * A mysql2 pool (callback API) for a user that may only SELECT. Create it with `timezone: 'Z'` so
   * DATETIME columns are read as UTC.
   */
  readonly pool: MysqlPool
  /** The source's queues and queries, e.g. `claimsPreset()` from `@ringlane/claims`. */
  readonly preset: Leads.LeadSourcePreset<Source, Details, Facts>
}

/** The lead source on a MySQL or MariaDB replica. Ringlane only ever reads from it. */
export const mysqlLeadSource = <Source, Details, Facts>({
  pool,
  preset,
}: MysqlLeadSourceOptions<Source, Details, Facts>) =>
  Leads.kyselyLeadSource(connectLeadSource<Source>(pool), preset)

/** Effect API: provides `LeadSource`. */
export const layer = <Source, Details, Facts>(options: MysqlLeadSourceOptions<Source, Details, Facts>) =>
  Layer.sync(Leads.LeadSource, () => mysqlLeadSource(options))
