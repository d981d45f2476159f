import type { LeadId, Leads } from '@ringlane/core'
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import { strippedPhone, writtenForms } from './find-leads-by-phone.js'
import type { ClaimsSource } from './source-schema.js'

/** `%` and `_` typed by an agent are letters, not wildcards. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * People by name, number or case reference, newest first, for the agent's lead search. A name matches
 * when every word typed starts the first or the last name (any case); a number matches however the
 * source wrote it; a case reference matches exactly (any case). Runs the same on MySQL and Postgres.
 */
export const searchLeads = async (
  db: Kysely<ClaimsSource>,
  { text, phone, limit }: Leads.LeadSearch,
): Promise<ReadonlyArray<Leads.LeadMatch>> => {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 4)
  const reference = text.toUpperCase()
  const rows = await db
    .selectFrom('users')
    .leftJoin('claims as c', (join) =>
      join.onRef('c.user_id', '=', 'users.id').on(sql`upper(c.reference)`, '=', reference),
    )
    .select(['users.id', 'users.first_name', 'users.last_name', 'users.phone_number', 'users.created_at'])
    .select((eb) => eb.fn.max('c.reference').as('reference'))
    .where((eb) => {
      const byName = eb.and(
        words.map(
          (word): Expression<SqlBool> =>
            eb.or([
              eb(sql`lower(users.first_name)`, 'like', `${escapeLike(word)}%`),
              eb(sql`lower(users.last_name)`, 'like', `${escapeLike(word)}%`),
            ]),
        ),
      )
      const ors: Expression<SqlBool>[] = [byName, eb('c.id', 'is not', null)]
      if (phone) ors.push(eb(strippedPhone, 'in', [...writtenForms(phone)]))
      return eb.or(ors)
    })
    .groupBy(['users.id', 'users.first_name', 'users.last_name', 'users.phone_number', 'users.created_at'])
    .orderBy('users.created_at', 'desc')
    .orderBy('users.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    leadId: String(row.id) as LeadId,
    firstName: row.first_name,
    lastName: row.last_name,
    phone: row.phone_number,
    ...(row.reference
      ? { matchedBy: 'reference' as const, detail: row.reference }
      : phone && writtenForms(phone).includes(row.phone_number.replace(/[\s\-().]/g, ''))
        ? { matchedBy: 'phone' as const, detail: null }
        : { matchedBy: 'name' as const, detail: null }),
  }))
}
