import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ClaimsSource, generateClaimsSource, migrateClaimsSource } from '@ringlane/claims'
import { connectLeadSource } from '@ringlane/mysql'
import { createTestMysql, mysqlTestUrl, type TestMysql } from '@ringlane/test-database'
import type { Kysely } from 'kysely'
import { createPool } from 'mysql2'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DiallerApp, startDialler } from './dialler.server'
import { readEnv } from './env.server'

const postgresUrl = process.env.TEST_DATABASE_URL

/**
 * The app as a call centre runs it: the store on server Postgres (its own database, as pg-boss and
 * LISTEN/NOTIFY need), the lead source on a MySQL replica through a SELECT-only user.
 */
describe.runIf(postgresUrl && mysqlTestUrl())('the dialler on server Postgres and a MySQL replica', () => {
  const database = `rl_test_app_${randomBytes(4).toString('hex')}`
  let replica: TestMysql
  let dir: string
  let running: DiallerApp
  const lines: string[] = []

  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: postgresUrl })
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }

  beforeAll(async () => {
    await admin(`create database ${database}`)
    replica = await createTestMysql()
    const writer = connectLeadSource<ClaimsSource>(createPool({ uri: replica.url, timezone: 'Z' }))
    await migrateClaimsSource(writer as Kysely<unknown>)
    await generateClaimsSource(writer, { users: 200, seed: 7 })
    await writer.destroy()
    const store = new URL(postgresUrl ?? '')
    store.pathname = `/${database}`
    dir = mkdtempSync(join(tmpdir(), 'ringlane-services-'))
    running = await startDialler(
      readEnv({
        DATABASE_URL: store.toString(),
        REPLICA_DATABASE_URL: await replica.readOnlyUrl(),
        RINGLANE_DATA_DIR: dir,
        PORT: '3998',
      }),
      (line) => lines.push(line),
    )
    await running.jobs.ready
  }, 120_000)

  afterAll(async () => {
    await running?.close()
    await replica?.close()
    await admin(`drop database if exists ${database} with (force)`)
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('starts without demo data or logins, its jobs up and its source answering', async () => {
    expect(running.demoLogins).toEqual([])
    expect(lines.some((line) => line.includes('Generating the demo'))).toBe(false)
    expect(running.jobs.status()).toEqual({ state: 'up', error: null })
    await running.probes.source()
  })

  it('builds queues from the replica and lets an agent claim and check a lead', async () => {
    const regenerated = await running.ringlane.queues.regenerate()
    expect(regenerated._tag).toBe('Regenerated')
    const levels = await running.ringlane.queues.levels()
    expect(levels.reduce((sum, level) => sum + level.waiting, 0)).toBeGreaterThan(0)

    const agent = await running.ringlane.agents.create({
      email: 'first.agent@example.com',
      displayName: 'First Agent',
      role: 'agent',
    })
    await running.ringlane.agents.changeState(agent.id, 'available')
    const entry = await running.ringlane.queues.claimNext(agent.id)
    expect(entry).not.toBeNull()
    const decision = await running.ringlane.dialing.validate(agent.id, entry?.id ?? '')
    // Allowed, or refused for a reason an agent can read (e.g. outside calling hours at this time).
    if (decision._tag === 'Refused') expect(decision.refusals.length).toBeGreaterThan(0)
    else expect(decision.phone).toMatch(/^\+447700900\d{3}$/)
  })
})
