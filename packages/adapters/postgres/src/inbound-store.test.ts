import { describeInboundStoreConformance } from '@ringlane/core/testing'
import { createTestPostgres, postgresEngines } from '@ringlane/test-database'
import { countRows, resetStore } from './postgres.test.support.js'
import { createPostgresStores } from './stores.js'

for (const engine of postgresEngines()) {
  describeInboundStoreConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const { inbound } = await createPostgresStores({ client: database.client })
    return {
      store: inbound,
      inspect: {
        voicemailCount: () => countRows(database, 'voicemail_messages'),
        versionCount: async (flowId) =>
          Number(
            (
              await database.query<{ n: string }>(
                'select count(*) as n from inbound_flow_versions where flow_id = $1',
                [flowId],
              )
            )[0]?.n,
          ),
      },
      reset: () => resetStore(database),
      close: () => database.close(),
    }
  })
}
