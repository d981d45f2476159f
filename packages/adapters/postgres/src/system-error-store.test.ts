import { describeSystemErrorStoreConformance } from '@ringlane/core/testing'
import { postgresEngines } from '@ringlane/test-database'
import { storeFixture } from './postgres.test.support.js'
import { systemErrorStore } from './system-error-store.js'

for (const engine of postgresEngines()) {
  describeSystemErrorStoreConformance(`@ringlane/postgres on ${engine}`, () =>
    storeFixture(engine, (db) => ({ store: systemErrorStore(db) })),
  )
}
