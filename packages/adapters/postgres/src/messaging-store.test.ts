import { describeMessagingStoreConformance } from '@ringlane/core/testing'
import { createTestPostgres, postgresEngines } from '@ringlane/test-database'
import { Effect } from 'effect'
import { connectDiallerStore } from './connection.js'
import { messagingStore } from './messaging-store.js'
import type { DiallerDatabase } from './schema.js'
import { createPostgresStores } from './stores.js'

for (const engine of postgresEngines()) {
  describeMessagingStoreConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const dialler = (await createPostgresStores({ client: database.client })).agents
    const count = async (table: string) =>
      Number((await database.query<{ n: string }>(`select count(*) as n from ${table}`))[0]?.n)
    return {
      store: messagingStore(connectDiallerStore<DiallerDatabase>(database.client)),
      inspect: {
        messageCount: () => count('sms_messages'),
        conversationCount: () => count('sms_conversations'),
      },
      newAgent: async (email) =>
        (
          await Effect.runPromise(
            dialler.createAgent({
              email,
              displayName: email,
              role: 'agent',
              queueIds: [],
              passwordHash: null,
            }),
          )
        ).id,
      reset: () => database.truncateAll(['ringlane_migrations', 'ringlane_migrations_lock']),
      close: () => database.close(),
    }
  })
}
