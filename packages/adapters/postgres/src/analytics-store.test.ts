import { describeAnalyticsStoreConformance } from '@ringlane/core/testing'
import { createTestPostgres, postgresEngines } from '@ringlane/test-database'
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
      reset: () => database.truncateAll(['ringlane_migrations', 'ringlane_migrations_lock']),
      close: () => database.close(),
    }
  })
}
