import { createRinglane, type Ringlane } from '@ringlane/core'
import { createTestPostgres, type TestPostgres } from '@ringlane/test-database'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresStores } from './stores.js'

// The SLA dashboard through createRinglane on PGlite: routing's stored contacts, read back as SLA.
describe('SLA over routing contacts on PGlite', () => {
  let database: TestPostgres
  let ringlane: Ringlane
  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC' }).format(new Date())

  beforeAll(async () => {
    database = await createTestPostgres('pglite')
    ringlane = await createRinglane({ stores: await createPostgresStores({ client: database.client }) })
  })
  afterAll(async () => {
    await ringlane?.dispose()
    await database?.close()
  })

  it('counts a queue with one caller who hung up waiting and one still waiting', async () => {
    const sue = await ringlane.agents.create({
      email: 'sue@example.com',
      displayName: 'Sue',
      role: 'supervisor',
    })
    await ringlane.routing.saveQueue(
      {
        id: 'claims',
        name: 'Claims line',
        maxWaitSeconds: null,
        overflow: null,
        steps: [{ expression: 'true', timeoutSeconds: null }],
      },
      sue.id,
    )
    const call = (n: number) => ({
      callId: `call-${n}`,
      providerCallId: `CA${n}`,
      queueId: 'claims',
      direction: 'inbound' as const,
      attributes: {},
    })
    await ringlane.routing.enqueue(call(1))
    await ringlane.routing.enqueue(call(2))
    await ringlane.routing.callerHungUp('call-1')

    const report = await ringlane.analytics.sla({
      from: today(),
      to: today(),
      timeZone: 'UTC',
      intervalMinutes: 60,
    })
    expect(report.queueNames).toEqual({ claims: 'Claims line' })
    expect(report.queues).toHaveLength(1)
    // Removed from the queue: the one abandoned, answered within X by nobody: service level 0.
    expect(report.queues[0]?.total).toMatchObject({
      queued: 2,
      answered: 0,
      abandoned: 1,
      waiting: 1,
      serviceLevel: 0,
      abandonmentRate: 0.5,
      averageSpeedOfAnswerSeconds: null,
    })
    // Today is cut into hours up to now; the calls are in the current one.
    const intervals = report.queues[0]?.intervals ?? []
    expect(intervals.at(-1)?.queued).toBe(2)
    const csv = await ringlane.analytics.slaCsv({ from: today(), to: today(), timeZone: 'UTC' })
    expect(csv).toContain('Claims line,total,2,0,0,1,0,1,0,,0.5,')
  })

  it('refuses an interval it does not cut by, naming the field', async () => {
    await expect(
      ringlane.analytics.sla({ from: today(), to: today(), timeZone: 'UTC', intervalMinutes: 45 as 30 }),
    ).rejects.toMatchObject({ _tag: 'InvalidMetricsRange', field: 'intervalMinutes' })
    await expect(
      ringlane.analytics.sla({ from: today(), to: today(), timeZone: 'UTC', serviceLevelSeconds: 0 }),
    ).rejects.toMatchObject({ _tag: 'InvalidMetricsRange', field: 'serviceLevelSeconds' })
  })
})
