import { describeRoutingStoreConformance } from '@ringlane/core/testing'
import { postgresEngines } from '@ringlane/test-database'
import { countRows, storeFixture } from './postgres.test.support.js'
import { routingStore } from './routing-store.js'

for (const engine of postgresEngines()) {
  describeRoutingStoreConformance(`@ringlane/postgres on ${engine}`, () =>
    storeFixture(engine, (db, database) => ({
      store: routingStore(db),
      contactCount: () => countRows(database, 'queue_contacts'),
    })),
  )
}
