import { type ClaimsSource, claimsPreset } from '@ringlane/claims'
import { describeClaimsSourceConformance } from '@ringlane/claims/testing'
import { createTestPostgres, postgresEngines } from '@ringlane/test-database'
import { connectDiallerStore } from './connection.js'
import { postgresLeadSource } from './lead-source.js'

for (const engine of postgresEngines()) {
  describeClaimsSourceConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const writer = connectDiallerStore<ClaimsSource>(database.client)
    return {
      writer,
      source: () => postgresLeadSource({ client: database.client, preset: claimsPreset() }),
      close: () => database.close(),
    }
  })
}

// The same contract for a source kept in its own schema beside the store, as the embedded demo does.
describeClaimsSourceConformance('@ringlane/postgres in a schema of the store database (PGlite)', async () => {
  const database = await createTestPostgres('pglite')
  await database.query('create schema demo_source')
  return {
    writer: connectDiallerStore<ClaimsSource>(database.client).withSchema('demo_source'),
    source: () =>
      postgresLeadSource({ client: database.client, preset: claimsPreset(), schema: 'demo_source' }),
    close: () => database.close(),
  }
})
