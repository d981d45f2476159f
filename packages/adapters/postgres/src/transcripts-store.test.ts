import { describeTranscriptStoreConformance } from '@ringlane/core/testing'
import { createTestPostgres, postgresEngines } from '@ringlane/test-database'
import { countRows, resetStore } from './postgres.test.support.js'
import { createPostgresStores } from './stores.js'

for (const engine of postgresEngines()) {
  describeTranscriptStoreConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const { transcripts } = await createPostgresStores({ client: database.client })
    return {
      store: transcripts,
      inspect: {
        transcriptCount: () => countRows(database, 'transcripts'),
        turns: async (id) =>
          database.query(
            `select speaker, start_seconds as "startSeconds", end_seconds as "endSeconds", text
               from transcript_turns where transcript_id = $1 order by position`,
            [id],
          ),
        status: async (id) =>
          (await database.query<{ status: string }>('select status from transcripts where id = $1', [id]))[0]
            ?.status,
      },
      reset: () => resetStore(database),
      close: () => database.close(),
    }
  })
}
