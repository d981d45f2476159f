import { describeRoutingStoreConformance } from '@ringlane/core/testing'
import { createTestPostgres, postgresEngines } from '@ringlane/test-database'
import { connectDiallerStore } from './connection.js'
import { addAgent, countRows, resetStore } from './postgres.test.support.js'
import { routingStore } from './routing-store.js'
import type { DiallerDatabase } from './schema.js'
import { createPostgresStores } from './stores.js'

for (const engine of postgresEngines()) {
  describeRoutingStoreConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const agents = (await createPostgresStores({ client: database.client })).agents
    return {
      store: routingStore(connectDiallerStore<DiallerDatabase>(database.client)),
      contactCount: () => countRows(database, 'queue_contacts'),
      newAgent: (email) => addAgent(agents, email),
      reset: () => resetStore(database),
      close: () => database.close(),
    }
  })
}
