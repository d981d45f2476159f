import { describeDiallerStoreConformance } from '@ringlane/core/testing'
import { createTestPostgres, postgresEngines } from '@ringlane/test-database'
import { createPostgresDiallerStore } from './store.js'

for (const engine of postgresEngines()) {
  describeDiallerStoreConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const store = await createPostgresDiallerStore({ client: database.client })
    return {
      store,
      inspect: {
        entry: async (id) =>
          (
            await database.query<{ status: string; claimedBy: string | null; leadId: string }>(
              'select status, claimed_by as "claimedBy", lead_id as "leadId" from queue_entries where id = $1',
              [id],
            )
          )[0],
        claimsOfLead: async (leadId) =>
          Number(
            (
              await database.query<{ n: string }>(
                "select count(*) as n from queue_entries where lead_id = $1 and status <> 'waiting'",
                [leadId],
              )
            )[0]?.n,
          ),
        agentCount: async () =>
          Number((await database.query<{ n: string }>('select count(*) as n from agents'))[0]?.n),
      },
      reset: () => database.truncateAll(['ringlane_migrations', 'ringlane_migrations_lock']),
      close: () => database.close(),
    }
  })
}
