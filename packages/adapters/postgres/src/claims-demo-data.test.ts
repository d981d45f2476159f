import type { PGlite } from '@electric-sql/pglite'
import { type ClaimsSource, generateClaimsSource, migrateClaimsSource } from '@ringlane/claims'
import { createTestPostgres, type TestPostgres } from '@ringlane/test-database'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectDiallerStore } from './connection.js'
import { copyRowsIntoPGlite } from './pglite-copy.js'

describe('claims demo data on Postgres', () => {
  const databases: TestPostgres[] = []
  const fresh = async () => {
    const database = await createTestPostgres('pglite')
    databases.push(database)
    const db = connectDiallerStore<ClaimsSource>(database.client)
    await migrateClaimsSource(db as Kysely<unknown>)
    return { database, db }
  }
  let first: Awaited<ReturnType<typeof fresh>>
  const progress: number[] = []
  const now = new Date('2026-11-20T12:00:00Z')

  beforeAll(async () => {
    first = await fresh()
    await generateClaimsSource(first.db, {
      users: 2500,
      seed: 42,
      now,
      onProgress: (p) => progress.push(p.users),
    })
  })
  afterAll(() => Promise.all(databases.map((d) => d.close())))

  it('makes seed-shaped data: about 2.9 claims a person and 6.9 requirements a claim, with progress', async () => {
    const [counts] = await first.database.query<{ users: number; claims: number; requirements: number }>(
      'select (select count(*)::int from users) as users, (select count(*)::int from claims) as claims, (select count(*)::int from claim_requirements) as requirements',
    )
    expect(counts?.users).toBe(2500)
    expect((counts?.claims ?? 0) / 2500).toBeCloseTo(2.9, 0)
    expect((counts?.requirements ?? 0) / (counts?.claims ?? 1)).toBeCloseTo(7, 0)
    expect(progress).toEqual([2500])
  })

  it("uses only Ofcom's drama range for phone numbers, and example.com for email", async () => {
    const phones = await first.database.query<{ phone_number: string; email: string | null }>(
      'select phone_number, email from users',
    )
    for (const { phone_number, email } of phones) {
      expect(phone_number.replace(/\D/g, '').replace(/^44/, '0')).toMatch(/^07700900\d{3}$/)
      if (email) expect(email).toMatch(/@example\.com$/)
    }
  })

  it('gives the same data for the same seed', async () => {
    const second = await fresh()
    await generateClaimsSource(second.db, { users: 300, seed: 42, now })
    const sample =
      'select id, first_name, last_name, phone_number, created_at from users where id <= 300 order by id'
    const claims = 'select id, user_id, lender, estimated_value from claims where user_id <= 50 order by id'
    const again = await fresh()
    await generateClaimsSource(again.db, { users: 300, seed: 42, now })
    expect(await second.database.query(sample)).toEqual(await again.database.query(sample))
    expect(await second.database.query(claims)).toEqual(await again.database.query(claims))
  })

  it('loads the same data through COPY on PGlite as through INSERTs', async () => {
    const copied = await fresh()
    await generateClaimsSource(copied.db, {
      users: 300,
      seed: 42,
      now,
      writeRows: (table, rows) => copyRowsIntoPGlite(copied.database.client as PGlite, table, rows),
    })
    const inserted = await fresh()
    await generateClaimsSource(inserted.db, { users: 300, seed: 42, now })
    for (const sql of [
      'select * from users order by id',
      'select * from user_addresses order by id',
      'select * from claims order by id',
      'select * from claim_requirements order by id',
    ]) {
      expect(await copied.database.query(sql)).toEqual(await inserted.database.query(sql))
    }
  })

  it('refuses a nonsense size', async () => {
    await expect(generateClaimsSource(first.db, { users: 0 })).rejects.toThrow(/users must be/)
  })
})
