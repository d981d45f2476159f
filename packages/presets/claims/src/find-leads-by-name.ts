import type { LeadId } from '@ringlane/core'
import { type Kysely, sql } from 'kysely'
import type { ClaimsSource } from './source-schema.js'

const fullName = sql<string>`lower(concat(users.first_name, ' ', users.last_name))`

/**
 * The people in the claims source whose name contains the text ("ann", "smith", "Ann Smith"), case
 * ignored, newest first. `%` and `_` typed by a person are letters, not wildcards. The same query runs
 * on MySQL and Postgres.
 */
export const findLeadsByName = async (
  db: Kysely<ClaimsSource>,
  name: string,
  limit: number,
): Promise<ReadonlyArray<LeadId>> => {
  const pattern = `%${name.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const rows = await db
    .selectFrom('users')
    .select('users.id')
    .where(fullName, 'like', pattern)
    .orderBy('users.created_at', 'desc')
    .orderBy('users.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => String(row.id) as LeadId)
}

/** Many people's names at once, "First Last"; ids the source does not have are left out. */
export const leadNames = async (
  db: Kysely<ClaimsSource>,
  leadIds: ReadonlyArray<LeadId>,
): Promise<ReadonlyMap<LeadId, string>> => {
  const rows = await db
    .selectFrom('users')
    .select(['users.id', 'users.first_name', 'users.last_name'])
    .where('users.id', 'in', [...leadIds])
    .execute()
  return new Map(rows.map((row) => [String(row.id) as LeadId, `${row.first_name} ${row.last_name}`.trim()]))
}
