import { type Agents, type Leads, MagicLinks } from '@ringlane/core'
import { Option } from 'effect'
import { type Kysely, type Selectable, sql } from 'kysely'
import { attemptWith, dateOrNull, isUuid } from './rows.js'
import type { DiallerDatabase } from './schema.js'

type LinkRow = Selectable<DiallerDatabase['magic_links']>

const attempt = attemptWith(MagicLinks.MagicLinkStoreError, 'magic-link store')

const toLink = (row: LinkRow): MagicLinks.StoredMagicLink => ({
  id: row.id,
  tokenHash: row.token_hash,
  leadId: row.lead_id as Leads.LeadId,
  linkType: row.link_type,
  issuedBy: row.issued_by as Agents.AgentId | null,
  callSessionId: row.call_session_id,
  issuedAt: new Date(row.issued_at),
  expiresAt: new Date(row.expires_at),
  singleUse: row.single_use,
  revokedAt: dateOrNull(row.revoked_at),
  revokedReason: row.revoked_reason,
  accessCount: row.access_count,
  firstAccessedAt: dateOrNull(row.first_accessed_at),
  lastAccessedAt: dateOrNull(row.last_accessed_at),
  lastUserAgent: row.last_user_agent,
  lastIp: row.last_ip,
  convertedAt: dateOrNull(row.converted_at),
})

/** Only the stored hash's owner sees it: everything leaving the store but `findByTokenHash` drops it. */
const publicLink = (row: LinkRow): MagicLinks.MagicLink => {
  const { tokenHash: _, ...link } = toLink(row)
  return link
}

interface CountRow {
  sent: string | number
  accessed: string | number
  converted: string | number
  total_accesses: string | number | null
}
const counts = (row: CountRow): MagicLinks.LinkCounts => ({
  sent: Number(row.sent),
  accessed: Number(row.accessed),
  converted: Number(row.converted),
  totalAccesses: Number(row.total_accesses ?? 0),
})

/** Magic links over a Kysely instance on Postgres or PGlite whose schema is migrated. */
export const magicLinkStore = (db: Kysely<DiallerDatabase>): MagicLinks.MagicLinkStoreService => {
  const byId = async (id: string) =>
    isUuid(id)
      ? Option.fromNullable(
          await db.selectFrom('magic_links').selectAll().where('id', '=', id).executeTakeFirst(),
        ).pipe(Option.map(publicLink))
      : Option.none()

  return {
    insertLink: (link) =>
      attempt('issue a link', async () =>
        publicLink(
          await db
            .insertInto('magic_links')
            .values({
              token_hash: link.tokenHash,
              lead_id: link.leadId,
              link_type: link.linkType,
              issued_by: link.issuedBy,
              call_session_id: link.callSessionId,
              issued_at: link.issuedAt,
              expires_at: link.expiresAt,
              single_use: link.singleUse,
            })
            .returningAll()
            .executeTakeFirstOrThrow(),
        ),
      ),

    findByTokenHash: (tokenHash) =>
      attempt('find a link', async () =>
        Option.fromNullable(
          await db
            .selectFrom('magic_links')
            .selectAll()
            .where('token_hash', '=', tokenHash)
            .executeTakeFirst(),
        ).pipe(Option.map(toLink)),
      ),

    findLink: (id) => attempt('find a link', () => byId(id)),

    linksForLead: (leadId) =>
      attempt('list a lead’s links', async () =>
        (
          await db
            .selectFrom('magic_links')
            .selectAll()
            .where('lead_id', '=', leadId)
            .orderBy('issued_at', 'desc')
            .orderBy('id')
            .execute()
        ).map(publicLink),
      ),

    listLinks: ({ since, until, after, limit }) =>
      attempt('list links', async () =>
        (
          await db
            .selectFrom('magic_links')
            .selectAll()
            .where('issued_at', '>=', since)
            .where('issued_at', '<', until)
            // Keyset: strictly before the previous page's last link, in (issued, id) order.
            .$if(after !== null && isUuid(after.id), (q) =>
              q.where(sql`(issued_at, id)`, '<', sql`(${after?.at}::timestamptz, ${after?.id}::uuid)`),
            )
            .$if(after !== null && !isUuid(after.id), (q) => q.where('issued_at', '<', after?.at as Date))
            .orderBy('issued_at', 'desc')
            .orderBy('id', 'desc')
            .limit(limit)
            .execute()
        ).map(publicLink),
      ),

    recordAccess: (id, access) =>
      attempt('record a link opening', async () => {
        if (!isUuid(id)) return Option.none()
        const row = await db
          .updateTable('magic_links')
          .set({
            access_count: sql`access_count + 1`,
            first_accessed_at: sql`coalesce(first_accessed_at, ${access.at})`,
            last_accessed_at: access.at,
            last_user_agent: access.userAgent,
            last_ip: access.ip,
          })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', access.at)
          .where((eb) => eb.or([eb('single_use', '=', false), eb('access_count', '=', 0)]))
          .returningAll()
          .executeTakeFirst()
        return Option.fromNullable(row).pipe(Option.map(publicLink))
      }),

    revokeLink: (id, reason, at) =>
      attempt('revoke a link', async () => {
        if (!isUuid(id)) return Option.none()
        const row = await db
          .updateTable('magic_links')
          .set({
            revoked_at: sql`coalesce(revoked_at, ${at})`,
            revoked_reason: sql`coalesce(revoked_reason, ${reason})`,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst()
        return Option.fromNullable(row).pipe(Option.map(publicLink))
      }),

    linksAwaitingConversion: (since, limit) =>
      attempt('list links awaiting conversion', async () =>
        (
          await db
            .selectFrom('magic_links')
            .selectAll()
            .where('first_accessed_at', 'is not', null)
            .where('converted_at', 'is', null)
            .where('issued_at', '>=', since)
            .orderBy('issued_at')
            .limit(limit)
            .execute()
        ).map(publicLink),
      ),

    markConverted: (ids, at) =>
      attempt('mark links converted', async () => {
        const valid = ids.filter(isUuid)
        if (valid.length === 0) return 0
        const result = await db
          .updateTable('magic_links')
          .set({ converted_at: at })
          .where('id', 'in', valid)
          .where('converted_at', 'is', null)
          .executeTakeFirst()
        return Number(result.numUpdatedRows)
      }),

    analytics: (filter) =>
      attempt('compute link analytics', async () => {
        const base = db
          .selectFrom('magic_links')
          .where('issued_at', '>=', filter.since)
          .where('issued_at', '<', filter.until)
          .$if(filter.issuedBy !== undefined, (q) => q.where('issued_by', '=', filter.issuedBy ?? null))
          .select((eb) => [
            eb.fn.countAll<string>().as('sent'),
            eb.fn.count<string>('first_accessed_at').as('accessed'),
            eb.fn.count<string>('converted_at').as('converted'),
            eb.fn.sum<string>('access_count').as('total_accesses'),
          ])
        const day = sql<string>`to_char(issued_at at time zone 'UTC', 'YYYY-MM-DD')`
        const [total, byType, byAgent, byDay] = await Promise.all([
          base.executeTakeFirstOrThrow(),
          base.select('link_type').groupBy('link_type').orderBy('link_type').execute(),
          base.select('issued_by').groupBy('issued_by').orderBy('issued_by').execute(),
          base.select(day.as('day')).groupBy(day).orderBy(day).execute(),
        ])
        return {
          total: counts(total),
          byType: byType.map((row) => ({ linkType: row.link_type, ...counts(row) })),
          byAgent: byAgent.map((row) => ({
            agentId: row.issued_by as Agents.AgentId | null,
            ...counts(row),
          })),
          byDay: byDay.map((row) => ({ day: row.day, ...counts(row) })),
        }
      }),
  }
}
