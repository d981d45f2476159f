import { Compliance, type E164 } from '@ringlane/core'
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import { attemptWith } from './rows.js'
import type { DiallerDatabase } from './schema.js'

const attempt = attemptWith(Compliance.SuppressionListStoreError, 'suppression list store')

// Registers hold millions of numbers: inserted in slices, all inside the import's one transaction.
const SLICE = 5000

type EntryRow = Selectable<DiallerDatabase['suppression_entries']>

const toEntry = (row: EntryRow): Compliance.ListEntry => ({
  listId: row.list_id,
  phone: row.phone as E164,
  reason: row.reason,
  source: row.source,
  addedBy: row.added_by,
  addedAt: new Date(row.added_at),
})

/** Creates the list's row if it is new, and marks it changed now by `by`. */
const touchList = (
  db: Kysely<DiallerDatabase> | Transaction<DiallerDatabase>,
  list: { id: string; kind: 'internal' | 'register'; by: string; at: Date; screenedAt?: Date | null },
) =>
  db
    .insertInto('suppression_lists')
    .values({
      id: list.id,
      kind: list.kind,
      screened_at: list.screenedAt ?? null,
      updated_at: list.at,
      updated_by: list.by,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        updated_at: list.at,
        updated_by: list.by,
        ...(list.screenedAt === undefined ? {} : { screened_at: list.screenedAt }),
      }),
    )
    .execute()

/** Do-not-call lists on a Kysely instance over Postgres or PGlite whose schema is migrated. */
export const suppressionListStore = (
  db: Kysely<DiallerDatabase>,
): Compliance.SuppressionListStoreService => ({
  lists: () =>
    attempt('read the lists', async () => {
      const rows = await db
        .selectFrom('suppression_lists as l')
        .select([
          'l.id',
          'l.kind',
          'l.screened_at',
          'l.updated_at',
          'l.updated_by',
          sql<string>`(select count(*) from suppression_entries e where e.list_id = l.id)`.as('entries'),
        ])
        .orderBy('l.id')
        .execute()
      return rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        entries: Number(row.entries),
        screenedAt: row.screened_at === null ? null : new Date(row.screened_at),
        updatedAt: new Date(row.updated_at),
        updatedBy: row.updated_by,
      }))
    }),

  listedOn: (phones) =>
    attempt('look numbers up on the lists', async () => {
      if (phones.length === 0) return []
      const rows = await db
        .selectFrom('suppression_entries')
        .selectAll()
        .where(sql<boolean>`phone = any(${[...phones]}::text[])`)
        .orderBy('phone')
        .orderBy('list_id')
        .execute()
      return rows.map(toEntry)
    }),

  entries: (listId, page) =>
    attempt('read a list', async () => {
      const rows = await db
        .selectFrom('suppression_entries')
        .selectAll()
        .where('list_id', '=', listId)
        // Keyset: after the previous page's last entry, in (added at desc, phone asc) order.
        .$if(!!page.after, (q) =>
          q.where((eb) =>
            eb.or([
              eb('added_at', '<', page.after?.at as Date),
              eb.and([
                eb('added_at', '=', page.after?.at as Date),
                eb('phone', '>', page.after?.id as string),
              ]),
            ]),
          ),
        )
        .orderBy('added_at', 'desc')
        .orderBy('phone')
        .limit(page.limit)
        .offset(page.offset)
        .execute()
      return rows.map(toEntry)
    }),

  addEntry: (entry) =>
    attempt('add a number to a list', () =>
      db.transaction().execute(async (tx) => {
        const kind = entry.listId === Compliance.INTERNAL_LIST ? 'internal' : 'register'
        await tx
          .insertInto('suppression_lists')
          .values({
            id: entry.listId,
            kind,
            screened_at: null,
            updated_at: entry.addedAt,
            updated_by: entry.addedBy,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute()
        const added = await tx
          .insertInto('suppression_entries')
          .values({
            list_id: entry.listId,
            phone: entry.phone,
            reason: entry.reason,
            source: entry.source,
            added_by: entry.addedBy,
            added_at: entry.addedAt,
          })
          .onConflict((oc) => oc.columns(['list_id', 'phone']).doNothing())
          .executeTakeFirst()
        if (Number(added.numInsertedOrUpdatedRows ?? 0) === 0) return false
        await touchList(tx, { id: entry.listId, kind, by: entry.addedBy, at: entry.addedAt })
        return true
      }),
    ),

  removeEntry: (listId, phone) =>
    attempt('remove a number from a list', async () => {
      const removed = await db
        .deleteFrom('suppression_entries')
        .where('list_id', '=', listId)
        .where('phone', '=', phone)
        .executeTakeFirst()
      return Number(removed.numDeletedRows) > 0
    }),

  importList: (load) =>
    attempt('import a list', () =>
      db.transaction().execute(async (tx) => {
        await touchList(tx, {
          id: load.listId,
          kind: load.kind,
          by: load.importedBy,
          at: load.at,
          screenedAt: load.screenedAt,
        })
        let removed = 0
        if (load.mode === 'replace') {
          const gone = await tx
            .deleteFrom('suppression_entries')
            .where('list_id', '=', load.listId)
            .executeTakeFirst()
          removed = Number(gone.numDeletedRows)
        }
        let added = 0
        for (let at = 0; at < load.entries.length; at += SLICE) {
          const slice = load.entries.slice(at, at + SLICE)
          const result = await tx
            .insertInto('suppression_entries')
            .values(
              slice.map((entry) => ({
                list_id: load.listId,
                phone: entry.phone,
                reason: entry.reason,
                source: entry.source,
                added_by: load.importedBy,
                added_at: load.at,
              })),
            )
            .onConflict((oc) => oc.columns(['list_id', 'phone']).doNothing())
            .executeTakeFirst()
          added += Number(result.numInsertedOrUpdatedRows ?? 0)
        }
        return { added, removed }
      }),
    ),
})
