// One process of the claim race: 50 claimers (one per agent) take, finish and take again until the
// queue is empty, through the built @ringlane/postgres store. Prints what each claimer got as JSON.
import { createPostgresStores } from '@ringlane/postgres'
import { Effect, Option } from 'effect'
import pg from 'pg'

const { DATABASE_URL, SCHEMA, AGENTS, QUEUE } = process.env
const pool = new pg.Pool({ connectionString: DATABASE_URL, options: `-c search_path=${SCHEMA}`, max: 10 })
const { queues: store } = await createPostgresStores({ client: pool, migrate: false })
const agents = JSON.parse(AGENTS)
const taken = []
await Promise.all(
  agents.map(async (agent) => {
    for (;;) {
      const entry = await Effect.runPromise(store.claimNextEntry(agent, [QUEUE], new Date()))
      if (Option.isNone(entry)) return
      taken.push({ agent, leadId: entry.value.leadId })
      await Effect.runPromise(store.finishEntry(entry.value.id, agent))
    }
  }),
)
await pool.end()
process.stdout.write(JSON.stringify(taken))
