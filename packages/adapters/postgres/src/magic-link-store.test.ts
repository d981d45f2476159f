import { describeMagicLinkStoreConformance } from '@ringlane/core/testing'
import { createTestPostgres, postgresEngines } from '@ringlane/test-database'
import { Effect } from 'effect'
import { connectDiallerStore } from './connection.js'
import { magicLinkStore } from './magic-link-store.js'
import type { DiallerDatabase } from './schema.js'
import { createPostgresStores } from './stores.js'

for (const engine of postgresEngines()) {
  describeMagicLinkStoreConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const dialler = (await createPostgresStores({ client: database.client })).agents
    return {
      store: magicLinkStore(connectDiallerStore<DiallerDatabase>(database.client)),
      inspect: {
        linkCount: async () =>
          Number((await database.query<{ n: string }>('select count(*) as n from magic_links'))[0]?.n),
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
