import { describeInboundStoreConformance } from '@ringlane/core/testing'
import { postgresEngines } from '@ringlane/test-database'
import { inboundStore } from './inbound-store.js'
import { countRows, storeFixture } from './postgres.test.support.js'

for (const engine of postgresEngines()) {
  describeInboundStoreConformance(`@ringlane/postgres on ${engine}`, () =>
    storeFixture(engine, (db, database) => ({
      store: inboundStore(db),
      inspect: {
        voicemailCount: () => countRows(database, 'voicemail_messages'),
        versionCount: (flowId) => countRows(database, 'inbound_flow_versions', { flow_id: flowId }),
      },
    })),
  )
}
