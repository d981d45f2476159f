import { Leads } from '@ringlane/core'
import { Layer } from 'effect'
import { connectDiallerStore, type StoreClient } from './connection.js'

export interface PostgresLeadSourceOptions<Source> {
  /** A `pg` Pool or PGlite holding the source tables, e.g. the embedded demo source. */
  readonly client: StoreClient
  /** The source's queues and queries, e.g. `claimsPreset()` from `@ringlane/core/claims`. */
  readonly preset: Leads.LeadSourcePreset<Source>
}

/**
 * A lead source on Postgres or PGlite: the embedded demo's source, or a Postgres replica. Only reads;
 * the same preset queries run on MySQL through `@ringlane/mysql`.
 */
export const postgresLeadSource = <Source>({ client, preset }: PostgresLeadSourceOptions<Source>) =>
  Leads.kyselyLeadSource(connectDiallerStore<Source>(client), preset)

/** Effect API: provides `LeadSource`. */
export const leadSourceLayer = <Source>(options: PostgresLeadSourceOptions<Source>) =>
  Layer.sync(Leads.LeadSource, () => postgresLeadSource(options))
