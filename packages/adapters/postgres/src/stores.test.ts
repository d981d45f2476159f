import {
  describeAbandonLedgerConformance,
  describeDiallerStoresConformance,
  describeSuppressionListStoreConformance,
  describeSuppressionStoreConformance,
} from '@ringlane/core/testing'
import { createTestPostgres, postgresEngines } from '@ringlane/test-database'
import { countRows, resetStore, secondClient } from './postgres.test.support.js'
import { createPostgresStores } from './stores.js'

for (const engine of postgresEngines()) {
  describeDiallerStoresConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const stores = await createPostgresStores({ client: database.client })
    return {
      stores,
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
        agentCount: () => countRows(database, 'agents'),
      },
      reset: () => resetStore(database),
      close: () => database.close(),
    }
  })
}

for (const engine of postgresEngines()) {
  describeSuppressionStoreConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const { suppression } = await createPostgresStores({ client: database.client })
    return {
      store: suppression,
      storedNumbers: async () =>
        (await database.query<{ phone: string }>('select phone from opt_outs order by phone')).map(
          (r) => r.phone,
        ),
      reset: () => resetStore(database),
      close: () => database.close(),
    }
  })
}

for (const engine of postgresEngines()) {
  describeSuppressionListStoreConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const { lists } = await createPostgresStores({ client: database.client })
    // Another app instance: its own connection to the same database (the same embedded one on PGlite).
    const second = await secondClient(database)
    const { lists: otherInstance } = await createPostgresStores({ client: second.client, migrate: false })
    return {
      store: lists,
      otherInstance,
      storedEntries: async () =>
        (
          await database.query<{ entry: string }>(
            "select list_id || ':' || phone as entry from suppression_entries order by list_id, phone",
          )
        ).map((r) => r.entry),
      reset: () => resetStore(database),
      close: async () => {
        await second.close()
        await database.close()
      },
    }
  })
}

for (const engine of postgresEngines()) {
  describeAbandonLedgerConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const { abandons } = await createPostgresStores({ client: database.client })
    return { ledger: abandons, reset: () => resetStore(database), close: () => database.close() }
  })
}
