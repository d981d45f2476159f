import { PGlite } from '@electric-sql/pglite'
import {
  type Audit,
  createDialler,
  type Dialler,
  type Leads,
  Recordings,
  type Telephony,
} from '@ringlane/core'
import { type ClaimsSource, claimsPreset, claimsQueues } from '@ringlane/core/claims'
import { mysqlLeadSource } from '@ringlane/mysql'
import {
  auditLog,
  connectDiallerStore,
  copyRowsIntoPGlite,
  createPostgresCallStore,
  createPostgresDiallerStore,
  createPostgresRecordingStore,
  type DiallerDatabase,
  postgresLeadSource,
  type StoreClient,
} from '@ringlane/postgres'
import { createSimulatorTelephony, localRecordingStorage, type SimulatorTelephony } from '@ringlane/simulator'
import { supabaseRecordingStorage } from '@ringlane/supabase'
import { AccessTokenConfig, twilioTelephony } from '@ringlane/twilio'
import { createClient } from '@supabase/supabase-js'
import { Redacted, Schema } from 'effect'
import { type Kysely, sql } from 'kysely'
import { createPool } from 'mysql2'
import pg from 'pg'
import twilio from 'twilio'
import { type AppTables, migrateAppTables } from './app-schema.server'
import { dataDirectory } from './data-dir.server'
import { type DemoLogin, ensureDemoLogins, ensureDemoSource } from './demo.server'
import type { Env } from './env.server'
import { createEventHub, type EventHub } from './events.server'
import { run } from './run.server'

export type AppDatabase = Kysely<DiallerDatabase & AppTables>

/** Everything the routes use, built once at start from the environment. */
export interface DiallerApp {
  readonly env: Env
  readonly publicBaseUrl: string
  readonly db: AppDatabase
  readonly dialler: Dialler
  readonly recordings: Recordings.Recordings
  readonly audit: Audit.AuditLogService
  readonly telephony: Telephony.TelephonyService
  /** Present when telephony is simulated: the browser routes drive it. */
  readonly simulator: SimulatorTelephony | null
  /** The local recording store's URL check, when recordings are kept on disk. */
  readonly localRecordings: ReturnType<typeof localRecordingStorage> | null
  readonly embedded: boolean
  readonly demoLogins: ReadonlyArray<DemoLogin>
  /** Live events for dashboards and desks, across every instance on one Postgres. */
  readonly events: EventHub
  /** The provider webhooks, for the routes that receive them over HTTP (raw request in, verified inside). */
  readonly webhooks: {
    readonly voice: (request: Telephony.WebhookRequest) => Promise<Telephony.CallInstructions>
    readonly callStatus: (request: Telephony.WebhookRequest) => Promise<unknown>
    readonly recordingStatus: (request: Telephony.WebhookRequest) => Promise<unknown>
  }
  readonly close: () => Promise<void>
}

const openStoreClient = async (env: Env, path: (...parts: string[]) => string): Promise<StoreClient> =>
  env.DATABASE_URL
    ? new pg.Pool({ connectionString: env.DATABASE_URL, max: 20 })
    : PGlite.create(path('store'))

const DEMO_SCHEMA = 'demo_source'

const openSource = async (env: Env, storeClient: StoreClient, log: (line: string) => void) => {
  const preset = claimsPreset()
  const url = env.REPLICA_DATABASE_URL
  if (url?.startsWith('mysql:')) {
    const pool = createPool({ uri: url, timezone: 'Z', connectionLimit: 10 })
    return {
      source: mysqlLeadSource({ pool, preset }),
      close: () => new Promise<void>((resolve) => pool.end(() => resolve())),
    }
  }
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 })
    return { source: postgresLeadSource({ client: pool, preset }), close: async () => pool.end() }
  }
  // Embedded: the demo source lives in its own schema of the store's database (one engine to boot),
  // generated on first start. The dialler still only ever reads it.
  const writer = connectDiallerStore<ClaimsSource>(storeClient)
  await sql`create schema if not exists ${sql.id(DEMO_SCHEMA)}`.execute(writer)
  const bulk = 'waitReady' in storeClient ? storeClient : null
  await ensureDemoSource(
    writer.withSchema(DEMO_SCHEMA),
    env.DEMO_PEOPLE,
    log,
    bulk ? (table, rows) => copyRowsIntoPGlite(bulk, table, rows, DEMO_SCHEMA) : undefined,
  )
  return {
    source: postgresLeadSource({
      client: storeClient,
      preset,
      schema: DEMO_SCHEMA,
    }) as Leads.LeadSourceService,
    close: async () => undefined,
  }
}

/**
 * Builds the dialler from the environment. With nothing set: PGlite under RINGLANE_DATA_DIR, a
 * generated demo source, simulated telephony and local recordings, and demo logins. Each of
 * DATABASE_URL, REPLICA_DATABASE_URL, TWILIO_*, SUPABASE_* swaps in the real thing.
 */
export const startDialler = async (
  env: Env,
  log: (line: string) => void = console.info,
): Promise<DiallerApp> => {
  const data = dataDirectory(env.RINGLANE_DATA_DIR)
  const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`
  const secret = env.RINGLANE_SECRET ?? data.secret('ringlane')
  const embedded = !env.DATABASE_URL && !env.REPLICA_DATABASE_URL

  const began = Date.now()
  const phase = (what: string) => log(`  ${what} (${((Date.now() - began) / 1000).toFixed(1)} s)`)
  const client = await openStoreClient(env, data.path)
  phase('database open')
  const store = await createPostgresDiallerStore({ client })
  phase('dialler store migrated')
  const opened = await openSource(env, client, log)
  phase('lead source ready')
  const db = connectDiallerStore<DiallerDatabase & AppTables>(client)
  await migrateAppTables(db as Kysely<unknown>)
  const audit = auditLog(db as unknown as Kysely<DiallerDatabase>)

  // Simulated telephony hands its webhooks straight to the dialler's handlers (signed all the same).
  let handlers:
    | {
        voice: (r: Telephony.WebhookRequest) => Promise<Telephony.CallInstructions>
        status: (r: Telephony.WebhookRequest) => Promise<unknown>
        recording: (r: Telephony.WebhookRequest) => Promise<unknown>
      }
    | undefined
  const simulator = env.TWILIO_ACCOUNT_SID
    ? null
    : createSimulatorTelephony({
        secret,
        publicBaseUrl,
        deliver: async (kind, request) => {
          if (!handlers) return { status: 503, body: 'the dialler is starting' }
          try {
            if (kind === 'voice') {
              const instructions = await handlers.voice(request)
              return { status: 200, contentType: instructions.contentType, body: instructions.body }
            }
            await handlers[kind](request)
            return { status: 204, body: '' }
          } catch (error) {
            return { status: 400, body: error instanceof Error ? error.message : String(error) }
          }
        },
      })
  const telephony: Telephony.TelephonyService = simulator
    ? simulator.telephony
    : twilioTelephony({
        client: twilio(
          env.TWILIO_ACCOUNT_SID,
          env.TWILIO_AUTH_TOKEN && Redacted.value(env.TWILIO_AUTH_TOKEN),
        ),
        credentials: {
          username: env.TWILIO_ACCOUNT_SID ?? '',
          password: env.TWILIO_AUTH_TOKEN ?? Redacted.make(''),
        },
        accessToken: Schema.decodeUnknownSync(AccessTokenConfig)({
          accountSid: env.TWILIO_ACCOUNT_SID,
          apiKeySid: env.TWILIO_API_KEY_SID,
          apiKeySecret: env.TWILIO_API_KEY_SECRET && Redacted.value(env.TWILIO_API_KEY_SECRET),
          twimlAppSid: env.TWILIO_TWIML_APP_SID,
        }),
        webhooks: { authToken: env.TWILIO_AUTH_TOKEN ?? Redacted.make(''), publicBaseUrl },
        callerId: env.TWILIO_CALLER_ID ?? '',
      })

  const dialler = await createDialler({
    store,
    source: opened.source,
    calls: createPostgresCallStore(client),
    telephony,
    queues: claimsQueues(),
    // The demo's numbers are Ofcom drama numbers and its agents may try it at any hour.
    settings: embedded
      ? { allowFictionalNumbers: true, callingWindow: null }
      : { allowFictionalNumbers: !env.TWILIO_ACCOUNT_SID },
  })

  const localRecordings = env.SUPABASE_URL
    ? null
    : localRecordingStorage({ directory: data.path('recordings'), baseUrl: '/recordings/media', secret })
  const recordings = await Recordings.createRecordings({
    storage: env.SUPABASE_URL
      ? supabaseRecordingStorage({
          client: createClient(
            env.SUPABASE_URL,
            env.SUPABASE_SERVICE_ROLE_KEY ? Redacted.value(env.SUPABASE_SERVICE_ROLE_KEY) : '',
          ),
          bucket: env.SUPABASE_BUCKET,
        })
      : (localRecordings as NonNullable<typeof localRecordings>),
    store: await createPostgresRecordingStore({ client, migrate: false }),
    telephony,
    auditLog: audit,
  })

  const events = await createEventHub(env.DATABASE_URL)
  const webhooks = {
    voice: dialler.callInstructions,
    /** A call-status webhook, applied, and told to the live dashboard when it changed something. */
    callStatus: async (request: Telephony.WebhookRequest) => {
      const result = await dialler.handleCallStatus(request)
      if (result._tag === 'Applied' && result.changed) {
        const { session } = result
        await events.publish({
          type: 'call',
          sessionId: session.id,
          agentId: session.agentId,
          status: session.status,
        })
        const state = await dialler.agentState(session.agentId)
        await events.publish({
          type: 'agent-state',
          agentId: session.agentId,
          state: state.state,
          reason: state.reason,
        })
      }
      return result
    },
    recordingStatus: async (request: Telephony.WebhookRequest) => {
      const params = await run(telephony.verifyWebhook(request))
      return recordings.processRecordingEvent(await run(telephony.parseRecordingEvent(params)))
    },
  }
  handlers = { voice: webhooks.voice, status: webhooks.callStatus, recording: webhooks.recordingStatus }

  const demoLogins = embedded ? await ensureDemoLogins(dialler, data.path('demo-logins.json')) : []
  const levels = await dialler.queueLevels()
  if (levels.every((level) => level.generation === 0)) {
    const result = await dialler.regenerateQueues()
    if (result._tag === 'Regenerated') {
      log(`Queues built: ${result.queues.map((q) => `${q.queueId} ${q.inserted}`).join(', ')}.`)
    }
  }

  return {
    env,
    publicBaseUrl,
    db,
    dialler,
    recordings,
    audit,
    telephony,
    simulator,
    localRecordings,
    embedded,
    demoLogins,
    events,
    webhooks,
    close: async () => {
      await events.close()
      simulator?.dispose()
      await dialler.dispose()
      await recordings.dispose()
      await opened.close()
      await ('end' in client ? client.end() : client.close())
    },
  }
}
