import { Settings } from '@ringlane/core'
import { Effect } from 'effect'
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

/** The largest version the `integer` column holds. */
const MAX_VERSION = 2_147_483_647

/** Stored settings in Postgres or PGlite (migration 0040): one jsonb document per setting. */
export const settingsStore = (db: Kysely<DiallerDatabase>): Settings.SettingsStoreService => {
  const read = (key: string) =>
    attempt(`read the ${key} setting`, async () => {
      const row = await db.selectFrom('stored_settings').selectAll().where('key', '=', key).executeTakeFirst()
      return row ? toSetting(row) : null
    })
  return {
    read,

    /*
     * One statement decides: the update matches only the version the change was based on (a racing change
     * waits for the row lock, then finds the version moved on and matches nothing); a first change inserts
     * only where nothing is stored. Nothing written: read what is there, for the refusal.
     */
    write: ({ key, value, expectedVersion, changedBy, changedAt }) =>
      Effect.flatMap(
        attempt(`store the ${key} setting`, async () => {
          const document = sql`${JSON.stringify(value)}::jsonb`
          const row =
            expectedVersion === null
              ? await db
                  .insertInto('stored_settings')
                  .values({ key, value: document, version: 1, changed_by: changedBy, changed_at: changedAt })
                  .onConflict((oc) => oc.column('key').doNothing())
                  .returningAll()
                  .executeTakeFirst()
              : // The column is an integer: a version past it is stored nowhere, and must not fail the cast.
                expectedVersion <= MAX_VERSION
                ? await db
                    .updateTable('stored_settings')
                    .set({
                      value: document,
                      version: sql`version + 1`,
                      changed_by: changedBy,
                      changed_at: changedAt,
                    })
                    .where('key', '=', key)
                    .where('version', '=', expectedVersion)
                    .returningAll()
                    .executeTakeFirst()
                : undefined
          return row ? toSetting(row) : null
        }),
        (stored) =>
          stored
            ? Effect.succeed(stored)
            : Effect.flatMap(read(key), (current) =>
                Effect.fail(Settings.changedMeanwhile(key, expectedVersion, current)),
              ),
      ),
  }
}
