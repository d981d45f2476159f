import { describeMagicLinkStoreConformance } from '@ringlane/core/testing'
import { postgresEngines } from '@ringlane/test-database'
import { magicLinkStore } from './magic-link-store.js'
import { countRows, storeFixture } from './postgres.test.support.js'

for (const engine of postgresEngines()) {
  describeMagicLinkStoreConformance(`@ringlane/postgres on ${engine}`, () =>
    storeFixture(engine, (db, database) => ({
      store: magicLinkStore(db),
      inspect: {
        linkCount: () => countRows(database, 'magic_links'),
      },
    })),
  )
}
