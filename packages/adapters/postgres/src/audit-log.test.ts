import { createTestPostgres, postgresEngines, type TestPostgres } from '@ringlane/test-database'
import { Effect } from 'effect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog } from './audit-log.js'
import { connectDiallerStore } from './connection.js'
import { migrateToLatest } from './migrations/index.js'
import type { DiallerDatabase } from './schema.js'

describe.each(postgresEngines())('audit log on %s', (engine) => {
  let database: TestPostgres
  let log: ReturnType<typeof auditLog>
  beforeAll(async () => {
    database = await createTestPostgres(engine)
    const db = connectDiallerStore<DiallerDatabase>(database.client)
    await migrateToLatest(db as never)
    log = auditLog(db)
  })
  afterAll(() => database?.close())

  it('records entries and lists them newest first, filtered', async () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute))
    await Effect.runPromise(
      log.record({ actor: 'agent-1', action: 'lead.viewed', subject: 'lead:1', detail: {}, at: at(0) }),
    )
    await Effect.runPromise(
      log.record({
        actor: 'public',
        action: 'magic_link.rejected',
        subject: 'link:x',
        detail: { reason: 'expired', ip: '203.0.113.9' },
        at: at(1),
      }),
    )
    const all = await Effect.runPromise(log.list({ limit: 10 }))
    expect(all.map((e) => e.action)).toEqual(['magic_link.rejected', 'lead.viewed'])
    expect(all[0]?.detail).toEqual({ reason: 'expired', ip: '203.0.113.9' })
    expect(await Effect.runPromise(log.list({ actor: 'agent-1', limit: 10 }))).toHaveLength(1)
    expect(await Effect.runPromise(log.list({ since: at(1), limit: 10 }))).toHaveLength(1)
    expect(await database.query('select count(*)::int as n from audit_log')).toEqual([{ n: 2 }])
  })

  it('pages newest first by key: every entry once, also those written at one instant', async () => {
    await database.query('delete from audit_log')
    const at = new Date(Date.UTC(2026, 10, 21, 9, 0))
    for (let i = 0; i < 5; i++)
      await Effect.runPromise(
        log.record({ actor: 'system', action: 'job.ran', subject: `job:${i}`, detail: {}, at }),
      )
    const all = await Effect.runPromise(log.list({ limit: 10 }))
    const seen: string[] = []
    let after: { at: Date; id: string } | null = null
    for (let page = 0; page < 10; page++) {
      const rows: ReadonlyArray<{ id: string; at: Date }> = await Effect.runPromise(
        log.list({ after, limit: 2 }),
      )
      if (rows.length === 0) break
      seen.push(...rows.map((r) => r.id))
      const last = rows.at(-1)
      after = last ? { at: last.at, id: last.id } : null
    }
    expect(seen).toEqual(all.map((e) => e.id))
    expect(new Set(seen).size).toBe(5)
  })
})
