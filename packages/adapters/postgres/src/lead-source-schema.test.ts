import { type ClaimsSource, migrateClaimsSource } from '@ringlane/claims'
import { createTestPostgres } from '@ringlane/test-database'
import type { Kysely } from 'kysely'
import { expect, it } from 'vitest'
import { connectDiallerStore } from './connection.js'

it('keeps a source given a schema entirely inside that schema', async () => {
  const database = await createTestPostgres('pglite')
  try {
    await database.query('create schema demo_source')
    await migrateClaimsSource(
      connectDiallerStore<ClaimsSource>(database.client).withSchema('demo_source') as Kysely<unknown>,
    )
    const tables = await database.query<{ schemaname: string; tablename: string }>(
      "select schemaname, tablename from pg_tables where tablename in ('users', 'claims', 'claim_requirements', 'user_addresses') order by tablename",
    )
    expect(tables).toEqual(
      ['claim_requirements', 'claims', 'user_addresses', 'users'].map((tablename) => ({
        schemaname: 'demo_source',
        tablename,
      })),
    )
  } finally {
    await database.close()
  }
})
