import { describeVoiceAiStoreConformance } from '@ringlane/core/testing'
import { createTestPostgres, postgresEngines } from '@ringlane/test-database'
import { countRows, resetStore } from './postgres.test.support.js'
import { createPostgresStores } from './stores.js'

for (const engine of postgresEngines()) {
  describeVoiceAiStoreConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const { voiceAi } = await createPostgresStores({ client: database.client })
    return {
      store: voiceAi,
      inspect: {
        sessionCount: () => countRows(database, 'voice_ai_sessions'),
        turnCount: async (id) =>
          Number(
            (
              await database.query<{ n: string }>(
                'select count(*) as n from voice_ai_turns where session_id = $1',
                [id],
              )
            )[0]?.n,
          ),
      },
      reset: () => resetStore(database),
      close: () => database.close(),
    }
  })
}
