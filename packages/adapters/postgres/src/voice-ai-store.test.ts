import { describeVoiceAiStoreConformance } from '@ringlane/core/testing'
import { postgresEngines } from '@ringlane/test-database'
import { countRows, storeFixture } from './postgres.test.support.js'
import { voiceAiStore } from './voice-ai-store.js'

for (const engine of postgresEngines()) {
  describeVoiceAiStoreConformance(`@ringlane/postgres on ${engine}`, () =>
    storeFixture(engine, (db, database) => ({
      store: voiceAiStore(db),
      inspect: {
        sessionCount: () => countRows(database, 'voice_ai_sessions'),
        turnCount: (id) => countRows(database, 'voice_ai_turns', { session_id: id }),
      },
    })),
  )
}
