import { describeSettingsStoreConformance } from '@ringlane/core/testing'
import { createTestPostgres, postgresEngines } from '@ringlane/test-database'
import { resetStore } from './postgres.test.support.js'
import { createPostgresStores } from './stores.js'

for (const engine of postgresEngines()) {
  describeSettingsStoreConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const { settings } = await createPostgresStores({ client: database.client })
    return { store: settings, reset: () => resetStore(database), close: () => database.close() }
  })
}
