import { randomUUID } from 'node:crypto'
import { createTestPostgres, type TestPostgres } from '@ringlane/test-database'
import { Effect } from 'effect'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresCallRate, postgresPacingLeadership } from './engine-coordination.js'
import { createPostgresStores } from './stores.js'

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

describe('the calls-per-second limit shared through the store', () => {
  let database: TestPostgres
  beforeAll(async () => {
    database = await createTestPostgres()
    await createPostgresStores({ client: database.client }) // migrates
  })
  afterAll(() => database?.close())

  it('grants no more than the limit in one second across instances asking at once, and again the next second', async () => {
    const scope = `test-${randomUUID()}`
    const instances = [1, 2, 3].map(() =>
      postgresCallRate({ client: database.client, callsPerSecond: 5, scope }),
    )
    const second = new Date(Math.floor(Date.now() / 1000) * 1000)
    const granted = await Promise.all(
      instances.flatMap((rate) => [rate.take(2, second), rate.take(3, second)].map(run)),
    )
    expect(granted.reduce((a, b) => a + b, 0)).toBe(5)
    expect(await run(instances[0]?.take(1, new Date(+second + 999)) ?? Effect.succeed(-1))).toBe(0)
    expect(await run(instances[1]?.take(4, new Date(+second + 1000)) ?? Effect.succeed(-1))).toBe(4)
    // Another carrier account counts apart.
    const other = postgresCallRate({ client: database.client, callsPerSecond: 5, scope: `${scope}-b` })
    expect(await run(other.take(5, second))).toBe(5)
    expect(await run(other.take(0, second))).toBe(0)
  })
})

// Advisory locks need two sessions to mean anything, which one embedded PGlite cannot give: this runs
// on server Postgres (CI sets TEST_DATABASE_URL).
describe.runIf(process.env.TEST_DATABASE_URL)('pacing leadership by advisory lock (server Postgres)', () => {
  const url = process.env.TEST_DATABASE_URL ?? ''
  const clients: pg.Client[] = []
  const session = async () => {
    const client = new pg.Client({ connectionString: url })
    clients.push(client)
    await client.connect()
    client.on('error', () => undefined)
    return client
  }
  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => undefined)
  })

  it('lets one instance lead a campaign; another takes over within 2 s of the leader dying', async () => {
    const campaign = `takeover-${randomUUID()}`
    const leaderClient = await session()
    const leader = postgresPacingLeadership({ connect: async () => leaderClient })
    const follower = postgresPacingLeadership({ connect: session })
    expect(await run(leader.lead(campaign))).toBe(true)
    expect(await run(follower.lead(campaign))).toBe(false)
    expect(await run(leader.lead(campaign))).toBe(true)
    // Another campaign is free for the follower.
    expect(await run(follower.lead(`${campaign}-other`))).toBe(true)

    // The leader's process dies: its socket closes without a word.
    const died = Date.now()
    ;(leaderClient as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy()
    // The follower asks every pacing round (500 ms), as the engine does.
    let tookOver = Number.NaN
    for (let i = 0; i < 40; i++) {
      if (await run(follower.lead(campaign))) {
        tookOver = Date.now() - died
        break
      }
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    expect(tookOver).toBeLessThanOrEqual(2000)
    // The dead leader knows it no longer leads.
    expect(await run(leader.lead(campaign))).toBe(false)
  })

  it('hands the lead over at once when the leader resigns (shutdown)', async () => {
    const campaign = `resign-${randomUUID()}`
    const leader = postgresPacingLeadership({ connect: session })
    const follower = postgresPacingLeadership({ connect: session })
    expect(await run(leader.lead(campaign))).toBe(true)
    expect(await run(follower.lead(campaign))).toBe(false)
    await run(leader.resign)
    expect(await run(follower.lead(campaign))).toBe(true)
  })
})
