/**
 * One OS process of scenario (a): its agents work the desk through the SDK (claim the next lead, then
 * release it, skip it, or call and record an outcome) until the deadline, each alone on its loop.
 * Prints what happened as one JSON document on stdout. Run by claim-race.chaos.ts, never alone.
 */
import { claimsPreset, claimsQueues } from '@ringlane/claims'
import { createRinglane } from '@ringlane/core'
import { createPostgresStores, postgresLeadSource } from '@ringlane/postgres'
import { createSimulatorTelephony } from '@ringlane/simulator'
import { Redacted } from 'effect'
import pg from 'pg'

const { DATABASE_URL, SCHEMA, SOURCE_SCHEMA = '', AGENTS = '[]', UNTIL, SEED } = process.env
const pool = new pg.Pool({ connectionString: DATABASE_URL, options: `-c search_path=${SCHEMA}`, max: 10 })
const stores = await createPostgresStores({ client: pool, migrate: false })
// Simulated telephony: starting a call opens its session; the browser would dial. Nothing is delivered.
const telephony = createSimulatorTelephony({
  secret: Redacted.make('chaos-secret-chaos-secret-chaos-secret'),
  publicBaseUrl: 'http://127.0.0.1:1',
  deliver: async () => ({ status: 204, body: '' }),
}).telephony
const dialler = await createRinglane({
  stores,
  source: postgresLeadSource({ client: pool, preset: claimsPreset(), schema: SOURCE_SCHEMA }),
  telephony,
  queues: claimsQueues({ unsigned: { maxEntries: 20_000 }, outstanding: { maxEntries: 20_000 } }),
  // Service calls (the claims desk): no TPS/CTPS copy needed, so the race dials as a desk would.
  settings: { allowFictionalNumbers: true, callingWindow: null, callPurpose: 'service' },
})

const agents = JSON.parse(AGENTS) as string[]
const until = Number(UNTIL)
const clock = () => performance.timeOrigin + performance.now()
let seed = Number(SEED)
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
  return seed / 2_147_483_648
}
const dispositions = ['no_answer', 'busy', 'voicemail', 'not_interested', 'contacted']

/** One hold of one entry: when the claim had returned, and when giving it back began. */
const holds: Array<{ entry: string; lead: string; agent: string; claimed: number; freeing: number }> = []
const outcomes: string[] = []
const ended = { released: 0, skipped: 0, called: 0, refused: 0 }
const errors: Record<string, number> = {}
const tagOf = (error: unknown) =>
  (error as { _tag?: string })._tag ?? (error instanceof Error ? error.message : String(error))

await Promise.all(
  agents.map(async (agent) => {
    await dialler.agents.changeState(agent, 'available')
    while (clock() < until) {
      try {
        const entry = await dialler.queues.claimNext(agent)
        if (!entry) {
          await new Promise((resolve) => setTimeout(resolve, 20))
          continue
        }
        const claimed = clock()
        const roll = random()
        let freeing = clock()
        if (roll < 0.2) {
          freeing = clock()
          await dialler.queues.release(agent, entry.id)
          ended.released++
        } else if (roll < 0.4) {
          freeing = clock()
          await dialler.queues.skip(agent, entry.id, 'chaos: skipped')
          ended.skipped++
        } else {
          const start = await dialler.dialing.startCall(agent, entry.id)
          freeing = clock()
          if (start._tag === 'Refused') {
            await dialler.queues.release(agent, entry.id)
            ended.refused++
          } else {
            await dialler.calls.recordOutcome(agent, {
              sessionId: start.session.id,
              disposition: dispositions[Math.floor(random() * dispositions.length)] as string,
              notes: null,
              callbackAt: null,
            })
            outcomes.push(start.session.id)
            ended.called++
          }
        }
        holds.push({ entry: entry.id, lead: entry.leadId, agent, claimed, freeing })
      } catch (error) {
        const tag = tagOf(error)
        errors[tag] = (errors[tag] ?? 0) + 1
        // Whatever failed, give back what this agent holds so nothing is left behind.
        const held = await dialler.queues.held(agent).catch(() => null)
        if (held) await dialler.queues.release(agent, held.id).catch(() => undefined)
      }
    }
  }),
)
await dialler.dispose()
await pool.end()
process.stdout.write(JSON.stringify({ holds, outcomes, ended, errors }))
