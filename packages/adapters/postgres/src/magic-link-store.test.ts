import { describeMagicLinkStoreConformance } from '@ringlane/core/testing'
import { createTestPostgres, postgresEngines } from '@ringlane/test-database'
import { connectDiallerStore } from './connection.js'
import { magicLinkStore } from './magic-link-store.js'
import { addAgent, countRows, resetStore } from './postgres.test.support.js'
import type { DiallerDatabase } from './schema.js'
import { createPostgresStores } from './stores.js'

for (const engine of postgresEngines()) {
  describeMagicLinkStoreConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const dialler = (await createPostgresStores({ client: database.client })).agents
    return {
      store: magicLinkStore(connectDiallerStore<DiallerDatabase>(database.client)),
      inspect: {
        linkCount: () => countRows(database, 'magic_links'),
      },
      newAgent: (email) => addAgent(dialler, email),
      reset: () => resetStore(database),
      close: () => database.close(),
    }
  })
}
