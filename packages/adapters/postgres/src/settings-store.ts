import { Settings } from '@ringlane/core'
import { type Kysely, type Selectable, sql } from 'kysely'
import { attemptWith } from './rows.js'
import type { DiallerDatabase } from './schema.js'

const attempt = attemptWith(Settings.SettingsStoreError, 'settings store')

const toSetting = (row: Selectable<DiallerDatabase['stored_settings']>): Settings.StoredSetting => ({
  key: row.key,
  value: row.value,
  version: row.version,
  changedBy: row.changed_by,
  changedAt: new Date(row.changed_at),
})

/** Stored settings in Postgres or PGlite (migration 0040): one jsonb document per setting. */
export const settingsStore = (db: Kysely<DiallerDatabase>): Settings.SettingsStoreService => ({
  read: (key) =>
    attempt(`read the ${key} setting`, async () => {
      const row = await db.selectFrom('stored_settings').selectAll().where('key', '=', key).executeTakeFirst()
      return row ? toSetting(row) : null
    }),

  // One statement: concurrent changes each get their own version, the last one stays.
  write: ({ key, value, changedBy, changedAt }) =>
    attempt(`store the ${key} setting`, async () => {
      const document = sql`${JSON.stringify(value)}::jsonb`
      return toSetting(
        await db
          .insertInto('stored_settings')
          .values({ key, value: document, version: 1, changed_by: changedBy, changed_at: changedAt })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({
              value: document,
              version: sql`stored_settings.version + 1`,
              changed_by: changedBy,
              changed_at: changedAt,
            }),
          )
          .returningAll()
          .executeTakeFirstOrThrow(),
      )
    }),
})
