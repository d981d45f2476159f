import { describeAnalyticsStoreConformance } from '@ringlane/core/testing'
import { createTestPostgres, postgresEngines } from '@ringlane/test-database'
import { resetStore } from './postgres.test.support.js'
import { createPostgresStores } from './stores.js'

for (const engine of postgresEngines()) {
  describeAnalyticsStoreConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const stores = await createPostgresStores({ client: database.client })
    return {
      stores,
      deactivateAgent: async (agentId) => {
        await database.query('update agents set active = false where id = $1', [agentId])
      },
      reset: () => resetStore(database),
      close: () => database.close(),
    }
  })
}
