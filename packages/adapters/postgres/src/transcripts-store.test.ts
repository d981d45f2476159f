import { describeTranscriptStoreConformance } from '@ringlane/core/testing'
import { postgresEngines } from '@ringlane/test-database'
import { countRows, storeFixture } from './postgres.test.support.js'
import { transcriptStore } from './transcripts-store.js'

for (const engine of postgresEngines()) {
  describeTranscriptStoreConformance(`@ringlane/postgres on ${engine}`, () =>
    storeFixture(engine, (db, database) => ({
      store: transcriptStore(db),
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
    })),
  )
}
