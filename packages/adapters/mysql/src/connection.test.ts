import { createTestMysql, mysqlTestUrl, type TestMysql } from '@ringlane/test-database'
import { sql } from 'kysely'
import { createPool } from 'mysql2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectLeadSource } from './connection.js'

describe.runIf(mysqlTestUrl())('lead source connection (MariaDB/MySQL)', () => {
  let database: TestMysql
  beforeAll(async () => {
    database = await createTestMysql()
    await database.pool.query('create table users (id bigint primary key, first_name varchar(100))')
    await database.pool.query("insert into users values (1, 'Ada')")
  })
  afterAll(() => database?.close())

  it('reads through Kysely with a SELECT-only user, who cannot write', async () => {
    const source = connectLeadSource<{ users: { id: number; first_name: string } }>(
      createPool({ uri: await database.readOnlyUrl() }),
    )
    try {
      const rows = await source.selectFrom('users').selectAll().execute()
      expect(rows).toEqual([{ id: 1, first_name: 'Ada' }])
      await expect(sql`insert into users values (2, 'Grace')`.execute(source)).rejects.toThrow(/denied/i)
      const [count] = await database.pool.query('select count(*) as n from users')
      expect(count).toEqual([{ n: 1 }])
    } finally {
      await source.destroy()
    }
  })
})
