import { PGlite } from '@electric-sql/pglite'
import {
  type ClaimsDetails,
  type ClaimsSource,
  claimsLinkTypes,
  claimsPreset,
  claimsQueues,
  demoLenderImportance,
} from '@ringlane/claims'
import {
  type Audit,
  createRinglane,
  DomainEvents,
  type Leads,
  type Messaging,
  type Recordings,
  type Ringlane,
  type Telephony,
  type Transcripts,
} from '@ringlane/core'
import {
  connectDiallerStore,
  copyRowsIntoPGlite,
  createPostgresStores,
  type DiallerDatabase,
  postgresLeadSource,
  type StoreClient,
} from '@ringlane/postgres'
import {
  createSimulatorMessaging,
  createSimulatorPricing,
  createSimulatorTelephony,
  createSimulatorTranscription,
  localRecordingStorage,
  type SimulatorMessaging,
  type SimulatorTelephony,
  simulatorAiCallLines,
} from '@ringlane/simulator'
import { Effect, ManagedRuntime, Redacted, Schema } from 'effect'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { type AppTables, migrateAppTables } from './app-schema.server'
import { dataDirectory } from './data-dir.server'
import {
  type DemoLogin,
  ensureDemoCampaigns,
  ensureDemoLogins,
  ensureDemoSource,
  planDemoLogins,
} from './demo.server'
import { type AppEngine, startEngine } from './engine.server'
import type { Env } from './env.server'
import { createEventHub, type EventHub, liveEventOf } from './events.server'
import { ensureDemoInbound } from './inbound.server'
import { type Jobs, startJobs } from './jobs.server'
import { run } from './run.server'
import { demoVoiceProviders, ensureDemoVoiceAgent } from './voice-ai.server'

/** A link type sent to this app's own landing page (`routes/l.$linkType.tsx`) instead of a portal. */
const landingPage = <T extends { readonly type: string }>(linkType: T): T & { readonly path: string } => ({
  ...linkType,
  path: `/l/${linkType.type}?token={token}`,
})

/** What agents say on each claims queue; the desk fills in the lead's fields. */
const claimsCallScripts = {
  unsigned:
    'Hello, is that {{firstName}} {{lastName}}? I am calling about your claim {{details.claims.0.reference}}. We still need your signature to go ahead: can I text you a secure link to sign now?',
  outstanding:
    'Hello {{firstName}}, I am calling about claim {{details.claims.0.reference}}. A few documents are still outstanding; I can go through them with you and text you a link to upload them.',
  callbacks:
    'Hello {{firstName}}, you asked us to call you back about claim {{details.claims.0.reference}}. Is now still a good time?',
}

/** `QUEUE_THRESHOLDS` (`unsigned=50,outstanding=100`): the deployment's starting thresholds; the Settings page's win. */
const queueThresholds = (pairs: string | undefined) =>
  Object.fromEntries(
    (pairs ?? '')
      .split(',')
      .map((pair) => pair.trim().split('='))
      .filter((pair): pair is [string, string] => pair.length === 2)
      .map(([queue, threshold]) => [queue, { threshold: Number(threshold) }]),
  )

export type AppDatabase = Kysely<DiallerDatabase & AppTables>

/** Everything the routes use, built once at start from the environment. */
export interface DiallerApp {
  readonly env: Env
  readonly publicBaseUrl: string
  readonly db: AppDatabase
  /** The dialler: every area of the SDK on one runtime (queues, calls, SMS, links, recordings...). */
  readonly ringlane: Ringlane<ClaimsDetails>
  readonly audit: Audit.AuditLogService
  readonly telephony: Telephony.TelephonyService
  /** Present when telephony is simulated: the browser routes drive it. */
  readonly simulator: SimulatorTelephony | null
  /** The AI voice agent providers an AI agent's chain may name. */
  readonly voiceProviders: ReadonlyArray<string>
  /** The local recording store's URL check, when recordings are kept on disk. */
  readonly localRecordings: ReturnType<typeof localRecordingStorage> | null
  readonly embedded: boolean
  readonly demoLogins: ReadonlyArray<DemoLogin>
  /** Live events for dashboards and desks, across every instance on one Postgres. */
  readonly events: EventHub
  /** The link types agents may text, for forms. */
  readonly linkTypes: ReadonlyArray<{ readonly type: string; readonly label: string }>
  /** Present when SMS is simulated: its outbox and signed inbound injection. */
  readonly simulatedSms: SimulatorMessaging | null
  /** The provider webhooks, for the routes that receive them over HTTP (raw request in, verified inside). */
  readonly webhooks: {
    readonly provider: 'twilio' | 'simulator'
    readonly voice: (request: Telephony.WebhookRequest) => Promise<Telephony.CallInstructions>
    readonly flow: (request: Telephony.WebhookRequest) => Promise<Telephony.CallInstructions>
    readonly callStatus: (request: Telephony.WebhookRequest) => Promise<unknown>
    readonly recordingStatus: (request: Telephony.WebhookRequest) => Promise<unknown>
    readonly smsInbound: (request: Telephony.WebhookRequest) => Promise<Messaging.InboundOutcome>
    readonly smsStatus: (request: Telephony.WebhookRequest) => Promise<unknown>
    /** The transcription provider's "transcript ready" callback; null when nothing transcribes. */
    readonly transcriptReady: ((request: Telephony.WebhookRequest) => Promise<unknown>) | null
  }
  /** Round trips to each outside dependency, for /api/health. Reject when it is down. */
  readonly probes: {
    readonly source: () => Promise<void>
    readonly telephony: () => Promise<void>
    readonly storage: () => Promise<void>
  }
  /** The call engine: progressive campaigns dialled from the server, the desk's auto mode. */
  readonly engine: AppEngine
  /** Background work on pg-boss; started after the app can serve. */
  readonly jobs: Jobs
  readonly close: () => Promise<void>
}

const DEMO_SCHEMA = 'demo_source'

const openSource = async (env: Env, storeClient: StoreClient, log: (line: string) => void) => {
  const preset = claimsPreset()
  const url = env.REPLICA_DATABASE_URL
  if (url?.startsWith('mysql:')) {
    // Provider SDKs load only when configured: the embedded demo starts without them.
    const [{ createPool }, { mysqlLeadSource }] = await Promise.all([
      import('mysql2'),
      import('@ringlane/mysql'),
    ])
    const pool = createPool({ uri: url, timezone: 'Z', connectionLimit: 10 })
    return {
      source: mysqlLeadSource({ pool, preset }) as Leads.LeadSourceService<ClaimsDetails>,
      close: () => new Promise<void>((resolve) => pool.end(() => resolve())),
    }
  }
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 })
    return {
      source: postgresLeadSource({ client: pool, preset }) as Leads.LeadSourceService<ClaimsDetails>,
      close: async () => pool.end(),
    }
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
    }) as Leads.LeadSourceService<ClaimsDetails>,
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

  // Demo passwords hash on libuv's threads while the database boots on this one.
  const demoLoginPlan = embedded ? planDemoLogins(data.path('demo-logins.json')) : null
  const began = Date.now()
  const phase = (what: string) => log(`  ${what} (${((Date.now() - began) / 1000).toFixed(1)} s)`)
  const pglite = env.DATABASE_URL ? null : await PGlite.create(data.path('store'))
  const client: StoreClient =
    pglite ?? new pg.Pool({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE })
  phase('database open')
  const stores = await createPostgresStores({ client })
  phase('dialler stores migrated')
  const opened = await openSource(env, client, log)
  phase('lead source ready')
  const db = connectDiallerStore<DiallerDatabase & AppTables>(client)
  await migrateAppTables(db as Kysely<unknown>)
  const { audit } = stores

  // Simulated telephony hands its webhooks straight to the dialler's handlers (signed all the same).
  let handlers:
    | {
        voice: (r: Telephony.WebhookRequest) => Promise<Telephony.CallInstructions>
        flow: (r: Telephony.WebhookRequest) => Promise<Telephony.CallInstructions>
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
            if (kind === 'voice' || kind === 'flow') {
              const instructions = await handlers[kind](request)
              return { status: 200, contentType: instructions.contentType, body: instructions.body }
            }
            await handlers[kind](request)
            return { status: 204, body: '' }
          } catch (error) {
            return { status: 400, body: error instanceof Error ? error.message : String(error) }
          }
        },
      })
  const twilioSdk = env.TWILIO_ACCOUNT_SID
    ? await Promise.all([import('twilio'), import('@ringlane/twilio')])
    : null
  const twilioClient =
    twilioSdk && env.TWILIO_ACCOUNT_SID
      ? twilioSdk[0].default(
          env.TWILIO_ACCOUNT_SID,
          env.TWILIO_AUTH_TOKEN && Redacted.value(env.TWILIO_AUTH_TOKEN),
        )
      : null
  const telephony: Telephony.TelephonyService =
    !twilioSdk || !twilioClient
      ? (simulator as SimulatorTelephony).telephony
      : twilioSdk[1].twilioTelephony({
          client: twilioClient,
          credentials: {
            username: env.TWILIO_ACCOUNT_SID ?? '',
            password: env.TWILIO_AUTH_TOKEN ?? Redacted.make(''),
          },
          accessToken: Schema.decodeUnknownSync(twilioSdk[1].AccessTokenConfig)({
            accountSid: env.TWILIO_ACCOUNT_SID,
            apiKeySid: env.TWILIO_API_KEY_SID,
            apiKeySecret: env.TWILIO_API_KEY_SECRET && Redacted.value(env.TWILIO_API_KEY_SECRET),
            twimlAppSid: env.TWILIO_TWIML_APP_SID,
          }),
          webhooks: { authToken: env.TWILIO_AUTH_TOKEN ?? Redacted.make(''), publicBaseUrl },
          callerId: env.TWILIO_CALLER_ID ?? '',
        })

  const localRecordings = env.SUPABASE_URL
    ? null
    : localRecordingStorage({ directory: data.path('recordings'), baseUrl: '/recordings/media', secret })
  const supabase = env.SUPABASE_URL
    ? await Promise.all([import('@supabase/supabase-js'), import('@ringlane/supabase')])
    : null
  const storage: Recordings.RecordingStorageService =
    supabase && env.SUPABASE_URL
      ? supabase[1].supabaseRecordingStorage({
          client: supabase[0].createClient(
            env.SUPABASE_URL,
            env.SUPABASE_SERVICE_ROLE_KEY ? Redacted.value(env.SUPABASE_SERVICE_ROLE_KEY) : '',
          ),
          bucket: env.SUPABASE_BUCKET,
        })
      : (localRecordings as NonNullable<typeof localRecordings>)
  const events = await createEventHub(env.DATABASE_URL)

  // SMS goes through the same provider as calls: Twilio when configured (a Messaging Service, else the
  // caller id), the simulator otherwise. Delivery reports come back to the provider's status route.
  const provider = twilioClient ? ('twilio' as const) : ('simulator' as const)
  const simulatedSms = twilioClient
    ? null
    : createSimulatorMessaging({ secret, publicBaseUrl, inboundPath: '/webhooks/simulator/sms-inbound' })
  const smsProvider: Messaging.MessagingService =
    twilioSdk && twilioClient
      ? twilioSdk[1].twilioMessaging({
          client: twilioClient,
          sender: env.TWILIO_MESSAGING_SERVICE_SID
            ? { messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID }
            : { from: env.TWILIO_CALLER_ID ?? '' },
          webhooks: { authToken: env.TWILIO_AUTH_TOKEN ?? Redacted.make(''), publicBaseUrl },
        })
      : withSimulatedDeliveryReports(simulatedSms as SimulatorMessaging, (request) =>
          webhooks.smsStatus(request),
        )
  // Transcripts: the simulator's scripted ones in the demo; Twilio's when an Intelligence service is set.
  const transcription: Transcripts.TranscriptionService | null = simulator
    ? createSimulatorTranscription({ calls: simulator, secret, publicBaseUrl }).transcription
    : twilioSdk && twilioClient && env.TWILIO_INTELLIGENCE_SERVICE_SID
      ? twilioSdk[1].twilioTranscription({
          client: twilioClient,
          serviceSid: env.TWILIO_INTELLIGENCE_SERVICE_SID,
          webhooks: { authToken: env.TWILIO_AUTH_TOKEN ?? Redacted.make(''), publicBaseUrl },
        })
      : null
  // One stream of domain events for the SDK's calls and the engine's, so the live views hear both.
  const eventsRuntime = ManagedRuntime.make(DomainEvents.inMemory())
  const domainEvents = await eventsRuntime.runPromise(DomainEvents)
  const ringlaneOptions = {
    events: domainEvents,
    stores,
    source: opened.source,
    telephony,
    // The demo's lenders weighted, so a claim with a lender that matters more moves a person up.
    queues: claimsQueues(queueThresholds(env.QUEUE_THRESHOLDS), { lenderImportance: demoLenderImportance }),
    // The demo's numbers are Ofcom drama numbers and its agents may try it at any hour, whichever store
    // it runs on (a demo on server Postgres had no calls to make at night).
    // The shipped demo calls people in Great Britain: Ofcom's rules are the profile every dial is checked against.
    // The claims desk calls people about claims they made: service calls, which the TPS and CTPS do not
    // cover (the internal do-not-call list and opt-outs still apply). A marketing desk leaves the default.
    settings: {
      ...(embedded
        ? { allowFictionalNumbers: true, callingWindow: null }
        : {
            allowFictionalNumbers: !env.TWILIO_ACCOUNT_SID,
            ...(!env.REPLICA_DATABASE_URL && { callingWindow: null }),
          }),
      complianceProfile: 'uk-ofcom',
      callPurpose: 'service' as const,
      callScripts: claimsCallScripts,
    },
    sms: {
      provider: smsProvider,
      settings: {
        allowFictionalNumbers: !twilioClient,
        statusCallbackUrl: new URL(`/webhooks/${provider}/sms-status`, publicBaseUrl).toString(),
      },
    },
    // Links open this app's landing page (verified and tracked there), or the integrator's portal.
    magicLinks: {
      settings: env.MAGIC_LINK_BASE_URL
        ? { baseUrl: env.MAGIC_LINK_BASE_URL, linkTypes: claimsLinkTypes }
        : { baseUrl: publicBaseUrl, linkTypes: claimsLinkTypes.map(landingPage) },
    },
    recordings: { storage },
    ...(transcription && { transcription: { provider: transcription } }),
    // What calls and texts cost: Twilio's prices, or the simulator's demo rates.
    pricing:
      twilioSdk && twilioClient
        ? twilioSdk[1].twilioPricing({ client: twilioClient })
        : createSimulatorPricing({ currency: 'GBP', perMinute: '0.0130', perSegment: '0.0400' }),
    // AI voice agents: the simulator's in the demo (a provider that talks, one that never answers, one
    // whose caller asks for a person); none configured otherwise.
    // A campaign or an IVR step that names an AI agent gives it the call (the simulator's caller on
    // the line); a stream's ticket is signed with a key of its own made from the dialler's secret.
    ...(simulator && {
      voiceAi: {
        providers: demoVoiceProviders(),
        lines: simulatorAiCallLines({ calls: simulator }),
        settings: { streamSecret: `voice-ai-stream:${Redacted.value(secret)}` },
      },
    }),
    // Calls to the dialler's numbers run its IVR flows: TwiML on Twilio, the simulator's turns in the demo.
    inbound: {
      voice:
        twilioSdk && twilioClient
          ? twilioSdk[1].twilioInboundVoice({ client: twilioClient, publicBaseUrl })
          : (simulator as SimulatorTelephony).inboundVoice,
    },
  }
  const ringlane = await createRinglane(ringlaneOptions)
  const engine = await startEngine({
    ringlane: ringlaneOptions,
    client,
    databaseUrl: env.DATABASE_URL,
    callsPerSecond: env.ENGINE_CALLS_PER_SECOND,
  })
  // The live views hear what the dialler's programs did, on every instance (through the hub).
  const unsubscribe = await ringlane.events.subscribe((event) => {
    const live = liveEventOf(event)
    if (live) events.publish(live).catch((error) => console.error('Live event not published', error))
  })
  const linkTypes = claimsLinkTypes.map(({ type, label }) => ({ type, label }))

  const webhooks = {
    provider,
    // A call from a phone to one of the dialler's numbers runs its flow; a ready agent's auto-mode leg,
    // or their inbound line, waits in their conference; any other browser call is a preview call.
    voice: async (request: Telephony.WebhookRequest) =>
      fromPhone(request)
        ? ringlane.inbound.answer(request)
        : ((await engine.autoLeg(request)) ??
          (await ringlane.inbound.line(request)) ??
          ringlane.calls.instructions(request)),
    /** An inbound call's flow coming back: the caller's keys or words, a message, a spell on hold. */
    flow: ringlane.inbound.continue,
    // Every call's status, and the engine's reaction for its own (connect, abandon, machine).
    callStatus: engine.callStatus,
    recordingStatus: ringlane.recordings.handleStatus,
    /** An inbound text: stored, classified and acted on (STOP opts out). */
    smsInbound: ringlane.messaging.receive,
    smsStatus: ringlane.messaging.deliveryStatus,
    transcriptReady: transcription ? ringlane.transcripts.handleCallback : null,
  }
  handlers = {
    voice: webhooks.voice,
    flow: webhooks.flow,
    status: webhooks.callStatus,
    recording: webhooks.recordingStatus,
  }

  const probes = {
    source: () => run(opened.source.ping),
    // A look-up of a call that cannot exist: one authenticated round trip to the provider.
    telephony: cached(60_000, async () => {
      await run(telephony.lookupCall(`CA${'0'.repeat(32)}`))
    }),
    // Asking for an object that is not there: a round trip to the bucket or the directory.
    storage: cached(env.SUPABASE_URL ? 60_000 : 0, async () => {
      await run(storage.stat('health/probe.wav'))
    }),
  }

  phase('dialler, recordings and messaging ready')
  const demoLogins = demoLoginPlan ? await ensureDemoLogins(ringlane, demoLoginPlan) : []
  if (embedded) phase('demo logins ready')
  if (embedded) await ensureDemoCampaigns(ringlane, demoLogins)
  if (embedded && simulator) await ensureDemoVoiceAgent(ringlane)
  // The demo line answers with a flow: a menu, the inbound queue and voicemail.
  if (embedded)
    await ensureDemoInbound(ringlane, (await ringlane.agents.list()).find((a) => a.role === 'supervisor')?.id)
  const levels = await ringlane.queues.levels()
  if (levels.every((level) => level.generation === 0)) {
    const result = await ringlane.queues.regenerate()
    if (result._tag === 'Regenerated') {
      log(`Queues built: ${result.queues.map((q) => `${q.queueId} ${q.inserted}`).join(', ')}.`)
    }
    phase('queues built')
  }

  const running: Omit<DiallerApp, 'jobs' | 'close'> = {
    env,
    publicBaseUrl,
    db,
    ringlane,
    audit,
    telephony,
    simulator,
    voiceProviders: ringlaneOptions.voiceAi?.providers.map((p) => p.name) ?? [],
    localRecordings,
    embedded,
    demoLogins,
    events,
    linkTypes,
    simulatedSms,
    webhooks,
    probes,
    engine,
  }
  // Jobs start once the app can serve: their engine's first migration is not on the way to the login page.
  const jobs = startJobs(running, {
    engine: pglite ? { pglite } : { connectionString: env.DATABASE_URL ?? '' },
    log,
  })
  // A queued transcript is transcribed now rather than at the next minute's run.
  // An ended call is priced now when the provider prices at once (the simulator); else at the next run.
  const stopTranscribing = await ringlane.events.subscribe((event) => {
    const job =
      event._tag === 'TranscriptQueued'
        ? 'transcription'
        : event._tag === 'CallEnded'
          ? 'cost-collection'
          : null
    if (!job) return
    jobs.runNow(job).catch((error) => log(`${job} did not run: ${String(error)}`))
  })
  return {
    ...running,
    jobs,
    close: async () => {
      await stopTranscribing()
      await jobs.stop()
      await engine.stop()
      await unsubscribe()
      await events.close()
      simulator?.dispose()
      await ringlane.dispose()
      await eventsRuntime.dispose()
      await opened.close()
      await ('end' in client ? client.end() : client.close())
    },
  }
}

/**
 * Whether a voice webhook is a call from a phone (inbound) rather than an agent's browser (`client:`).
 * Read before verification only to pick the handler; the handler verifies the signature itself.
 */
const fromPhone = (request: Telephony.WebhookRequest) => {
  const from = new URLSearchParams(request.body).get('From') ?? ''
  return from !== '' && !from.startsWith('client:')
}

/** Remembers a probe's success for `ms`, so health checks do not hammer a paid provider API. */
const cached = (ms: number, probe: () => Promise<void>) => {
  let okUntil = 0
  return async () => {
    if (Date.now() < okUntil) return
    await probe()
    okUntil = Date.now() + ms
  }
}

/**
 * The simulator reports delivery as a provider does: a signed status webhook to the message's status
 * callback URL, a moment after the send, through the same handler the HTTP route uses.
 */
const withSimulatedDeliveryReports = (
  sms: SimulatorMessaging,
  report: (request: Telephony.WebhookRequest) => Promise<unknown>,
): Messaging.MessagingService => ({
  ...sms,
  sendSms: (outbound) =>
    Effect.tap(sms.sendSms(outbound), ({ providerMessageId }) =>
      Effect.sync(() => {
        const callbackUrl = outbound.statusCallbackUrl
        if (!callbackUrl) return
        setTimeout(() => {
          report(sms.statusWebhook({ callbackUrl, providerMessageId, status: 'delivered' })).catch(
            () => undefined,
          )
        }, 200).unref()
      }),
    ),
})
