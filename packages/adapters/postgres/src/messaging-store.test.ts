import { describeMessagingStoreConformance } from '@ringlane/core/testing'
import { createTestPostgres, postgresEngines } from '@ringlane/test-database'
import { connectDiallerStore } from './connection.js'
import { messagingStore } from './messaging-store.js'
import { addAgent, countRows, resetStore } from './postgres.test.support.js'
import type { DiallerDatabase } from './schema.js'
import { createPostgresStores } from './stores.js'

for (const engine of postgresEngines()) {
  describeMessagingStoreConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const dialler = (await createPostgresStores({ client: database.client })).agents
    return {
      store: messagingStore(connectDiallerStore<DiallerDatabase>(database.client)),
      inspect: {
        messageCount: () => countRows(database, 'sms_messages'),
        conversationCount: () => countRows(database, 'sms_conversations'),
      },
      newAgent: (email) => addAgent(dialler, email),
      reset: () => resetStore(database),
      close: () => database.close(),
    }
  })
}
