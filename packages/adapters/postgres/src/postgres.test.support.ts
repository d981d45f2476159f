// What the Postgres adapter's tests set up the same way: a clean store between tests, row counts,
// agents to own things, and people with claims in a claims source.
import { PGlite } from '@electric-sql/pglite'
import { type ClaimsSource, claimsPreset, claimsQueues, migrateClaimsSource } from '@ringlane/claims'
import {
  type Agents,
  type Calls,
  createRinglane,
  type Queues,
  type Recordings,
  type Ringlane,
  type RinglaneEvent,
  type RinglaneOptions,
  type Telephony,
} from '@ringlane/core'
import {
  type SimulatorTelephony,
  simulatorAiCallLines,
  simulatorVoiceAgent,
  type WebhookDelivery,
} from '@ringlane/simulator'
import { createTestPostgres, type PostgresEngine, type TestPostgres } from '@ringlane/test-database'
import { Effect, Option } from 'effect'
import type { Insertable, Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { connectDiallerStore, type StoreClient } from './connection.js'
import { postgresLeadSource } from './lead-source.js'
import type { DiallerDatabase } from './schema.js'
import { createPostgresStores, type PostgresStores } from './stores.js'

/** Empties every table but the migrations' own bookkeeping. */
export const resetStore = (database: TestPostgres) =>
  database.truncateAll(['ringlane_migrations', 'ringlane_migrations_lock'])

/**
 * A migrated dialler store (server Postgres when configured, else PGlite) beside a claims source on
 * PGlite: what the end-to-end tests of this adapter run on. `reset` empties both between tests.
 */
export const openClaimsWorld = async () => {
  const database = await createTestPostgres()
  const sourceClient = await PGlite.create()
  const source = connectDiallerStore<ClaimsSource>(sourceClient)
  await migrateClaimsSource(source as Kysely<unknown>)
  const stores = await createPostgresStores({ client: database.client })
  return {
    database,
    sourceClient,
    source,
    stores,
    reset: async () => {
      await resetStore(database)
      for (const table of ['claim_requirements', 'claims', 'users'] as const)
        await source.deleteFrom(table).execute()
    },
    close: async () => {
      await source.destroy()
      await database.close()
    },
  }
}
export type ClaimsWorld = Awaited<ReturnType<typeof openClaimsWorld>>

/** A claims world for the `describe` block around the call: opened once, emptied before each test. */
export const claimsWorldForSuite = (): ClaimsWorld => {
  const world = {} as ClaimsWorld
  beforeAll(async () => {
    Object.assign(world, await openClaimsWorld())
  })
  afterAll(() => world.close?.())
  beforeEach(() => world.reset())
  return world
}

/**
 * The dialler on a claims world's store and source, with the claims queues, calling fictional numbers at
 * any hour, for service: how the end-to-end call tests run it.
 */
export const claimsDialler = async (
  world: ClaimsWorld,
  telephony: Telephony.TelephonyService,
  stores?: Awaited<ReturnType<typeof createPostgresStores>>,
): Promise<Ringlane> =>
  createRinglane({
    stores: stores ?? (await createPostgresStores({ client: world.database.client, migrate: false })),
    source: postgresLeadSource({ client: world.sourceClient, preset: claimsPreset() }),
    telephony,
    queues: claimsQueues(),
    settings: { allowFictionalNumbers: true, callingWindow: null, callPurpose: 'service' },
  })

/**
 * The simulator's webhooks handed straight to the dialler's handlers, as the app's routes do: a voice
 * webhook gets the call's instructions, a status one is recorded, any other is taken with no answer.
 */
export const deliverToDialler =
  (ringlane: () => Ringlane): WebhookDelivery =>
  async (kind, request) => {
    if (kind === 'voice') {
      const instructions = await ringlane().calls.instructions(request)
      return { status: 200, contentType: instructions.contentType, body: instructions.body }
    }
    if (kind === 'status') await ringlane().calls.handleStatus(request)
    return { status: 204, body: '' }
  }

/** The agent takes the next lead and starts calling it; throws if either is refused. */
export const startNextCall = async (
  ringlane: Ringlane,
  agent: string,
): Promise<{ entry: Queues.QueueEntry; session: Calls.CallSession }> => {
  const entry = await ringlane.queues.claimNext(agent)
  if (!entry) throw new Error('no lead to call')
  const start = await ringlane.dialing.startCall(agent, entry.id)
  if (start._tag !== 'Started') throw new Error(`call refused: ${JSON.stringify(start.refusals)}`)
  return { entry, session: start.session }
}

/**
 * A dialler on a PGlite store of its own for the `describe` block around the call, hearing its events;
 * before each test the store is emptied, the events forgotten and Sue, a supervisor, added again.
 */
export const diallerForSuite = (options: Omit<RinglaneOptions, 'stores'> = {}) => {
  const suite = { events: [] as RinglaneEvent[] } as {
    database: TestPostgres
    stores: PostgresStores
    ringlane: Ringlane
    events: RinglaneEvent[]
    supervisor: string
  }
  beforeAll(async () => {
    suite.database = await createTestPostgres('pglite')
    suite.stores = await createPostgresStores({ client: suite.database.client })
    suite.ringlane = await createRinglane({ ...options, stores: suite.stores })
    await suite.ringlane.events.subscribe((event) => suite.events.push(event))
  })
  afterAll(async () => {
    await suite.ringlane?.dispose()
    await suite.database?.close()
  })
  beforeEach(async () => {
    await resetStore(suite.database)
    suite.events.length = 0
    const sue = await suite.ringlane.agents.create({
      email: 'sue@example.com',
      displayName: 'Sue',
      role: 'supervisor',
    })
    suite.supervisor = sue.id
  })
  return suite
}

/**
 * Voice AI on the simulator's calls: its agent answers with `greeting`, and the caller asks for a person
 * on the next turn, so the call is handed to the people's queue.
 */
export const aiAgentHandingToPeople = (
  calls: SimulatorTelephony,
  greeting: string,
): NonNullable<RinglaneOptions['voiceAi']> => ({
  providers: [
    simulatorVoiceAgent({
      name: 'simulator',
      firstResponseMs: 200,
      script: [
        { speaker: 'agent', text: greeting },
        { speaker: 'caller', text: 'A person, please.' },
      ],
      callerAsksForPersonAfter: 2,
    }),
  ],
  lines: simulatorAiCallLines({ calls }),
})

/** Polls `probe` every 10 ms until it gives a value; fails naming `what` after `tries` polls. */
export const waitFor = async <T>(probe: () => Promise<T | undefined>, what: string, tries = 300) => {
  for (let i = 0; i < tries; i++) {
    const value = await probe()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/**
 * A conformance suite's fixture for one store: a fresh migrated database of `engine`, the store and its
 * inspector built on it, agents to own things, emptied between tests.
 */
export const storeFixture = async <Built>(
  engine: PostgresEngine,
  build: (db: Kysely<DiallerDatabase>, database: TestPostgres) => Built,
) => {
  const database = await createTestPostgres(engine)
  const { agents } = await createPostgresStores({ client: database.client })
  return {
    ...build(connectDiallerStore<DiallerDatabase>(database.client), database),
    newAgent: (email: string) => addAgent(agents, email),
    reset: () => resetStore(database),
    close: () => database.close(),
  }
}

/** How many rows `table` holds, or those of them whose columns hold the values in `where`. */
export const countRows = async (
  database: TestPostgres,
  table: string,
  where: Record<string, unknown> = {},
) => {
  const columns = Object.keys(where)
  const filter =
    columns.length === 0 ? '' : ` where ${columns.map((c, i) => `${c} = $${i + 1}`).join(' and ')}`
  const [row] = await database.query<{ n: string }>(
    `select count(*) as n from ${table}${filter}`,
    Object.values(where),
  )
  return Number(row?.n)
}

/** Creates an agent named by `email` in the store, for the things a test needs owned; gives its id. */
export const addAgent = async (agents: Agents.AgentStoreService, email: string) =>
  (
    await Effect.runPromise(
      agents.createAgent({ email, displayName: email, role: 'agent', queueIds: [], passwordHash: null }),
    )
  ).id

type Person = Insertable<ClaimsSource['users']>
type Claim = Insertable<ClaimsSource['claims']>

/** Person `id` in the claims source: enabled, unsigned, no address, unless `row` says otherwise. */
export const insertPerson = (
  source: Kysely<ClaimsSource>,
  id: number,
  row: Partial<Person> & Pick<Person, 'created_at'>,
) =>
  source
    .insertInto('users')
    .values({
      id,
      first_name: `P${id}`,
      last_name: 'Test',
      email: null,
      phone_number: `07700 900${String(id).padStart(3, '0')}`,
      is_enabled: true,
      current_user_address_id: null,
      current_signature_file_id: null,
      ...row,
    })
    .execute()

/** Claim `id` of person `id` (unless `row` names another), new, with lender L. */
export const insertClaim = (
  source: Kysely<ClaimsSource>,
  id: number,
  row: Partial<Claim> & Pick<Claim, 'created_at' | 'estimated_value'>,
) =>
  source
    .insertInto('claims')
    .values({ id, user_id: id, reference: `CL-${id}`, status: 'NEW', lender: 'L', ...row })
    .execute()

/** A pending ID document on claim `claimId`, as requirement `id`. */
export const insertPendingRequirement = (
  source: Kysely<ClaimsSource>,
  id: number,
  claimId: number,
  createdAt: Date,
) =>
  source
    .insertInto('claim_requirements')
    .values({
      id,
      claim_id: claimId,
      type: 'ID_DOCUMENT',
      status: 'PENDING',
      created_at: createdAt,
      completed_at: null,
    })
    .execute()

/**
 * Another client on the same database, as a second app instance would have: a new pool on the test's
 * schema on server Postgres; the same embedded database on PGlite (it has one connection).
 */
export const secondClient = async (
  database: TestPostgres,
): Promise<{ readonly client: StoreClient; readonly close: () => Promise<void> }> => {
  const url = process.env.TEST_DATABASE_URL
  if (database.engine !== 'postgres' || !url) return { client: database.client, close: async () => {} }
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${database.schema}`, max: 2 })
  return { client: pool, close: () => pool.end() }
}

/** Recording storage in a map, for tests that store recordings without a bucket or a directory. */
export const memoryRecordingStorage = (
  media: Map<string, Uint8Array>,
): Recordings.RecordingStorageService => ({
  backend: 'memory',
  put: ({ path, bytes }) =>
    Effect.sync(() => {
      media.set(path, bytes)
      return path
    }),
  signedUrl: (path, seconds) =>
    Effect.succeed({ url: `https://files.test/${path}`, expiresAt: new Date(Date.now() + seconds * 1000) }),
  remove: (path) => Effect.sync(() => void media.delete(path)),
  stat: (path) =>
    Effect.sync(() =>
      Option.map(Option.fromNullable(media.get(path)), (bytes) => ({
        sizeBytes: bytes.byteLength,
        contentType: 'audio/wav',
      })),
    ),
})
