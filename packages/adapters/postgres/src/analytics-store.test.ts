import { describeAnalyticsStoreConformance } from '@ringlane/core/testing'
import { createTestPostgres, postgresEngines } from '@ringlane/test-database'
import { resetStore } from './postgres.test.support.js'
import { createPostgresStores } from './stores.js'

for (const engine of postgresEngines()) {
  describeAnalyticsStoreConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const stores = await createPostgresStores({ client: database.client })
    return {
      stores,
      deactivateAgent: async (agentId) => {
        await database.query('update agents set active = false where id = $1', [agentId])
      },
      convertLead: async (sessionId, at) => {
        await database.query(
          `insert into queues (id, label, kind, priority, threshold, cooling_minutes, max_entries, weights)
           values ('new_claims', 'New claims', 'source', 1, 10, 60, 100, '{}') on conflict (id) do nothing`,
        )
        await database.query(
          `insert into lead_conversions (lead_id, queue_id, detail, converted_at)
           select lead_id, queue_id, 'signed', $2 from call_sessions where id = $1`,
          [sessionId, at],
        )
      },
      sendLink: async (sessionId, opened, completed) => {
        await database.query(
          `insert into magic_links (token_hash, lead_id, link_type, call_session_id, issued_at, expires_at,
             single_use, first_accessed_at, last_accessed_at, converted_at)
           select md5(random()::text), lead_id, 'signature', id::text, started_at, started_at + interval '1 day',
             true, $2::timestamptz, $2::timestamptz, $3::timestamptz
           from call_sessions where id = $1`,
          [sessionId, opened, completed],
        )
      },
      reset: () => resetStore(database),
      close: () => database.close(),
    }
  })
}
