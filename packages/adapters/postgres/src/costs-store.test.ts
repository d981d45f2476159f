import { Analytics, Calls, createRinglane } from '@ringlane/core'
import { createSimulatorPricing } from '@ringlane/simulator'
import { createTestPostgres, postgresEngines, type TestPostgres } from '@ringlane/test-database'
import { Effect } from 'effect'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { addAgent, countRows, resetStore } from './postgres.test.support.js'
import { createPostgresStores, type PostgresStores } from './stores.js'

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const at = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 10, day, hour, minute))

describe.each(postgresEngines())('provider costs on %s', (engine) => {
  let database: TestPostgres
  let stores: PostgresStores
  let costs: Calls.CostStoreService
  let ann: string
  let bob: string

  beforeAll(async () => {
    database = await createTestPostgres(engine)
    stores = await createPostgresStores({ client: database.client })
    costs = stores.costs
  })
  afterAll(() => database?.close())
  beforeEach(async () => {
    await resetStore(database)
    ann = await addAgent(stores.agents, 'ann@example.com')
    bob = await addAgent(stores.agents, 'bob@example.com')
    await database.query(
      `insert into queues (id, label, kind, priority, threshold, cooling_minutes, max_entries, weights)
       values ('q1', 'New claims', 'source', 1, 10, 60, 100, '{}'), ('q2', 'Signatures', 'source', 2, 10, 60, 100, '{}')`,
    )
  })

  /** A finished call of `agent` to `lead` in `queue`, started at `started`, talking `talk` seconds. */
  const call = async (
    agent: string,
    lead: string,
    queue: string,
    started: Date,
    talk: number,
    outcome: string | null,
  ) => {
    const [row] = await database.query<{ id: string }>(
      `insert into call_sessions (agent_id, lead_id, queue_id, entry_id, phone, provider, provider_call_id, status,
         started_at, answered_at, ended_at, talk_seconds)
       values ($1, $2, $3, gen_random_uuid(), '+447700900' || lpad($2, 3, '0'), 'simulator', 'CA' || $2 || $3,
         'completed', $4, $4, $5, $6) returning id`,
      [agent, lead, queue, started, new Date(+started + talk * 1000), talk],
    )
    const id = row?.id as string
    if (outcome)
      await database.query(
        `insert into call_outcomes (session_id, agent_id, lead_id, disposition, recorded_at) values ($1, $2, $3, $4, $5)`,
        [id, agent, lead, outcome, new Date(+started + (talk + 30) * 1000)],
      )
    return { id, providerCallId: `CA${lead}${queue}`, endedAt: new Date(+started + talk * 1000) }
  }
  const price = (sessionId: string, providerId: string, amount: string, occurredAt: Date) =>
    run(
      costs.recordCost(
        {
          kind: 'call',
          provider: 'simulator',
          providerId,
          sessionId,
          amount,
          currency: 'GBP',
          units: 1,
          occurredAt,
        },
        occurredAt,
      ),
    )
  const convert = (lead: string, queue: string, when: Date) =>
    database.query(
      `insert into lead_conversions (lead_id, queue_id, detail, converted_at) values ($1, $2, 'signed', $3)`,
      [lead, queue, when],
    )
  const text = async (sent: Date, segments: number) => {
    const [conversation] = await database.query<{ id: string }>(
      `insert into sms_conversations (phone) values ('+447700900999') on conflict (phone) do update set phone = excluded.phone returning id`,
    )
    const [message] = await database.query<{ id: string }>(
      `insert into sms_messages (conversation_id, direction, body, provider_message_id, status, status_rank, segments,
         encoding, created_at, status_updated_at)
       values ($1, 'outbound', 'Hi', 'SM' || gen_random_uuid(), 'delivered', 3, $2, 'GSM-7', $3, $3) returning id`,
      [conversation?.id, segments, sent],
    )
    return message?.id as string
  }

  it('lists ended calls and sent texts with no price, and keeps one price for each', async () => {
    const priced = await call(ann, '1', 'q1', at(20, 10), 30, 'contacted')
    const unpriced = await call(ann, '2', 'q1', at(20, 11), 30, null)
    const message = await text(at(20, 12), 2)
    const filter = { provider: 'simulator', endedAfter: at(19, 0), endedBefore: at(21, 0), limit: 10 }
    expect((await run(costs.unpricedCalls(filter))).map((c) => c.sessionId)).toEqual([priced.id, unpriced.id])
    expect(await price(priced.id, priced.providerCallId, '0.013', priced.endedAt)).toBe(true)
    expect(await price(priced.id, priced.providerCallId, '0.026', priced.endedAt)).toBe(false)
    expect(await run(costs.unpricedCalls(filter))).toEqual([
      {
        sessionId: unpriced.id,
        providerCallId: unpriced.providerCallId,
        talkSeconds: 30,
        endedAt: unpriced.endedAt,
      },
    ])
    expect(await run(costs.unpricedCalls({ ...filter, provider: 'twilio' }))).toEqual([])
    expect(await run(costs.unpricedCalls({ ...filter, endedBefore: at(20, 10, 0) }))).toEqual([])
    const texts = await run(
      costs.unpricedMessages({ sentAfter: at(19, 0), sentBefore: at(21, 0), limit: 10 }),
    )
    expect(texts.map((m) => [m.messageId, m.segments])).toEqual([[message, 2]])
    expect(await countRows(database, 'provider_costs')).toBe(1)
    const [stored] = await database.query<{ amount: string }>('select amount::text from provider_costs')
    expect(stored?.amount).toBe('0.013000')
  })

  it('breaks the costs down by day, outcome, agent and queue, with cost per conversion', async () => {
    const a = await call(ann, '1', 'q1', at(20, 10), 90, 'contacted')
    const b = await call(ann, '2', 'q1', at(20, 11), 30, 'no_answer')
    const c = await call(bob, '3', 'q2', at(21, 9), 150, 'contacted')
    await call(bob, '4', 'q2', at(21, 10), 20, null)
    // Outside the range: neither counted nor converting.
    const late = await call(ann, '5', 'q1', at(23, 9), 20, 'contacted')
    await price(a.id, a.providerCallId, '0.026', a.endedAt)
    await price(b.id, b.providerCallId, '0.013', b.endedAt)
    await price(c.id, c.providerCallId, '0.039', c.endedAt)
    await price(late.id, late.providerCallId, '1.000', late.endedAt)
    await convert('1', 'q1', at(20, 15))
    await convert('3', 'q2', at(21, 15))
    // Converted before any call in the range: not the calls' doing.
    await convert('2', 'q1', at(19, 9))
    const message = await text(at(21, 12), 1)
    await run(
      costs.recordCost(
        {
          kind: 'message',
          provider: 'simulator',
          providerId: 'SM-x',
          messageId: message,
          amount: '0.04',
          currency: 'GBP',
          units: 1,
          occurredAt: at(21, 12),
        },
        at(21, 12),
      ),
    )

    const report = await run(
      costs.costBreakdown({ from: '2026-11-20', to: '2026-11-21', timeZone: 'Europe/London' }),
    )
    const line = (
      key: string,
      label: string,
      currency: string | null,
      calls: number,
      cost: string,
      conversions: number,
      per: string | null,
      messages = 0,
    ) => ({
      key,
      label,
      currency,
      calls,
      messages,
      cost,
      conversions,
      costPerConversion: per,
    })
    // 0.026 + 0.013 + 0.039 + 0.04 = 0.118 over 2 conversions (leads 1 and 3).
    expect(report.totals).toEqual([
      line('all', 'All calls and texts', 'GBP', 3, '0.118000', 2, '0.059000', 1),
      line('all', 'All calls and texts', null, 1, '0.000000', 2, null),
    ])
    expect(report.byAgent).toEqual([
      ...[
        line(ann, 'ann@example.com', 'GBP', 2, '0.039000', 1, '0.039000'),
        line(bob, 'bob@example.com', 'GBP', 1, '0.039000', 1, '0.039000'),
        line(bob, 'bob@example.com', null, 1, '0.000000', 0, null),
      ].sort((x, y) => x.key.localeCompare(y.key)),
    ])
    expect(report.byQueue).toEqual([
      line('q1', 'New claims', 'GBP', 2, '0.039000', 1, '0.039000'),
      line('q2', 'Signatures', 'GBP', 1, '0.039000', 1, '0.039000'),
      line('q2', 'Signatures', null, 1, '0.000000', 0, null),
    ])
    // No call here belongs to a campaign: they share the "No campaign" line, priced and not.
    expect(report.byCampaign).toEqual([
      line('', 'No campaign', 'GBP', 3, '0.078000', 2, '0.039000'),
      line('', 'No campaign', null, 1, '0.000000', 0, null),
    ])
    expect(report.byOutcome).toEqual([
      line('', 'no outcome', null, 1, '0.000000', 0, null),
      line('contacted', 'contacted', 'GBP', 2, '0.065000', 2, '0.032500'),
      line('no_answer', 'no_answer', 'GBP', 1, '0.013000', 0, null),
    ])
    expect(report.byDay).toEqual([
      line('2026-11-20', '2026-11-20', 'GBP', 2, '0.039000', 1, '0.039000'),
      line('2026-11-21', '2026-11-21', 'GBP', 1, '0.079000', 1, '0.039000', 1),
      line('2026-11-21', '2026-11-21', null, 1, '0.000000', 0, null),
    ])
    expect(report.calls.map((x) => [x.sessionId, x.amount, x.currency])).toEqual([
      [expect.any(String), null, null],
      [c.id, '0.039000', 'GBP'],
      [b.id, '0.013000', 'GBP'],
      [a.id, '0.026000', 'GBP'],
    ])
  })

  it('pages the calls of a range newest first with the kernel cursors, unshifted by newer calls', async () => {
    const range = { from: '2026-11-20', to: '2026-11-21', timeZone: 'Europe/London' }
    const page = (query: Record<string, unknown>) =>
      Effect.runPromise(
        Effect.provideService(Analytics.costCalls({ ...range, ...query }), Calls.CostStore, costs).pipe(
          Effect.either,
        ),
      )
    const starts = [at(20, 9), at(20, 10), at(21, 8), at(21, 8), at(21, 15)]
    const made: Array<{ id: string; at: number }> = []
    // Two calls in the same second (the 3rd and 4th): the id orders them.
    for (const [i, started] of starts.entries())
      made.push({
        id: (await call(i % 2 ? bob : ann, String(i + 1), 'q1', started, 30, null)).id,
        at: +started,
      })
    await call(ann, '6', 'q1', at(22, 9), 30, 'contacted') // after the range
    const expected = [...made].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1)).map((c) => c.id)

    const seen: string[] = []
    let cursor: string | undefined
    const sizes: number[] = []
    do {
      const result = await page({ limit: 2, ...(cursor && { cursor }) })
      if (result._tag === 'Left') throw result.left
      sizes.push(result.right.items.length)
      seen.push(...result.right.items.map((c) => c.sessionId))
      // A newer call while someone pages never shifts the pages after it.
      if (sizes.length === 1) await call(bob, '7', 'q1', at(21, 20), 30, 'contacted')
      cursor = result.right.nextCursor ?? undefined
    } while (cursor)
    expect(sizes).toEqual([2, 2, 1])
    expect(seen).toEqual(expected)

    const first = await page({ limit: 2 })
    const next = first._tag === 'Right' ? (first.right.nextCursor as string) : ''
    for (const cursor of [`${next}x`, next.slice(0, -2), 'WzEsMCwiIl0', ''])
      expect(await page({ cursor })).toMatchObject({
        _tag: 'Left',
        left: { _tag: 'InvalidCursor', field: 'cursor' },
      })
    for (const limit of [0, 501, 1.5, '10'])
      expect(await page({ limit })).toMatchObject({
        _tag: 'Left',
        left: { _tag: 'InvalidMetricsRange', field: 'limit' },
      })
  })

  it("reads days in the range's zone", async () => {
    // 23:30 UTC on the 20th is the 21st in Tokyo.
    const late = await call(ann, '1', 'q1', at(20, 23, 30), 30, 'contacted')
    await price(late.id, late.providerCallId, '0.013', late.endedAt)
    const tokyo = await run(
      costs.costBreakdown({ from: '2026-11-21', to: '2026-11-21', timeZone: 'Asia/Tokyo' }),
    )
    expect(tokyo.byDay.map((d) => [d.key, d.cost])).toEqual([['2026-11-21', '0.013000']])
    const london = await run(
      costs.costBreakdown({ from: '2026-11-21', to: '2026-11-21', timeZone: 'Europe/London' }),
    )
    expect(london.byDay).toEqual([])
  })

  it("the cost-collection job prices ended calls and texts at the simulator's rates", async () => {
    const ringlane = await createRinglane({
      stores: { costs: stores.costs },
      pricing: createSimulatorPricing({ currency: 'GBP', perMinute: '0.0130', perSegment: '0.0400' }),
    })
    try {
      const ended = new Date(Date.now() - 10 * 60_000)
      await call(ann, '1', 'q1', new Date(+ended - 61_000), 61, 'contacted')
      // Ended a moment ago: the simulator prices at once too.
      await call(ann, '2', 'q1', new Date(Date.now() - 31_000), 30, null)
      await text(ended, 2)
      expect(await ringlane.jobs.run('cost-collection')).toEqual({
        callsPriced: 2,
        messagesPriced: 1,
        notYetPriced: 0,
        failed: 0,
      })
      const rows = await database.query<{ kind: string; amount: string; units: number }>(
        'select kind, amount::text, units from provider_costs order by kind, amount',
      )
      // 61 s is two started minutes at 0.013; two segments at 0.04.
      expect(rows).toEqual([
        { kind: 'call', amount: '0.013000', units: 1 },
        { kind: 'call', amount: '0.026000', units: 2 },
        { kind: 'message', amount: '0.080000', units: 2 },
      ])
      expect(await ringlane.jobs.run('cost-collection')).toMatchObject({ callsPriced: 0, messagesPriced: 0 })
      await expect(ringlane.analytics.collectCosts({ limit: 0 })).rejects.toMatchObject({
        _tag: 'InvalidCostRequest',
        field: 'limit',
      })
      const csv = await ringlane.analytics.costReportCsv({
        from: ended.toISOString().slice(0, 10),
        to: new Date().toISOString().slice(0, 10),
        timeZone: 'UTC',
      })
      expect(csv).toContain('0.026000,GBP')
    } finally {
      await ringlane.dispose()
    }
  })
})
