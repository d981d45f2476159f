import { createTestPostgres, postgresEngines, type TestPostgres } from '@ringlane/test-database'
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
})
