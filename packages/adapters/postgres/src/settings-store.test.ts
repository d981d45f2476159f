import { describeSettingsStoreConformance } from '@ringlane/core/testing'
import { postgresEngines } from '@ringlane/test-database'
import { storeFixture } from './postgres.test.support.js'
import { settingsStore } from './settings-store.js'

for (const engine of postgresEngines()) {
  describeSettingsStoreConformance(`@ringlane/postgres on ${engine}`, () =>
    storeFixture(engine, (db) => ({ store: settingsStore(db) })),
  )
}
