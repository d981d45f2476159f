import { Leads } from '@ringlane/core'
import { Layer } from 'effect'
import { connectDiallerStore, type StoreClient } from './connection.js'

export interface PostgresLeadSourceOptions<Source, Details = unknown, Facts = unknown> {
  /** A `pg` Pool or PGlite holding the source tables, e.g. the embedded demo source. */
  readonly client: StoreClient
  /** The source's queues and queries, e.g. `claimsPreset()` from `@ringlane/claims`. */
  readonly preset: Leads.LeadSourcePreset<Source, Details, Facts>
  /** The schema the source tables live in, when not on the search path (e.g. beside the dialler store). */
  readonly schema?: string
}

/**
 * A lead source on Postgres or PGlite: the embedded demo's source, or a Postgres replica. Only reads;
 * the same preset queries run on MySQL through `@ringlane/mysql`.
 */
export const postgresLeadSource = <Source, Details, Facts>({
  client,
  preset,
  schema,
}: PostgresLeadSourceOptions<Source, Details, Facts>) => {
  const db = connectDiallerStore<Source>(client)
  return Leads.kyselyLeadSource(schema ? db.withSchema(schema) : db, preset)
}

/** Effect API: provides `LeadSource`. */
export const leadSourceLayer = <Source, Details, Facts>(
  options: PostgresLeadSourceOptions<Source, Details, Facts>,
) => Layer.sync(Leads.LeadSource, () => postgresLeadSource(options))
