import {
  Agents,
  Analytics,
  Audit,
  Calls,
  Campaigns,
  Compliance,
  Dialing,
  Inbound,
  Leads,
  MagicLinks,
  Messaging,
  Queues,
  Recordings,
  type RinglaneStores,
  Routing,
  Settings,
  Transcripts,
  VoiceAi,
} from '@ringlane/core'
import { Context, Effect, Layer } from 'effect'
import type { Kysely } from 'kysely'
import { abandonLedger } from './abandon-ledger.js'
import { type AgentStoreOptions, agentStore } from './agent-store.js'
import { analyticsStore } from './analytics-store.js'
import { auditLog } from './audit-log.js'
import { callStore } from './calls-store.js'
import { campaignStore } from './campaign-store.js'
import { type ConnectionOptions, connectDiallerStore, type StoreClient } from './connection.js'
import { contactHistoryStore } from './contact-history-store.js'
import { costStore } from './costs-store.js'
import { dialEvidenceStore } from './dial-evidence-store.js'
import { inboundStore } from './inbound-store.js'
import { magicLinkStore } from './magic-link-store.js'
import { messagingStore } from './messaging-store.js'
import { migrateToLatest } from './migrations/index.js'
import { preDialFactsReader } from './pre-dial-facts.js'
import { queueStore } from './queue-store.js'
import { recordingStore } from './recordings-store.js'
import { routingStore } from './routing-store.js'
import type { DiallerDatabase } from './schema.js'
import { settingsStore } from './settings-store.js'
import { suppressionListStore } from './suppression-list-store.js'
import { suppressionStore } from './suppression-store.js'
import { systemErrorStore } from './system-error-store.js'
import { transcriptStore } from './transcripts-store.js'
import { voiceAiStore } from './voice-ai-store.js'

/** Every store Ringlane keeps in Postgres, each one its area's port, all on one database. */
export type PostgresStores = Required<RinglaneStores>

export interface PostgresStoresOptions extends ConnectionOptions {
  /** A `pg` Pool or a PGlite instance; you keep ownership and close it. */
  readonly client: StoreClient
  /** Bring the schema up to date first (default true). */
  readonly migrate?: boolean
  /** How long a found agent is reused, in milliseconds (default 1000; 0: always ask). */
  readonly agentCacheMs?: number
}

/** The stores over a Kysely instance whose schema is migrated. */
export const postgresStores = (
  db: Kysely<DiallerDatabase>,
  options: AgentStoreOptions = {},
): PostgresStores => ({
  agents: agentStore(db, options),
  queues: queueStore(db),
  history: contactHistoryStore(db),
  suppression: suppressionStore(db),
  lists: suppressionListStore(db),
  abandons: abandonLedger(db),
  evidence: dialEvidenceStore(db),
  preDial: preDialFactsReader(db),
  calls: callStore(db),
  recordings: recordingStore(db),
  messaging: messagingStore(db),
  magicLinks: magicLinkStore(db),
  audit: auditLog(db),
  analytics: analyticsStore(db),
  campaigns: campaignStore(db),
  transcripts: transcriptStore(db),
  costs: costStore(db),
  voiceAi: voiceAiStore(db),
  inbound: inboundStore(db),
  routing: routingStore(db),
  systemErrors: systemErrorStore(db),
  settings: settingsStore(db),
})

/**
 * Promise API: every store on one client, after one migration run, ready for
 * `createRinglane({ stores })`.
 */
export const createPostgresStores = async ({
  client,
  migrate = true,
  agentCacheMs,
  ...connection
}: PostgresStoresOptions) => {
  const db = connectDiallerStore<DiallerDatabase>(client, connection)
  if (migrate) await migrateToLatest(db as Kysely<unknown>)
  return postgresStores(db, agentCacheMs === undefined ? {} : { agentCacheMs })
}

/** The migration failed, so no store started. Carries the database's error as `cause`. */
const startFailed = (cause: unknown) =>
  new Agents.AgentStoreError({
    operation: 'migrate',
    message: `The Postgres stores could not start: ${cause instanceof Error ? cause.message : String(cause)}`,
    cause,
  })

/** Effect API: provides every store tag from one client and one migration run. */
export const layer = (options: PostgresStoresOptions) =>
  Layer.effectContext(
    Effect.map(
      Effect.tryPromise({ try: () => createPostgresStores(options), catch: startFailed }),
      (stores) =>
        Context.empty()
          .pipe(
            Context.add(Agents.AgentStore, stores.agents),
            Context.add(Queues.QueueStore, stores.queues),
            Context.add(Leads.ContactHistoryStore, stores.history),
            Context.add(Compliance.SuppressionStore, stores.suppression),
            Context.add(Compliance.SuppressionListStore, stores.lists),
            Context.add(Compliance.AbandonLedger, stores.abandons),
            Context.add(Compliance.DialEvidenceStore, stores.evidence),
            Context.add(Dialing.PreDialFactsReader, stores.preDial),
            Context.add(Calls.CallStore, stores.calls),
            Context.add(Recordings.RecordingStore, stores.recordings),
            Context.add(Messaging.MessagingStore, stores.messaging),
            Context.add(MagicLinks.MagicLinkStore, stores.magicLinks),
            Context.add(Audit.AuditLog, stores.audit),
          )
          .pipe(
            // pipe takes at most 20 steps: the stores of the later areas in a second one.
            Context.add(Analytics.AnalyticsStore, stores.analytics),
            Context.add(Campaigns.CampaignStore, stores.campaigns),
            Context.add(Transcripts.TranscriptStore, stores.transcripts),
            Context.add(Calls.CostStore, stores.costs),
            Context.add(VoiceAi.VoiceAiStore, stores.voiceAi),
            Context.add(Inbound.InboundStore, stores.inbound),
            Context.add(Routing.RoutingStore, stores.routing),
            Context.add(Analytics.SystemErrorStore, stores.systemErrors),
            Context.add(Settings.SettingsStore, stores.settings),
          ),
    ),
  )
