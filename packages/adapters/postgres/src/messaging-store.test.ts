import { describeMessagingStoreConformance } from '@ringlane/core/testing'
import { postgresEngines } from '@ringlane/test-database'
import { messagingStore } from './messaging-store.js'
import { countRows, storeFixture } from './postgres.test.support.js'

for (const engine of postgresEngines()) {
  describeMessagingStoreConformance(`@ringlane/postgres on ${engine}`, () =>
    storeFixture(engine, (db, database) => ({
      store: messagingStore(db),
      inspect: {
        messageCount: () => countRows(database, 'sms_messages'),
        conversationCount: () => countRows(database, 'sms_conversations'),
      },
    })),
  )
}
