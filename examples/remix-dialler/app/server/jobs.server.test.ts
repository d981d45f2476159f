import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type DiallerApp, startDialler } from './dialler.server'
import { readEnv } from './env.server'

// The runner itself (pg-boss on PGlite, schedules, two instances on server Postgres) is tested in
// @ringlane/postgres (job-runner.test.ts); here, the app's wiring: its live events and its own tables.

describe('the jobs of the embedded dialler', () => {
  let dir: string
  let running: DiallerApp
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ringlane-jobs-'))
    running = await startDialler(
      readEnv({ RINGLANE_DATA_DIR: dir, DEMO_PEOPLE: '50', PORT: '3999' }),
      () => {},
    )
    await running.jobs.ready
  })
  afterAll(async () => {
    await running?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('starts pg-boss with every schedule saved', async () => {
    expect(running.jobs.status()).toEqual({ state: 'up', error: null })
    await running.jobs.ping()
  })

  it('checks queue levels through pg-boss and tells the live dashboards', async () => {
    const heard: string[] = []
    const { unsubscribe } = running.events.subscribe(null, ({ event }) => heard.push(event.type))
    const run = await running.jobs.runNow('queue-level-check')
    unsubscribe()
    expect(run.ok).toBe(true)
    expect(run.summary).toMatchObject({ low: expect.any(Array) })
    expect(heard).toContain('queue-levels')
    expect(running.jobs.lastRuns().map((r) => r.name)).toContain('queue-level-check')
  })

  it('tells an agent their callback is coming due, once', async () => {
    const [agent] = await running.db
      .selectFrom('agents')
      .select('id')
      .where('role', '=', 'agent')
      .limit(1)
      .execute()
    const dueAt = new Date(Date.now() + 60_000)
    const { id } = await running.db
      .insertInto('callbacks')
      .values({
        lead_id: '1',
        phone: '+447700900001',
        owner_agent_id: agent?.id ?? null,
        due_at: dueAt,
        notes: null,
        created_by: agent?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const heard: unknown[] = []
    const { unsubscribe } = running.events.subscribe(null, ({ event }) => {
      if (event.type === 'callback-due') heard.push(event)
    })
    try {
      const run = await running.jobs.runNow('callback-reminders')
      expect(run.ok).toBe(true)
      // The every-minute schedule may have taken it a moment before: either way it is told once.
      expect([{ reminded: 1 }, { reminded: 0 }]).toContainEqual(run.summary)
      await vi.waitFor(() =>
        expect(heard).toEqual([
          {
            type: 'callback-due',
            callbackId: id,
            ownerAgentId: agent?.id,
            leadId: '1',
            dueAt: dueAt.toISOString(),
          },
        ]),
      )
      expect((await running.jobs.runNow('callback-reminders')).summary).toEqual({ reminded: 0 })
    } finally {
      unsubscribe()
    }
  })

  it('runs the daily cleanup, deleting expired sessions', async () => {
    const [agent] = await running.db.selectFrom('agents').select('id').limit(1).execute()
    const past = new Date(Date.now() - 3_600_000)
    await running.db
      .insertInto('app_sessions')
      .values({
        id_hash: 'expired',
        agent_id: agent?.id ?? '',
        created_at: past,
        expires_at: past,
        last_seen_at: past,
      })
      .execute()
    const run = await running.jobs.runNow('daily-cleanup')
    expect(run.ok).toBe(true)
    expect(run.summary).toMatchObject({ expiredSessions: 1, recordingsDeleted: 0 })
  })
})
