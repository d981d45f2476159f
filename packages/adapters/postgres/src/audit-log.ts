import { Audit } from '@ringlane/core'
import { Effect } from 'effect'
import { type Kysely, sql } from 'kysely'
import { isUuid } from './rows.js'
import type { DiallerDatabase } from './schema.js'

const attempt = <A>(what: string, run: () => Promise<A>) =>
  Effect.tryPromise({
    try: run,
    catch: (cause) =>
      new Audit.AuditLogError({
        message: `Could not ${what}: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause,
      }),
  })

/** The audit log in the dialler store (append-only: nothing here updates or deletes entries). */
export const auditLog = (db: Kysely<DiallerDatabase>): Audit.AuditLogService => ({
  record: (entry) =>
    attempt('write the audit log', async () => {
      await db
        .insertInto('audit_log')
        .values({
          actor: entry.actor,
          action: entry.action,
          subject: entry.subject,
          detail: JSON.stringify(entry.detail),
          at: entry.at,
        })
        .execute()
    }),
  list: (filter) =>
    attempt('read the audit log', async () => {
      let query = db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.limit)
      if (filter.actor) query = query.where('actor', '=', filter.actor)
      if (filter.action) query = query.where('action', '=', filter.action)
      if (filter.subject) query = query.where('subject', '=', filter.subject)
      if (filter.since) query = query.where('at', '>=', filter.since)
      const after = filter.after
      // Keyset: strictly before the previous page's last entry, in (at, id) order.
      if (after)
        query = isUuid(after.id)
          ? query.where(sql`(at, id)`, '<', sql`(${after.at}::timestamptz, ${after.id}::uuid)`)
          : query.where('at', '<', after.at)
      return (await query.execute()).map((row) => ({
        id: row.id,
        actor: row.actor,
        action: row.action,
        subject: row.subject,
        detail: row.detail,
        at: new Date(row.at),
      }))
    }),
})
