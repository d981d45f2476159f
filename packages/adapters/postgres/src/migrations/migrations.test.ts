import { createTestPostgres, postgresEngines, type TestPostgres } from '@ringlane/test-database'
import { Migrator } from 'kysely/migration'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectDiallerStore } from '../connection.js'
import { migrateToLatest, migrations } from './index.js'

describe.each(postgresEngines())('dialler store migrations on %s', (engine) => {
  let database: TestPostgres
  beforeAll(async () => {
    database = await createTestPostgres(engine)
  })
  afterAll(() => database.close())

  it('migrate up from empty, then have nothing left to do', async () => {
    const db = connectDiallerStore(database.client)
    const first = await migrateToLatest(db)
    expect(first.results?.map((r) => [r.migrationName, r.status])).toEqual(
      Object.keys(migrations).map((name) => [name, 'Success']),
    )
    const second = await migrateToLatest(db)
    expect(second.results).toEqual([])
    const tables = await database.query<{ tablename: string }>(
      'select tablename from pg_tables where schemaname = $1 order by tablename',
      [database.schema],
    )
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining([
        'agents',
        'agent_states',
        'queues',
        'queue_entries',
        'lead_activity',
        'lead_conversions',
        'opt_outs',
        'callbacks',
      ]),
    )
  })

  it('a store that ran 0037 takes 0040, and would refuse a new migration numbered below 0037', async () => {
    const other = await createTestPostgres(engine)
    try {
      const db = connectDiallerStore(other.client)
      const migratorOf = (list: Record<string, (typeof migrations)[string]>) =>
        new Migrator({
          db,
          provider: { getMigrations: async () => list },
          migrationTableName: 'ringlane_migrations',
          migrationLockTableName: 'ringlane_migrations_lock',
          migrationTableSchema: other.schema,
        })
      expect((await migratorOf(migrations).migrateTo('0037_desk_and_engine_reads')).error).toBeUndefined()
      // Kysely runs migrations in name order only: one slotted in below an executed one is refused.
      const below = {
        ...migrations,
        '0033_stored_settings': migrations['0040_stored_settings'],
      } as typeof migrations
      expect(String((await migratorOf(below).migrateToLatest()).error)).toMatch(/corrupted migrations/)
      const result = await migrateToLatest(db)
      expect(result.results?.map((r) => [r.migrationName, r.status])).toEqual([
        ['0040_stored_settings', 'Success'],
      ])
    } finally {
      await other.close()
    }
  })

  it('0022 keeps the last 8 days of call times from the call sessions, and drops the UTC-day count', async () => {
    const other = await createTestPostgres(engine)
    try {
      const db = connectDiallerStore(other.client)
      const migrator = new Migrator({
        db,
        provider: { getMigrations: async () => migrations },
        migrationTableName: 'ringlane_migrations',
        migrationLockTableName: 'ringlane_migrations_lock',
        // Other test schemas in the same server database have these tables too: look in this one.
        migrationTableSchema: other.schema,
      })
      expect((await migrator.migrateTo('0021_magic_links')).error).toBeUndefined()
      const [agent] = await other.query<{ id: string }>(
        "insert into agents (email, display_name, role) values ('ann@example.com', 'Ann', 'agent') returning id",
      )
      await other.query(
        "insert into lead_activity (lead_id, attempts_total, attempts_today, attempts_day) values ('1', 3, 1, current_date)",
      )
      for (const daysAgo of [20, 5, 1])
        await other.query(
          `insert into call_sessions (agent_id, lead_id, queue_id, entry_id, phone, provider, status, started_at)
           values ($1, '1', 'unsigned', gen_random_uuid(), '+447700900001', 'simulator', 'completed', now() - make_interval(days => $2))`,
          [agent?.id, daysAgo],
        )
      expect((await migrateToLatest(db)).error).toBeUndefined()
      const [row] = await other.query<{ attempts_total: number; recent: number; oldest_days: number }>(
        `select attempts_total, cardinality(recent_attempts) as recent,
           round(extract(epoch from now() - recent_attempts[1]) / 86400)::int as oldest_days
         from lead_activity where lead_id = '1'`,
      )
      expect(row).toEqual({ attempts_total: 3, recent: 2, oldest_days: 5 })
      const columns = await other.query<{ column_name: string }>(
        "select column_name from information_schema.columns where table_schema = $1 and table_name = 'lead_activity'",
        [other.schema],
      )
      expect(columns.map((c) => c.column_name)).not.toContain('attempts_day')
    } finally {
      await other.close()
    }
  })
})
