import { type ClaimsSource, generateClaimsSource, migrateClaimsSource } from '@ringlane/claims'
import { createTestMysql, mysqlTestUrl, type TestMysql } from '@ringlane/test-database'
import type { Kysely } from 'kysely'
import { createPool } from 'mysql2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectLeadSource } from './connection.js'

describe.runIf(mysqlTestUrl())('claims demo data on MariaDB/MySQL', () => {
  let database: TestMysql
  let db: Kysely<ClaimsSource>
  beforeAll(async () => {
    database = await createTestMysql()
    db = connectLeadSource<ClaimsSource>(createPool({ uri: database.url, timezone: 'Z' }))
    await migrateClaimsSource(db as Kysely<unknown>)
  })
  afterAll(async () => {
    await db?.destroy()
    await database?.close()
  })

  it('creates the schema and fills it on MySQL with the same shape as on Postgres', async () => {
    const now = new Date('2026-11-20T12:00:00Z')
    const totals = await generateClaimsSource(db, { users: 1000, seed: 42, now })
    const [rows] = await database.pool.query(
      'select (select count(*) from users) as users, (select count(*) from claims) as claims, (select count(*) from claim_requirements) as requirements',
    )
    expect((rows as Record<string, number>[])[0]).toEqual({
      users: 1000,
      claims: totals.claims,
      requirements: totals.requirements,
    })
    const [first] = await database.pool.query('select created_at from users where id = 1')
    const created = (first as { created_at: Date }[])[0]?.created_at
    expect(created).toBeInstanceOf(Date)
    expect(Number(created)).toBeLessThanOrEqual(+now)
  })
})
