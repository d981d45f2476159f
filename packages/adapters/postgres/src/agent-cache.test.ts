import type { Agents } from '@ringlane/core'
import { createTestPostgres, type TestPostgres } from '@ringlane/test-database'
import { Effect, Option } from 'effect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addAgent } from './postgres.test.support.js'
import { createPostgresStores } from './stores.js'

// Every SDK method that acts for an agent checks the account first; a found agent is reused for a
// short while (decision 0034). Another instance's change shows within that while; this instance's at once.
describe('found agents reused for a short while', () => {
  let database: TestPostgres
  beforeAll(async () => {
    database = await createTestPostgres('pglite')
  })
  afterAll(() => database.close())

  const find = async (store: Agents.AgentStoreService, id: string) =>
    Option.getOrNull(await Effect.runPromise(store.findAgent(id as Agents.AgentId)))
  const deactivateElsewhere = (id: string) =>
    database.query('update agents set active = false where id = $1', [id])

  it('answers a repeated look-up without the database, until the while is over', async () => {
    const { agents } = await createPostgresStores({ client: database.client, agentCacheMs: 200 })
    const id = await addAgent(agents, 'reused@example.test')
    expect((await find(agents, id))?.active).toBe(true)
    await deactivateElsewhere(id)
    // Another instance deactivated the account: this one still has it for the rest of the while...
    expect((await find(agents, id))?.active).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 250))
    // ...and then reads it again.
    expect((await find(agents, id))?.active).toBe(false)
  })

  it('sees a change made through the same store at once', async () => {
    const { agents } = await createPostgresStores({ client: database.client, agentCacheMs: 60_000 })
    const id = await addAgent(agents, 'changed@example.test')
    expect((await find(agents, id))?.role).toBe('agent')
    await Effect.runPromise(agents.updateAgent(id as Agents.AgentId, { role: 'supervisor', active: false }))
    const found = await find(agents, id)
    expect(found?.role).toBe('supervisor')
    expect(found?.active).toBe(false)
  })

  it('always asks the database when the while is 0', async () => {
    const { agents } = await createPostgresStores({ client: database.client, agentCacheMs: 0 })
    const id = await addAgent(agents, 'uncached@example.test')
    expect((await find(agents, id))?.active).toBe(true)
    await deactivateElsewhere(id)
    expect((await find(agents, id))?.active).toBe(false)
  })
})
