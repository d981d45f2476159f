import { type ClaimsSource, claimsPreset } from '@ringlane/core/claims'
import { describeLeadSourceConformance } from '@ringlane/core/testing'
import { createTestPostgres, postgresEngines } from '@ringlane/test-database'
import { connectDiallerStore } from './connection.js'
import { postgresLeadSource } from './lead-source.js'

for (const engine of postgresEngines()) {
  describeLeadSourceConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const writer = connectDiallerStore<ClaimsSource>(database.client)
    return {
      writer,
      source: () => postgresLeadSource({ client: database.client, preset: claimsPreset() }),
      close: () => database.close(),
    }
  })
}
