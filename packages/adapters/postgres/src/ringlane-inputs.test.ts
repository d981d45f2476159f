import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import {
  type ClaimsSource,
  claimsLinkTypes,
  claimsPreset,
  claimsQueues,
  migrateClaimsSource,
} from '@ringlane/claims'
import * as Core from '@ringlane/core'
import { createRinglane, type Ringlane } from '@ringlane/core'
import { newCampaignInput } from '@ringlane/core/testing'
import {
  createSimulatorMessaging,
  createSimulatorPricing,
  createSimulatorTelephony,
  createSimulatorTranscription,
  localRecordingStorage,
  SIGNATURE_HEADER,
  signWebhook,
  simulatorVoiceAgent,
} from '@ringlane/simulator'
import { Effect, Redacted } from 'effect'
import fc from 'fast-check'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectDiallerStore } from './connection.js'
import { postgresLeadSource } from './lead-source.js'
import { insertClaim, insertPendingRequirement, insertPerson } from './postgres.test.support.js'
import { createPostgresStores } from './stores.js'

// Issue 11 item 4: every public method of the object createRinglane returns, called with wrong values
// and wrong types, either resolves or rejects with one of the SDK's own tagged errors (never Effect's
// FiberFailure, a TypeError, a ParseError or a defect), never hangs, and writes nothing.

/** Every `Schema.TaggedError` class @ringlane/core exports, by tag: the only things a method may reject with. */
const knownErrors = (() => {
  const classes = new Map<string, abstract new (...args: never) => unknown>()
  const seen = new Set<unknown>()
  const walk = (value: unknown) => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value))
      return
    seen.add(value)
    if (typeof value === 'function') {
      const tag = (value as { _tag?: unknown })._tag
      if (value.prototype instanceof Error && typeof tag === 'string' && 'fields' in value)
        classes.set(tag, value as unknown as abstract new (...args: never) => unknown)
      return
    }
    for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key])
  }
  walk(Core)
  return classes
})()

/** Writes a refusal makes on purpose; everything else written during a wrong call is a bug. */
const REFUSAL_AUDIT_ACTIONS = [
  // messaging/send-sms.ts: a refused text leaves an audit record of who tried what.
  'sms.refused',
  // messaging/receive-sms.ts and delivery-status.ts: an unsigned or malformed webhook is audited.
  'sms.inbound_refused',
  'sms.status_refused',
  // magic-links/issue-link.ts and send-link-sms.ts: a refused link is audited.
  'magic_link.refused',
  // magic-links/verify-link.ts: every refused opening (malformed, unknown, expired...) is audited.
  'magic_link.rejected',
]

const TIMEOUT_MS = 5_000
/** The tags of a store or source failing. */
const OUTAGES = /StoreError$|^LeadSourceError$|^AuditLogError$|^PreDialFactsError$|^ContactHistoryError$/
const SECRET = 'inputs-test-secret'
const BASE_URL = 'https://dialler.test'

// ---- wrong values -------------------------------------------------------------------------------

const huge = 'x'.repeat(1_000_000)
const polluted = () =>
  JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"toString":1}')
/** An own property, even for `__proto__`, as JSON.parse or a spread would make it. */
const withKey = (target: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })

const specials = fc.constantFrom<unknown>(
  undefined,
  null,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -1,
  0,
  -0,
  1.5,
  2 ** 53 + 2,
  true,
  false,
  '',
  ' ',
  '\u0000',
  `a\u0000b`,
  huge,
  new Date(Number.NaN),
  new Date(0),
  [],
  [[]],
  ['a', 1],
  {},
  Object.create(null),
  Symbol('wrong'),
  10n,
  () => 'a function',
  new Map([['a', 1]]),
  new Set([1]),
  /regex/,
  new Uint8Array([0, 1]),
  new Error('an error'),
  Promise.resolve('a promise'),
)
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: specials, weight: 3 },
  { arbitrary: fc.constant(null).map(polluted), weight: 1 },
  {
    arbitrary: fc.anything({
      maxDepth: 2,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withTypedArray: true,
      withSparseArray: true,
      withBoxedValues: true,
    }),
    weight: 3,
  },
)
const nonString = junk.filter((v) => typeof v !== 'string')
/** Not a string, and not absent either (absent is right for an optional field). */
const presentNonString = nonString.filter((v) => v !== undefined)
const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\t\n',
    '\u0000',
    `a\u0000b`,
    huge,
    '__proto__',
    'constructor',
    'null',
    'undefined',
    '-'.repeat(36),
    '00000000-0000-0000-0000-00000000000g',
    ' 00000000-0000-4000-8000-000000000000',
    "'; drop table agents; --",
    '../../etc/passwd',
    '%00',
    '\u202e\u0000',
  ),
)
const unknownUuid = fc.uuid()
/** Strings that are not UUIDs at all. */
const nonUuid = weirdString.filter(
  (s) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
)
const wrongNumber = fc.constantFrom<unknown>(
  0,
  -1,
  -0.5,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  2 ** 53 + 2,
  1e12,
  '10',
  null,
  true,
  10n,
  [],
  {},
)
/** A job's options that are wrong: a limit out of range, or not an options object at all. */
const wrongJobOptions = fc.oneof(
  fc.record({ limit: fc.oneof(wrongNumber, fc.constant(1001)) }),
  junk.filter((v) => v !== undefined && typeof v !== 'object' && typeof v !== 'function'),
  fc.constantFrom<unknown>(null, [], [1], () => 1, new Date(), new Map(), new Uint8Array(1)),
)
const badPhone = fc.constantFrom(
  '',
  ' ',
  'abc',
  '123',
  '+44',
  '07700 900',
  '0909 879 0123',
  '+999999999999999',
  '+447700900123\u0000',
  '07700\u0000900123',
  huge,
)
/** Dates no store can keep: invalid, or outside the years 1 to 9999. */
/** Anything but a Date: `junk` makes Dates too, and a Date may well be right where one is asked. */
const nonDate = junk.filter((v) => !(v instanceof Date))
const badDate = fc.constantFrom(
  new Date(Number.NaN),
  new Date('+010000-01-01T00:00:00Z'),
  new Date('-000001-01-01T00:00:00Z'),
  new Date(8.64e15),
)
const badUrl = fc.constantFrom(
  'http',
  'http://',
  'https://',
  'http://[',
  'httpx',
  'http:// space',
  'https://a b/c',
)

/** Strings, wrong types and ids that exist, in one pool, for parameters that take an id. */
const idOr = (real: ReadonlyArray<string>) =>
  fc.oneof(
    ...(real.length > 0 ? [{ arbitrary: fc.constantFrom(...real), weight: 3 }] : []),
    { arbitrary: unknownUuid, weight: 2 },
    { arbitrary: weirdString, weight: 2 },
    { arbitrary: junk, weight: 3 },
  )

const MISSING = Symbol('missing')
interface Field {
  /** Values that are right for the field on their own. */
  readonly ok: fc.Arbitrary<unknown>
  /** Values that are wrong for it whatever the other fields say; none: the field is never the wrong one. */
  readonly bad?: fc.Arbitrary<unknown>
  readonly optional?: boolean
}

/**
 * An object with at least one wrong field (or a required one missing): the others are right, wrong or
 * absent, and some objects carry extra keys, `__proto__` among them. A request built like this is wrong
 * whatever else it says.
 */
const oneWrong = (fields: Record<string, Field>) => {
  const keys = Object.keys(fields)
  const candidates = keys.filter((key) => fields[key]?.bad !== undefined)
  return fc
    .tuple(
      fc.constantFrom(...candidates),
      fc.array(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'extra', 'toString', 'then'), junk), {
        maxLength: 2,
      }),
    )
    .chain(([wrong, extras]) => {
      const parts = Object.fromEntries(
        keys.map((key) => {
          const field = fields[key] as Field
          const bad = field.bad ?? field.ok
          const value =
            key === wrong
              ? field.optional
                ? bad
                : fc.oneof({ arbitrary: bad, weight: 4 }, { arbitrary: fc.constant(MISSING), weight: 1 })
              : fc.oneof(
                  { arbitrary: field.ok, weight: 4 },
                  { arbitrary: bad, weight: 1 },
                  ...(field.optional ? [{ arbitrary: fc.constant<unknown>(MISSING), weight: 2 }] : []),
                )
          return [key, value]
        }),
      )
      return fc.record(parts).map((values) => {
        const target: Record<string, unknown> = {}
        for (const [key, value] of Object.entries(values)) if (value !== MISSING) withKey(target, key, value)
        for (const [key, value] of extras) withKey(target, key, value)
        return target
      })
    })
}
/** A request argument: mostly objects with a wrong field, sometimes not an object at all. */
const requestOf = (fields: Record<string, Field>) =>
  fc.oneof({ arbitrary: oneWrong(fields), weight: 4 }, { arbitrary: junk, weight: 1 })

const args = (...parts: ReadonlyArray<fc.Arbitrary<unknown>>) =>
  fc.tuple(...parts) as fc.Arbitrary<ReadonlyArray<unknown>>
/** A call audio line that works: the caller hangs up at once. */
const aLine = {
  listen: Effect.succeed({ _tag: 'Ended' as const }),
  play: () => Effect.void,
  clear: Effect.void,
}
/** A stream ticket in the right shape for call CA1, signed with a secret the dialler does not have. */
const forgedTicket = `${btoa(
  JSON.stringify({
    callId: 'call-1',
    providerCallId: 'CA1',
    agentId: 'claims-ai',
    campaignId: null,
    direction: 'outbound',
    context: '',
    expiresAt: 8.64e15,
  }),
).replace(/=+$/, '')}.${'A'.repeat(43)}`
/** A request for an AI agent to take a call, with a field wrong (or an agent that does not exist). */
const takeCallRequest = requestOf({
  callId: { ok: fc.constant('call-1'), bad: fc.oneof(fc.constantFrom('', ' ', huge), nonString) },
  providerCallId: { ok: fc.constant('CA1'), bad: fc.oneof(fc.constantFrom('', ' '), nonString) },
  agentId: {
    ok: fc.constantFrom('claims-ai', 'nobody'),
    bad: fc.oneof(fc.constantFrom('', 'Claims AI'), nonString),
  },
  campaignId: {
    ok: fc.constant(null),
    bad: fc.oneof(fc.constantFrom('', 'x'.repeat(41)), presentNonString),
    optional: true,
  },
  direction: {
    ok: fc.constantFrom('inbound', 'outbound'),
    bad: fc.oneof(fc.constantFrom('', 'sideways'), nonString),
  },
  context: {
    ok: fc.constant('Refund claim 123.'),
    bad: fc.oneof(fc.constant(huge), presentNonString),
    optional: true,
  },
})

/** For a method that takes nothing: junk where no argument belongs. */
const extraArgs = fc.array(junk, { minLength: 1, maxLength: 3 }) as fc.Arbitrary<ReadonlyArray<unknown>>

// ---- the dialler under test ---------------------------------------------------------------------

describe('every createRinglane method refuses wrong input with a tagged error and writes nothing', () => {
  const store = new PGlite()
  const sourceClient = new PGlite()
  const source = connectDiallerStore<ClaimsSource>(sourceClient)
  const simulator = createSimulatorTelephony({
    secret: Redacted.make(SECRET),
    publicBaseUrl: BASE_URL,
    speed: 1000,
    deliver: async () => ({ status: 204, body: '' }),
  })
  const sms = createSimulatorMessaging({ secret: Redacted.make(SECRET), publicBaseUrl: BASE_URL })
  const transcriber = createSimulatorTranscription({
    calls: simulator,
    secret: Redacted.make(SECRET),
    publicBaseUrl: BASE_URL,
  })
  let directory: string
  let ringlane: Ringlane
  const real = {
    ann: '',
    bob: '',
    cat: '',
    entry: '',
    waitingEntry: '',
    session: '',
    conversation: '',
    optedOutConversation: '',
    message: '',
    link: '',
    recording: '',
    failedRecording: '',
    supervisor: '',
    deactivated: '',
  }

  const signed = (path: string, params: Record<string, string>): Core.WebhookRequest => {
    const url = `${BASE_URL}${path}`
    return {
      url,
      method: 'POST',
      headers: { [SIGNATURE_HEADER]: signWebhook(SECRET, url, params) },
      body: new URLSearchParams(params).toString(),
    }
  }

  const addPerson = async (id: number) => {
    const created = new Date(Date.now() - 30 * 86_400_000)
    await insertPerson(source, id, { created_at: created })
    await insertClaim(source, id, { estimated_value: 1000, created_at: created })
    await insertPendingRequirement(source, id * 100, id, created)
  }

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ringlane-inputs-'))
    await migrateClaimsSource(source as Kysely<unknown>)
    for (const id of [1, 2, 3]) await addPerson(id)
    ringlane = await createRinglane({
      stores: await createPostgresStores({ client: store }),
      source: postgresLeadSource({ client: sourceClient, preset: claimsPreset() }),
      queues: claimsQueues(),
      settings: { allowFictionalNumbers: true, callingWindow: null, callPurpose: 'service' },
      telephony: simulator.telephony,
      sms: {
        provider: sms,
        settings: {
          allowFictionalNumbers: true,
          companyPhone: '020 7946 0000',
          templates: { reminder: 'Hi {{firstName}}, call us on {{companyPhone}}' },
        },
      },
      magicLinks: { settings: { baseUrl: 'https://portal.example.com', linkTypes: claimsLinkTypes } },
      recordings: {
        storage: localRecordingStorage({
          directory,
          baseUrl: '/recordings/media',
          secret: Redacted.make('r'.repeat(32)),
        }),
        settings: { fetchTries: 1, fetchBackoffMs: 1, fetchMaxBackoffMs: 1 },
      },
      transcription: { provider: transcriber.transcription },
      pricing: createSimulatorPricing(),
      voiceAi: { providers: [simulatorVoiceAgent()], settings: { streamSecret: 's'.repeat(32) } },
      inbound: { voice: simulator.inboundVoice, settings: { queueIds: ['claims-in'] } },
    })

    // The seed: real rows for wrong inputs to hit. Ann is on a call with a lead she holds, Bob is
    // paused, Cat is offline; another lead waits; a conversation, an opted-out number, a link and two
    // recordings (one unavailable, one failed) exist.
    const agent = (name: string) =>
      ringlane.agents.create({ email: `${name}@example.com`, displayName: name, role: 'agent' })
    real.ann = (await agent('ann')).id
    real.bob = (await agent('bob')).id
    real.cat = (await agent('cat')).id
    await ringlane.queues.regenerate()
    await ringlane.agents.changeState(real.ann, 'available')
    const entry = await ringlane.queues.claimNext(real.ann)
    if (!entry) throw new Error('the seed has no lead for Ann')
    real.entry = entry.id
    const start = await ringlane.dialing.startCall(real.ann, entry.id)
    if (start._tag !== 'Started') throw new Error(`the seed call was refused: ${JSON.stringify(start)}`)
    real.session = start.session.id
    await ringlane.agents.changeState(real.bob, 'paused', 'training')
    const waiting = await store.query<{ id: string }>(
      `select id from queue_entries where status = 'waiting' order by id limit 1`,
    )
    real.waitingEntry = waiting.rows[0]?.id ?? ''
    if (!real.waitingEntry) throw new Error('the seed has no waiting lead')

    const inbound = await ringlane.messaging.receive(
      sms.inboundWebhook({ from: '07700 900002', body: 'Hello?' }),
    )
    real.conversation = inbound.conversation.id
    real.message = (
      await ringlane.messaging.reply({ conversationId: real.conversation, agentId: real.ann, body: 'Hi' })
    ).id
    const stop = await ringlane.messaging.receive(sms.inboundWebhook({ from: '07700 900009', body: 'STOP' }))
    real.optedOutConversation = stop.conversation.id
    real.link = (await ringlane.magicLinks.issue({ leadId: '1', linkType: 'claim_portal' })).link.id
    const recording = (providerRecordingId: string, status: 'completed' | 'absent') =>
      ringlane.recordings.process({
        providerCallId: 'CA-seed',
        sessionId: real.session,
        providerRecordingId,
        status,
        mediaUrl: null,
        durationSeconds: 30,
        channels: 2,
        occurredAt: new Date(),
      })
    real.recording = (await recording('RE-absent', 'absent')).recording.id
    real.failedRecording = (await recording('RE-missing', 'completed')).recording.id
    // A campaign Ann works; a supervisor and a deactivated agent, who may not join it.
    real.supervisor = (
      await ringlane.agents.create({ email: 'sue@example.com', displayName: 'sue', role: 'supervisor' })
    ).id
    real.deactivated = (await agent('dan')).id
    await ringlane.agents.update(real.deactivated, { active: false })
    await ringlane.campaigns.create(newCampaignInput(), real.supervisor)
    await ringlane.campaigns.join('renewals', real.ann, real.supervisor)
    // A live-call queue with one call waiting for it (nobody free: Ann is on a call, Bob paused).
    await ringlane.routing.setAgentSkills({ agentId: real.ann, skills: { welsh: 8 }, languages: ['cy'] })
    await ringlane.routing.saveQueue(
      {
        id: 'welsh',
        name: 'Welsh',
        steps: [
          { expression: 'agent.skills has "welsh"', timeoutSeconds: 20 },
          { expression: 'true', timeoutSeconds: null },
        ],
      },
      real.supervisor,
    )
    await ringlane.routing.enqueue({
      callId: 'call-seed',
      providerCallId: 'CA-waiting',
      queueId: 'welsh',
      direction: 'inbound',
      attributes: { language: 'cy' },
    })
    await seedInbound()
    // The jobs once, so a later run finds nothing new to do.
    await ringlane.queues.checkLevels()
    await ringlane.queues.expireStaleClaims()
    await ringlane.queues.trackConversions()
    await ringlane.calls.reconcile()
    await ringlane.calls.callbackReminders()
    await ringlane.magicLinks.trackConversions()
  })
  afterAll(async () => {
    await ringlane?.dispose()
    simulator.dispose()
    await source.destroy()
    await store.close()
    await rm(directory, { recursive: true, force: true })
  })

  // ---- what is written ----------------------------------------------------------------------------

  const tables = async () =>
    (
      await store.query<{ name: string }>(
        `select tablename as name from pg_tables where schemaname = 'public'
         and tablename not like 'ringlane_migrations%' and tablename <> 'test_writes'
         -- A refusal is kept on purpose as a system error for the quality page (decision 0032).
         and tablename <> 'system_errors' order by 1`,
      )
    ).rows.map((r) => r.name)

  /** Rows per table; audit records of refusals (written on purpose) are left out. */
  const rowCounts = async () => {
    const names = await tables()
    const excluded = REFUSAL_AUDIT_ACTIONS.map((a) => `'${a}'`).join(', ')
    const { rows } = await store.query<{ name: string; n: number }>(
      names
        .map((name) =>
          name === 'audit_log'
            ? `select '${name}' as name, count(*)::int as n from ${name} where action not in (${excluded})`
            : `select '${name}' as name, count(*)::int as n from "${name}"`,
        )
        .join(' union all '),
    )
    return Object.fromEntries(rows.map((r) => [r.name, r.n]))
  }

  /**
   * Counts alone miss an update, so every insert, update and delete is also logged by a trigger, in the
   * writing transaction (a rolled-back write leaves nothing). One cheap read after each call says
   * whether that call wrote, and where.
   */
  const watchWrites = async () => {
    await store.exec(`
      create table test_writes (id serial primary key, name text not null, op text not null, detail text);
      create function test_log_write() returns trigger language plpgsql as $$
      begin
        -- An update that changes nothing (an upsert finding the row as it wants it) writes nothing.
        if TG_OP = 'UPDATE' then
          if NEW is not distinct from OLD then
            return null;
          end if;
        end if;
        if TG_TABLE_NAME = 'audit_log' and TG_OP = 'INSERT' then
          if NEW.action in (${REFUSAL_AUDIT_ACTIONS.map((a) => `'${a}'`).join(', ')}) then
            return null;
          end if;
        end if;
        insert into test_writes (name, op, detail)
        values (TG_TABLE_NAME, TG_OP, left(coalesce(row_to_json(NEW)::text, row_to_json(OLD)::text), 300));
        return null;
      end $$;`)
    for (const name of await tables()) {
      await store.exec(
        `create trigger test_log_write after insert or update or delete on "${name}"
         for each row execute function test_log_write()`,
      )
    }
  }
  const writesSince = async (id: number) =>
    (
      await store.query<{ id: number; name: string; op: string; detail: string }>(
        'select id, name, op, detail from test_writes where id > $1 order by id',
        [id],
      )
    ).rows
  const lastWrite = async () =>
    (await store.query<{ id: number | null }>('select max(id) as id from test_writes')).rows[0]?.id ?? 0

  // ---- one call -----------------------------------------------------------------------------------

  type Outcome = { readonly settled: 'resolved' } | { readonly settled: 'rejected'; readonly error: unknown }
  const call = async (method: (...a: ReadonlyArray<unknown>) => unknown, input: ReadonlyArray<unknown>) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const hang = new Promise<'hang'>((resolve) => {
      timer = setTimeout(() => resolve('hang'), TIMEOUT_MS)
    })
    const run = (async () => method(...input))().then(
      async (value): Promise<Outcome> => {
        // A subscription made by a wrong call is stopped again, so it cannot outlive its test.
        if (typeof value === 'function') await (value as () => unknown)()
        return { settled: 'resolved' }
      },
      (error: unknown): Outcome => ({ settled: 'rejected', error }),
    )
    try {
      return await Promise.race([run, hang])
    } finally {
      clearTimeout(timer)
    }
  }
  const describeError = (error: unknown) => {
    if (typeof error !== 'object' || error === null) return `${typeof error} ${String(error)}`
    const e = error as { _tag?: unknown; name?: unknown; message?: unknown; constructor?: { name?: string } }
    return `${e.constructor?.name ?? 'object'} _tag=${String(e._tag)} name=${String(e.name)}: ${String(e.message).slice(0, 300)}`
  }
  /** Why a rejection is not one of the SDK's tagged errors, or undefined when it is. */
  const untyped = (error: unknown) => {
    if (typeof error !== 'object' || error === null) return 'not an object'
    const tag = (error as { _tag?: unknown })._tag
    if (typeof tag !== 'string') return 'no _tag'
    const known = knownErrors.get(tag)
    if (!known) return `_tag ${tag} is not one of the SDK's errors`
    if (!(error instanceof known)) return `not an instance of ${tag}`
    if (typeof (error as { message?: unknown }).message !== 'string') return 'no message'
    return undefined
  }
  /** The input for a message, with huge strings cut short. */
  const show = (input: ReadonlyArray<unknown>) => {
    const cut = (value: unknown, depth: number): unknown => {
      if (typeof value === 'string')
        return value.length > 2000 ? `${value.slice(0, 40)}… (${value.length} chars)` : value
      if (depth > 3 || typeof value !== 'object' || value === null) return value
      if (Array.isArray(value)) return value.map((v) => cut(v, depth + 1))
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)
        return value
      const copy: Record<string, unknown> = {}
      for (const [key, v] of Object.entries(value)) withKey(copy, key, cut(v, depth + 1))
      return copy
    }
    return fc.stringify(input.map((v) => cut(v, 0)))
  }

  // ---- inbound: a box and a published flow on a line, seeded before the counts are taken ---------------

  const LINE_DEFINITION = {
    start: 'menu',
    steps: [
      {
        _tag: 'menu',
        id: 'menu',
        prompt: { say: 'Press 1' },
        choices: [{ digit: '1', words: ['claim'], next: 'queue' }],
        timeoutSeconds: 5,
        attempts: 2,
        noInput: 'box',
        noMatch: 'box',
      },
      { _tag: 'queue', id: 'queue', queueId: 'claims-in', hold: null },
      { _tag: 'voicemail', id: 'box', boxId: 'claims-box' },
    ],
  }
  const seedInbound = async () => {
    await ringlane.inbound.saveBox({
      id: 'claims-box',
      name: 'Claims',
      owner: { _tag: 'queue', queueId: 'claims-in' },
      greeting: { say: 'Leave a message.' },
      maxLengthSeconds: 60,
      retentionDays: 30,
    })
    await ringlane.inbound.saveFlow({
      id: 'line',
      name: 'Line',
      numbers: ['+447700900001'],
      definition: LINE_DEFINITION,
    })
    await ringlane.inbound.publishFlow('line')
  }

  // ---- the generators, one per method -------------------------------------------------------------

  /**
   * Wrong input for every method. Each is built so the call is wrong whatever else it says (a valid
   * call may legitimately write); a method missing from here fails the test.
   */
  const generators = (): Record<
    string,
    | {
        readonly input: fc.Arbitrary<ReadonlyArray<unknown>>
        readonly runs: number
        /** A job that writes whatever it is given (it takes nothing). */
        readonly writesAnyway?: true
        /** Every input here asks the method to act wrongly: each must be refused, none ignored. */
        readonly refused?: true
      }
    | { readonly skip: string }
  > => {
    const agents = [real.ann, real.bob, real.cat]
    const dispositions = ringlane.settings.dispositions.map((d) => d.code)
    const future = new Date(Date.now() + 86_400_000).toISOString()
    const agent = idOr(agents)
    const slaOptions = fc.record({
      from: fc.constant('2026-11-01'),
      to: fc.constant('2026-11-02'),
      timeZone: fc.constant('Europe/London'),
      intervalMinutes: fc.oneof(fc.constantFrom(0, 45, -15, 30.5), wrongNumber, junk),
      serviceLevelSeconds: fc.oneof(fc.constantFrom(0, -1, 3601, 1.5), wrongNumber),
      queueId: fc.oneof(nonString, fc.string({ minLength: 101, maxLength: 120 })),
    })
    const metricsRange = fc.oneof(
      fc.record(
        {
          from: fc.oneof(
            fc.constantFrom('2026-02-30', '2026-11-01T00:00', '1/11/2026', ''),
            weirdString,
            nonString,
          ),
          to: fc.oneof(fc.constantFrom('2025-01-01', '2028-01-01', '2026-13-40'), weirdString, nonString),
          timeZone: fc.oneof(
            fc.constantFrom('+01:00', 'Mars/Olympus', 'europe/london', ''),
            weirdString,
            nonString,
          ),
        },
        { requiredKeys: [] },
      ),
      junk,
    )
    const notAnAgent = fc.oneof(unknownUuid, nonUuid, presentNonString)
    // A list's entries: a list that is not one, wrong numbers, a made-up cursor.
    const entriesQuery = fc.record(
      {
        listId: fc.oneof(fc.constantFrom('', 'bad id'), nonString),
        limit: fc.oneof(wrongNumber, nonString),
        offset: fc.oneof(wrongNumber, nonString),
        cursor: fc.oneof(fc.constantFrom('', 'WzEsMCwiIl0', 'eyJhdCI6MX0'), weirdString, nonString),
      },
      { requiredKeys: [] },
    )
    // The recording search, every field wrong in its own way (searched whole, or a page at a time).
    const recordingSearch = fc.record(
      {
        from: fc.oneof(fc.constantFrom('2026-02-30', '26-01-01', ''), weirdString, nonString),
        to: fc.oneof(fc.constantFrom('2026-13-01', '2025-01-01'), weirdString, nonString),
        number: fc.oneof(weirdString, nonString),
        agentId: notAnAgent,
        disposition: fc.oneof(weirdString, nonString),
        cursor: fc.oneof(fc.constantFrom('', 'WzEsMCwiIl0', 'eyJhdCI6MX0'), weirdString, nonString),
      },
      { requiredKeys: [] },
    )
    const anyAgent = fc.oneof(agent, notAnAgent)
    /** Call control by an agent with no call it may act on: whatever follows, refused. */
    const refusedFor = (...rest: ReadonlyArray<fc.Arbitrary<unknown>>) => ({
      input: args(anyAgent, ...rest),
      runs: 150,
      refused: true as const,
    })
    const entry = idOr([real.entry])
    const lead = idOr(['1', '2', '3', '999999'])
    const conversation = idOr([real.conversation, real.optedOutConversation])
    const notAConversation = fc.oneof(unknownUuid, nonUuid, nonString)
    const optionalJunk = fc.oneof(fc.constant(undefined), junk)
    const limit = fc.oneof(wrongNumber, junk, fc.constant(undefined), fc.constant(5))
    const webhookShape = fc.record({
      url: fc.oneof(fc.constant(`${BASE_URL}/webhooks/x`), badUrl, junk),
      method: fc.oneof(fc.constantFrom('GET', 'POST'), junk),
      headers: fc.oneof(
        fc.constant({}),
        fc.constant({ [SIGNATURE_HEADER]: 'bm90IGEgc2lnbmF0dXJl' }),
        fc.dictionary(weirdString, fc.oneof(weirdString, junk), { maxKeys: 3 }),
        junk,
      ),
      body: fc.oneof(fc.constant('CallSid=CA1&CallStatus=completed'), weirdString, junk),
    })
    /** Signed webhooks with wrong parameters, as a provider with a bug (or a replay) would send. */
    const signedWith = (path: string, fields: Record<string, Field>) =>
      oneWrong(fields).map((params) => {
        const strings = Object.fromEntries(
          Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string'),
        )
        return signed(path, strings)
      })
    // A transcript callback names a transcript; one the dialler does not know is acknowledged unwritten.
    const transcriptCallback = signedWith('/webhooks/simulator/transcript-ready', {
      TranscriptSid: { ok: fc.oneof(fc.constant('GT-unknown'), weirdString), bad: fc.constantFrom('') },
      Status: { ok: fc.constantFrom('completed', ''), optional: true },
    })
    const webhook = (signedOnes: fc.Arbitrary<unknown>) =>
      args(
        fc.oneof(
          { arbitrary: webhookShape, weight: 2 },
          { arbitrary: signedOnes, weight: 3 },
          { arbitrary: junk, weight: 1 },
        ),
      )
    const callStatus = signedWith('/webhooks/simulator/call-status', {
      CallSid: { ok: fc.constantFrom('CA-unknown', 'CA-seed'), bad: fc.constantFrom('', ' ', '\u0000') },
      // The real session only with another field wrong; alone, an unknown call is acknowledged unwritten.
      ringlaneSession: {
        ok: fc.oneof(fc.constant(real.session), unknownUuid, weirdString),
        bad: fc.oneof(unknownUuid, weirdString),
      },
      // Absent is right too: the asynchronous machine-detection callback says who answered, no status.
      CallStatus: {
        ok: fc.constantFrom('ringing', 'completed', 'in-progress'),
        bad: weirdString,
        optional: true,
      },
      // Absent is right for the machine-detection callback (who answered, no status, no time).
      Timestamp: {
        optional: true,
        ok: fc.constant(new Date().toISOString()),
        bad: fc.constantFrom(
          '',
          'yesterday',
          'NaN',
          '99999-99-99',
          '+010000-01-01T00:00:00Z',
          '-000001-01-01T00:00:00Z',
        ),
      },
      AnsweredBy: { ok: fc.constantFrom('human', 'machine'), bad: weirdString, optional: true },
      // Empty is absent, as Twilio sends it.
      CallDuration: {
        ok: fc.constantFrom('0', '30', ''),
        bad: fc.constantFrom('-1', '1.5', 'NaN', 'Infinity', 'x', '1e400', '1000000'),
        optional: true,
      },
    })
    const recordingStatus = signedWith('/webhooks/simulator/recording-status', {
      CallSid: { ok: fc.constant('CA-seed'), bad: fc.constantFrom('', ' ') },
      ringlaneSession: { ok: fc.oneof(fc.constant(real.session), unknownUuid, weirdString), optional: true },
      RecordingSid: { ok: fc.uuid().map((u) => `RE${u}`), bad: fc.constantFrom('', ' ', '\t') },
      RecordingStatus: { ok: fc.constantFrom('completed', 'failed', 'absent'), bad: weirdString },
      RecordingUrl: { ok: fc.constantFrom('https://media.example.com/r.wav', ''), optional: true },
      RecordingDuration: {
        ok: fc.constantFrom('0', '30', ''),
        bad: fc.constantFrom('-1', '1.5', 'NaN', 'Infinity', 'x', '1000000'),
        optional: true,
      },
      RecordingChannels: {
        ok: fc.constantFrom('1', '2', ''),
        bad: fc.constantFrom('-1', '0', '3', '1.5', 'NaN', 'x'),
        optional: true,
      },
    })
    const inboundSms = signedWith('/webhooks/sms/inbound', {
      MessageSid: { ok: fc.uuid().map((u) => `SM${u}`), bad: fc.constantFrom('', ' ') },
      From: { ok: badPhone, bad: badPhone },
      To: { ok: fc.oneof(fc.constant('+441632960001'), weirdString), optional: true },
      Body: { ok: fc.string(), bad: fc.constant(huge), optional: true },
    })
    const smsStatus = signedWith('/webhooks/sms/status', {
      MessageSid: { ok: fc.uuid().map((u) => `SM${u}`), bad: fc.constantFrom('', ' ') },
      MessageStatus: { ok: fc.constantFrom('delivered', 'failed'), bad: weirdString },
      message: { ok: fc.oneof(fc.constant(real.message), unknownUuid, nonUuid), optional: true },
      ErrorCode: { ok: fc.oneof(fc.constant('30003'), weirdString), optional: true },
    })
    const linkFields = {
      leadId: {
        ok: fc.constantFrom('1', '2'),
        bad: fc.oneof(fc.constantFrom('', 'a b', '../1', huge, `1\u0000`), nonString),
      },
      linkType: {
        ok: fc.constant('claim_portal'),
        bad: fc.oneof(fc.constantFrom('nope', '', 'CLAIM_PORTAL'), nonString),
      },
      issuedBy: { ok: fc.constant(real.ann), bad: notAnAgent, optional: true },
      callSessionId: {
        ok: fc.constant('session-1'),
        bad: fc.oneof(fc.constant('s'.repeat(65)), presentNonString),
        optional: true,
      },
      expiresInMinutes: {
        ok: fc.constant(60),
        bad: fc.oneof(wrongNumber, fc.constant(10 ** 9)),
        optional: true,
      },
      singleUse: {
        ok: fc.boolean(),
        bad: fc.oneof(
          fc.constantFrom('yes', 1, 0),
          junk.filter((v) => typeof v !== 'boolean' && v !== undefined),
        ),
        optional: true,
      },
    } satisfies Record<string, Field>
    const urlRequest = requestOf({
      recordingId: {
        ok: fc.oneof(fc.constant(real.recording), unknownUuid),
        bad: fc.oneof(nonUuid, nonString),
      },
      actor: {
        ok: fc.constantFrom('system', real.ann),
        bad: fc.oneof(fc.constantFrom('', ' ', 'a'.repeat(201)), nonString),
      },
      purpose: { ok: fc.constantFrom('playback', 'download'), bad: fc.oneof(weirdString, nonString) },
      expiresInSeconds: { ok: fc.constant(60), bad: wrongNumber, optional: true },
    })

    // Each field of a campaign: values right on their own (together inside uk-ofcom's and us-tcpa's
    // bounds), and values wrong whatever the others say (over the 3% cap, under the 15 s ring...).
    const campaignFields = {
      name: { ok: fc.constant('Spring'), bad: fc.oneof(fc.constantFrom('', ' ', 'n'.repeat(81)), nonString) },
      queues: {
        ok: fc.constantFrom(['unsigned'], ['outstanding', 'callbacks']),
        bad: fc.oneof(
          fc.constantFrom<unknown>([], ['nope'], ['unsigned', 'unsigned'], 'unsigned', [1], ['Unsigned']),
          presentNonString,
        ),
      },
      dialMode: {
        ok: fc.constantFrom('preview', 'progressive', 'predictive'),
        bad: fc.oneof(fc.constantFrom('Preview', 'auto', ''), presentNonString),
      },
      abandonTargetPercent: {
        ok: fc.constantFrom(0, 2.5, 3),
        bad: fc.constantFrom<unknown>(3.01, 3.5, 100, -1, Number.NaN, Number.POSITIVE_INFINITY, '2', null),
      },
      abandonWindowHours: {
        ok: fc.constantFrom(24, 12, 8),
        bad: fc.constantFrom<unknown>(7, 0, 25, 1.5, '24', 745, -24, null),
      },
      maxLinesPerAgent: {
        ok: fc.constantFrom(1, 2.5, 3),
        bad: fc.constantFrom<unknown>(0, 0.5, 3.5, 4, 5, 6, Number.NaN, '1', null),
      },
      minAgentsForPredictive: { ok: fc.constant(5), bad: fc.constantFrom<unknown>(0, 1.5, 1001, '5', null) },
      callerId: {
        ok: fc.constant('+441632960001'),
        bad: fc.oneof(
          fc.constantFrom('', '07700900123', '+0123', 'abc', '+44 1632 960001'),
          presentNonString,
        ),
      },
      ringTimeoutSeconds: {
        ok: fc.constantFrom(15, 20, 120),
        bad: fc.constantFrom<unknown>(10, 14, 14.9, 121, 0, -1, '20', Number.NaN, null),
      },
      answeringMachine: {
        ok: fc.constantFrom('hang-up', 'hand-to-agent'),
        bad: fc.oneof(fc.constantFrom('hangup', 'Hang-up', ''), presentNonString),
      },
      abandonMessage: {
        ok: fc.constantFrom({ say: 'Sorry we missed you.' }, { play: 'https://media.example.com/a.wav' }),
        bad: fc.oneof(
          fc.constantFrom<unknown>(
            { say: '' },
            { say: ' ' },
            { say: 'x'.repeat(1001) },
            { play: 'http://media.example.com/a.wav' },
            {},
            'Sorry',
          ),
          presentNonString,
        ),
      },
      machineMessage: {
        ok: fc.constant({ say: 'Please call us back.' }),
        bad: fc.constantFrom<unknown>({ say: '' }, { play: 'ftp://x' }, 'Call back', 1, []),
        optional: true,
      },
      complianceProfiles: {
        ok: fc.constantFrom(['uk-ofcom'], ['us-tcpa', 'us-reg-f']),
        bad: fc.oneof(
          fc.constantFrom<unknown>([], ['mars'], ['us-reg-f'], 'uk-ofcom', ['uk-ofcom', 'uk-ofcom'], [1]),
          presentNonString,
        ),
      },
      wrapUpSeconds: { ok: fc.constantFrom(null, 30), bad: fc.constantFrom<unknown>(-1, 3601, 1.5, '30') },
      // No AI agent exists: a well-formed id is refused as unknown.
      voiceAgentId: {
        ok: fc.constant(null),
        bad: fc.oneof(fc.constantFrom('nobody', 'Claims AI', ''), presentNonString),
        optional: true,
      },
    } satisfies Record<string, Field>
    const actor = fc.oneof(fc.constant(undefined), fc.constant(real.supervisor), junk)
    /** Present, and not an active agent's id. */
    const badActor = fc.oneof(unknownUuid, nonUuid, presentNonString, fc.constant(real.deactivated))
    const notACampaign = fc.oneof(
      fc.constantFrom('nope', 'Renewals', ' renewals', 'renewals\u0000', ''),
      weirdString,
      nonString,
    )
    const campaign = idOr(['renewals'])
    const editable = Object.fromEntries(
      Object.entries(campaignFields).map(([key, field]) => [key, { ...field, optional: true }]),
    ) as Record<string, Field>

    const inboundGenerators = () => {
      const notAFlow = fc.oneof(
        weirdString.filter((id) => id !== 'line'),
        nonString,
      )
      const notAMessage = fc.oneof(unknownUuid, nonUuid, nonString)
      const badDefinitions = fc.constantFrom<unknown>(
        // A step that leads nowhere; a loop without an exit; an unknown queue and box; not a flow.
        { start: 'a', steps: [{ _tag: 'say', id: 'a', text: 'hi', next: 'nowhere' }] },
        {
          start: 'a',
          steps: [
            { _tag: 'say', id: 'a', text: 'hi', next: 'b' },
            { _tag: 'say', id: 'b', text: 'again', next: 'a' },
          ],
        },
        { start: 'q', steps: [{ _tag: 'queue', id: 'q', queueId: 'sales', hold: null }] },
        { start: 'v', steps: [{ _tag: 'voicemail', id: 'v', boxId: 'nobody' }] },
        { start: 'x', steps: [] },
        { start: 'x', steps: [{ _tag: 'hang-up', id: 'X Y' }] },
      )
      const box = {
        id: {
          ok: fc.constant('other-box'),
          bad: fc.oneof(fc.constantFrom('', 'Box', 'a b'), presentNonString),
        },
        name: { ok: fc.constant('Other'), bad: fc.oneof(fc.constant(''), presentNonString) },
        owner: {
          ok: fc.constant({ _tag: 'queue', queueId: 'claims-in' }),
          bad: fc.oneof(
            fc.constant({ _tag: 'agent', agentId: 'not-a-uuid' }),
            fc.constant({ _tag: 'team' }),
            junk,
          ),
        },
        greeting: {
          ok: fc.constant({ say: 'Hello' }),
          bad: fc.oneof(
            fc.constant({ play: 'http://insecure.example.com/a.mp3' }),
            fc.constant({ say: '' }),
            junk,
          ),
        },
        maxLengthSeconds: { ok: fc.constant(60), bad: fc.oneof(wrongNumber, fc.constantFrom(0, 4, 601)) },
        retentionDays: { ok: fc.constant(30), bad: fc.oneof(wrongNumber, fc.constantFrom(0, 3651)) },
      }
      return {
        // Signed voice webhooks with something wrong, or for a number no flow answers (nothing written).
        'inbound.answer': {
          input: webhook(
            signedWith('/webhooks/simulator/voice', {
              CallSid: { ok: fc.constant('CA-in'), bad: fc.constantFrom('', ' ') },
              From: {
                ok: fc.constant('+447700900123'),
                bad: fc.constantFrom('anonymous', '', '07700 900123', 'client:x'),
              },
              To: { ok: fc.constant('+447700900999'), bad: fc.constantFrom('', '+0', 'line') },
            }),
          ),
          runs: 300,
        },
        // An agent's browser leg asking to be their inbound line: refused (400) or their conference.
        'inbound.line': {
          input: webhook(
            signedWith('/webhooks/simulator/voice', {
              CallSid: { ok: fc.constant('CA-line'), bad: fc.constantFrom('', ' ') },
              From: {
                ok: fc.constant(`client:${real.ann}`),
                bad: fc.oneof(fc.constantFrom('client:', 'client:nobody', '+447700900123'), weirdString),
              },
              ringlaneInbound: { ok: fc.constant('1'), bad: fc.constantFrom('0', '', 'yes'), optional: true },
            }),
          ),
          runs: 200,
        },
        'inbound.desk': { input: args(agent), runs: 200 },
        'inbound.continue': {
          input: webhook(
            signedWith('/webhooks/simulator/ivr', {
              ringlaneSession: { ok: unknownUuid, bad: fc.oneof(weirdString, fc.constant('')) },
              step: { ok: fc.constant('menu'), bad: fc.constantFrom('', 'nope') },
              attempt: { ok: fc.constant('1'), bad: fc.constantFrom('0', '9', 'x', '1.5'), optional: true },
              Digits: { ok: fc.constantFrom('1', '9', ''), optional: true },
            }),
          ),
          runs: 300,
          refused: true as const,
        },
        'inbound.saveFlow': {
          input: args(
            requestOf({
              id: {
                ok: fc.constant('line-two'),
                bad: fc.oneof(fc.constantFrom('', 'Line', 'a b', 'a'.repeat(41)), presentNonString),
              },
              name: { ok: fc.constant('Line two'), bad: fc.oneof(fc.constant(''), presentNonString) },
              // The line's own number is another flow's: refused too.
              numbers: {
                ok: fc.constant(['+447700900002']),
                bad: fc.oneof(
                  fc.constantFrom(['07700'], ['+447700900001'], 'x'),
                  nonString.filter((v) => !Array.isArray(v)),
                ),
              },
              definition: { ok: fc.constant(LINE_DEFINITION), bad: fc.oneof(badDefinitions, junk) },
            }),
          ),
          runs: 400,
          refused: true as const,
        },
        'inbound.publishFlow': {
          input: args(notAFlow, fc.oneof(fc.constant(undefined), junk)),
          runs: 200,
          refused: true as const,
        },
        'inbound.flow': { input: args(idOr(['line', 'nope'])), runs: 200 },
        'inbound.flows': { input: extraArgs, runs: 50 },
        'inbound.testFlow': {
          input: fc.oneof(
            args(notAFlow, fc.constant({ inputs: [], at: new Date() })),
            args(
              fc.constant('line'),
              requestOf({
                inputs: {
                  ok: fc.constant([{ digits: '1' }, null]),
                  bad: fc.oneof(
                    fc.constantFrom([{ digits: 'x' }], [1], 'a', [{ speech: 'x'.repeat(501) }]),
                    // No inputs at all is a right request (the caller says nothing), not a wrong one.
                    nonString.filter((v) => !Array.isArray(v)),
                  ),
                },
                at: { ok: fc.constant(new Date()), bad: nonDate },
                version: {
                  ok: fc.constant(1),
                  bad: fc.oneof(fc.constantFrom(0, -1, 1.5, 99), presentNonString),
                  optional: true,
                },
              }),
            ),
          ),
          runs: 300,
          refused: true as const,
        },
        'inbound.call': { input: args(fc.oneof(unknownUuid, weirdString, nonString)), runs: 200 },
        'inbound.saveBox': { input: args(requestOf(box)), runs: 300, refused: true as const },
        'inbound.boxes': { input: extraArgs, runs: 50 },
        'inbound.voicemails': {
          input: args(
            requestOf({
              boxId: {
                ok: fc.constant('claims-box'),
                bad: fc.oneof(fc.constantFrom('', 'A B'), presentNonString),
              },
              unheard: {
                ok: fc.constant(true),
                bad: fc.oneof(fc.constantFrom('yes', 1), fc.constant(null)),
                optional: true,
              },
              limit: {
                ok: fc.constant(5),
                bad: fc.oneof(wrongNumber, fc.constantFrom(0, 501)),
                optional: true,
              },
            }),
          ),
          runs: 300,
        },
        'inbound.voicemail': { input: args(notAMessage), runs: 200 },
        'inbound.inbox': {
          input: args(
            agent,
            fc.oneof(
              fc.constant(undefined),
              junk,
              fc.record({ boxId: fc.oneof(fc.constantFrom('claims-box', 'nope', 'Bad Box'), junk) }),
              fc.record({
                limit: fc.oneof(wrongNumber, fc.constant(5)),
                unheard: fc.oneof(fc.boolean(), junk),
              }),
            ),
          ),
          runs: 200,
        },
        'inbound.markHeard': { input: args(agent, notAMessage), runs: 200, refused: true as const },
        'inbound.callback': {
          input: args(agent, notAMessage, optionalJunk),
          runs: 200,
          refused: true as const,
        },
        // Nothing is old enough: the job deletes nothing.
        'inbound.applyRetention': { input: extraArgs, runs: 20 },
      }
    }

    const routingGenerators = () => {
      const notANumber = wrongNumber.filter((v) => v !== null)
      const queueFields: Record<string, Field> = {
        id: {
          ok: fc.constantFrom('spring', 'welsh'),
          bad: fc.oneof(fc.constantFrom('', 'Welsh', '1abc', 'a'.repeat(41), 'a b'), presentNonString),
        },
        name: {
          ok: fc.constant('Spring'),
          bad: fc.oneof(fc.constantFrom('', ' ', 'n'.repeat(101)), nonString),
        },
        maxSize: {
          ok: fc.constantFrom(null, 5),
          bad: fc.oneof(notANumber, fc.constant(10_001)),
          optional: true,
        },
        maxWaitSeconds: {
          ok: fc.constant(null),
          bad: fc.oneof(notANumber, fc.constant(86_401)),
          optional: true,
        },
        overflow: {
          ok: fc.constantFrom(null, { kind: 'hang-up' }, { kind: 'voicemail', boxId: 'box' }),
          bad: fc.oneof(
            fc.constantFrom<unknown>(
              { kind: 'queue', queueId: 'nope' },
              { kind: 'voicemail' },
              { kind: 'voicemail', boxId: ' ' },
              { kind: 'elsewhere' },
              'hang-up',
              [],
            ),
            // null is right: no overflow.
            presentNonString.filter((v) => v !== null),
          ),
          optional: true,
        },
        requiredSkills: {
          ok: fc.constantFrom([], ['welsh']),
          bad: fc.constantFrom<unknown>(['Welsh'], ['a b'], 'welsh', [1], ['']),
          optional: true,
        },
        requiredLanguages: {
          ok: fc.constantFrom([], ['cy']),
          bad: fc.constantFrom<unknown>(['CY'], 'cy', [null]),
          optional: true,
        },
        agentIds: {
          ok: fc.constantFrom([], [real.bob]),
          bad: fc.oneof(
            fc.constantFrom<unknown>([real.deactivated], [real.supervisor.slice(1)], 'x', [1]),
            unknownUuid.map((id) => [id]),
          ),
          optional: true,
        },
        strategy: {
          ok: fc.constantFrom('longest-idle', 'round-robin'),
          bad: fc.oneof(fc.constantFrom('ringall', 'leastrecent', ''), presentNonString),
          optional: true,
        },
        reservationTimeoutSeconds: {
          ok: fc.constant(15),
          bad: fc.oneof(notANumber, fc.constant(301)),
          optional: true,
        },
        steps: {
          ok: fc.constantFrom([], [{ expression: 'true', timeoutSeconds: null }]),
          bad: fc.constantFrom<unknown>(
            [{ expression: 'agent.skills has', timeoutSeconds: 10 }],
            [{ expression: 'agent.skils has "welsh"', timeoutSeconds: 10 }],
            [{ expression: 'call.language = "cy"', timeoutSeconds: 10 }],
            [{ expression: '', timeoutSeconds: 10 }],
            [{ expression: 'true', timeoutSeconds: 0 }],
            [
              { expression: 'true', timeoutSeconds: null },
              { expression: 'true', timeoutSeconds: 5 },
            ],
            [{ expression: 'true' }],
            'true',
          ),
          optional: true,
        },
      }
      const requestFields: Record<string, Field> = {
        callId: {
          ok: fc.constant('call-new'),
          bad: fc.oneof(fc.constantFrom('', ' ', 'c'.repeat(101)), presentNonString),
        },
        providerCallId: {
          ok: fc.constant('CA-new'),
          bad: fc.oneof(fc.constantFrom('', 'c'.repeat(101)), presentNonString),
        },
        queueId: {
          ok: fc.constant('welsh'),
          bad: fc.oneof(fc.constantFrom('nope', 'Welsh', ''), presentNonString),
        },
        direction: {
          ok: fc.constantFrom('inbound', 'outbound'),
          bad: fc.oneof(fc.constantFrom('sideways', ''), presentNonString),
        },
        attributes: {
          ok: fc.constantFrom({}, { language: 'cy', vip: true, score: 3 }),
          bad: fc.constantFrom<unknown>({ language: null }, { 'bad key': 1 }, { language: {} }, [], 'cy', {
            n: 10n,
          }),
        },
        preferredAgentId: {
          ok: fc.constant(real.bob),
          bad: fc.oneof(nonUuid, presentNonString),
          optional: true,
        },
        priority: {
          ok: fc.constant(3),
          // 0 is a priority (the lowest).
          bad: fc.oneof(
            notANumber.filter((v) => v !== 0),
            fc.constant(101),
          ),
          optional: true,
        },
      }
      const validRequest = {
        callId: 'call-new',
        providerCallId: 'CA-new',
        queueId: 'welsh',
        direction: 'inbound',
        attributes: { language: 'cy' },
      }
      const notARealCall = fc.oneof(
        weirdString.filter((id) => id.trim() !== 'call-seed'),
        nonString,
      )
      return {
        'routing.queues': { input: extraArgs, runs: 50 },
        'routing.queue': { input: args(idOr(['welsh', 'nope'])), runs: 200 },
        'routing.saveQueue': {
          input: args(
            fc.oneof(
              { weight: 6, arbitrary: requestOf(queueFields) },
              // A max wait (or size) with nowhere to overflow to; a queue overflowing into itself.
              {
                weight: 1,
                arbitrary: fc.constantFrom(
                  { id: 'spring', name: 'Spring', maxWaitSeconds: 60 },
                  { id: 'spring', name: 'Spring', maxSize: 3, overflow: null },
                  { id: 'welsh', name: 'Welsh', overflow: { kind: 'queue', queueId: 'welsh' } },
                ),
              },
            ),
            actor,
          ),
          runs: 500,
          refused: true as const,
        },
        'routing.deleteQueue': {
          input: fc.oneof(
            args(fc.oneof(notACampaign, fc.constant('nope')), actor),
            args(fc.constant('welsh'), badActor),
          ),
          runs: 200,
          refused: true as const,
        },
        'routing.setAgentSkills': {
          input: args(
            requestOf({
              agentId: { ok: fc.constant(real.bob), bad: fc.oneof(unknownUuid, nonUuid, presentNonString) },
              skills: {
                ok: fc.constantFrom({}, { welsh: 5 }),
                bad: fc.constantFrom<unknown>(
                  { Welsh: 5 },
                  { welsh: 0 },
                  { welsh: 11 },
                  { welsh: 2.5 },
                  { welsh: '5' },
                  [],
                  'welsh',
                ),
              },
              languages: {
                ok: fc.constantFrom([], ['cy']),
                bad: fc.constantFrom<unknown>(['CY'], 'cy', [1], null),
              },
            }),
            actor,
          ),
          runs: 300,
          refused: true as const,
        },
        'routing.agentSkills': { input: extraArgs, runs: 50 },
        'routing.enqueue': {
          input: args(
            fc.oneof(
              { weight: 6, arbitrary: requestOf(requestFields) },
              // The call already waits in a queue.
              { weight: 1, arbitrary: fc.constant({ ...validRequest, callId: 'call-seed' }) },
            ),
          ),
          runs: 400,
          refused: true as const,
        },
        'routing.callerHungUp': { input: args(notARealCall), runs: 200 },
        'routing.callEnded': { input: args(notARealCall), runs: 200 },
        'routing.whoWouldGet': {
          input: args(
            fc.oneof(requestOf(requestFields), fc.constant(validRequest)),
            fc.oneof(
              fc.constant(undefined),
              junk,
              fc.record(
                { at: fc.oneof(badDate, nonDate), waitedSeconds: fc.oneof(wrongNumber, fc.constant(86_401)) },
                { requiredKeys: [] },
              ),
            ),
          ),
          runs: 300,
        },
        'routing.contacts': {
          input: args(
            fc.oneof(
              fc.record(
                {
                  queueId: fc.oneof(fc.constant('welsh'), weirdString, presentNonString),
                  since: fc.oneof(fc.constant(new Date(0)), badDate, nonDate),
                  until: fc.oneof(fc.constant(new Date(0)), fc.constant(new Date()), badDate, nonDate),
                },
                { requiredKeys: [] },
              ),
              junk,
            ),
          ),
          runs: 300,
        },
        // Nobody is free for the waiting call and nothing is due: a round changes nothing.
        'routing.round': { input: extraArgs, runs: 20 },
      }
    }

    return {
      'campaigns.create': {
        input: args(
          fc.oneof(
            {
              weight: 6,
              arbitrary: requestOf({
                id: {
                  ok: fc.constantFrom('spring', 'renewals'),
                  bad: fc.oneof(
                    fc.constantFrom('', 'Spring', '1abc', 'a'.repeat(41), 'a b'),
                    presentNonString,
                  ),
                },
                ...campaignFields,
                status: {
                  ok: fc.constantFrom('active', 'paused'),
                  bad: fc.oneof(fc.constantFrom('stopped', ''), presentNonString),
                  optional: true,
                },
              }),
            },
            // The id is taken.
            {
              weight: 1,
              arbitrary: fc.constant({
                id: 'renewals',
                name: 'Renewals again',
                queues: ['unsigned'],
                dialMode: 'preview',
                abandonTargetPercent: 1,
                abandonWindowHours: 24,
                maxLinesPerAgent: 1,
                minAgentsForPredictive: 5,
                callerId: '+441632960001',
                ringTimeoutSeconds: 20,
                answeringMachine: 'hang-up',
                abandonMessage: { say: 'Sorry we missed you.' },
                complianceProfiles: ['uk-ofcom'],
                wrapUpSeconds: null,
              }),
            },
          ),
          actor,
        ),
        runs: 500,
        refused: true,
      },
      'campaigns.update': {
        input: fc.oneof(
          args(fc.constant('renewals'), requestOf(editable), actor),
          // The id and status are not edited here.
          args(fc.constant('renewals'), fc.constantFrom({ id: 'other' }, { status: 'paused' }), actor),
          args(notACampaign, fc.constant({ name: 'Renamed' }), actor),
          args(fc.constant('renewals'), fc.constant({ name: 'Renamed' }), badActor),
        ),
        runs: 500,
        refused: true,
      },
      'campaigns.get': { input: args(campaign), runs: 200 },
      ...routingGenerators(),
      ...inboundGenerators(),
      'campaigns.list': { input: extraArgs, runs: 50 },
      'campaigns.agents': { input: args(campaign), runs: 200 },
      // Pausing the real campaign is a change; only wrong ids or actors are offered.
      'campaigns.pause': {
        input: fc.oneof(args(notACampaign, actor), args(fc.constant('renewals'), badActor)),
        runs: 300,
        refused: true,
      },
      // The campaign is active: resuming it changes nothing.
      'campaigns.resume': { input: args(campaign, actor), runs: 200 },
      'campaigns.join': {
        input: fc.oneof(
          args(notACampaign, idOr(agents), actor),
          // A supervisor, a deactivated agent, or no agent at all.
          args(
            fc.constant('renewals'),
            fc.oneof(fc.constantFrom(real.supervisor, real.deactivated), notAnAgent),
            actor,
          ),
          args(fc.constant('renewals'), fc.constantFrom(real.bob, real.cat), badActor),
        ),
        runs: 400,
        refused: true,
      },
      // Only people not in it (Ann's leaving would be a change), or wrong ids.
      'campaigns.leave': {
        input: fc.oneof(
          args(
            campaign,
            fc.oneof(fc.constantFrom(real.bob, real.supervisor, real.deactivated), notAnAgent),
            actor,
          ),
          args(notACampaign, fc.constant(real.ann), actor),
          args(fc.constant('renewals'), fc.constant(real.ann), badActor),
        ),
        runs: 300,
      },
      'agents.create': {
        input: args(
          fc.oneof(
            requestOf({
              email: {
                ok: fc.constantFrom('new@example.com', 'ANN@example.com'),
                bad: fc.oneof(
                  fc.constantFrom('', 'no-at', 'a@b', ' a@b.co', 'a b@c.de', '@example.com', huge),
                  nonString,
                ),
              },
              displayName: {
                ok: fc.constant('New'),
                bad: fc.oneof(fc.constantFrom('', ' ', ' padded', 'n'.repeat(101)), nonString),
              },
              role: {
                ok: fc.constantFrom('agent', 'admin'),
                bad: fc.oneof(fc.constantFrom('root', 'Agent', ''), nonString),
              },
              queueIds: {
                ok: fc.constant([]),
                bad: fc.oneof(
                  fc.constant([1]),
                  fc.constant('unsigned'),
                  fc.constant([null]),
                  fc.constant({ 0: 'a' }),
                ),
                optional: true,
              },
            }),
            // A real agent's email, in any case: taken.
            fc.constant({ email: 'Ann@Example.com', displayName: 'Ann again', role: 'agent' }),
          ),
          optionalJunk,
        ),
        runs: 400,
        refused: true,
      },
      'agents.changeState': {
        input: fc.oneof(
          // Someone who is not an active agent, in any state.
          args(
            fc.oneof(unknownUuid, nonUuid, nonString),
            fc.oneof(fc.constantFrom('available', 'paused'), junk),
            fc.oneof(fc.constant('break'), junk),
          ),
          // A real agent, a state that is not one.
          args(
            fc.constantFrom(...agents),
            fc.oneof(fc.constantFrom('busy', 'AVAILABLE', 'on-call', ''), weirdString, nonString),
            optionalJunk,
          ),
          // A real agent, a move not allowed from where they are (Ann is on a call, Cat offline).
          args(
            fc.constant(real.ann),
            fc.constantFrom('available', 'offline', 'paused'),
            fc.constantFrom(undefined, 'lunch'),
          ),
          args(
            fc.constant(real.cat),
            fc.constantFrom('on_call', 'wrap_up'),
            fc.constantFrom(undefined, 'lunch'),
          ),
          // A pause without a (string, non-blank) reason.
          args(
            fc.constantFrom(real.bob, real.cat),
            fc.constant('paused'),
            fc.oneof(fc.constantFrom(undefined, '', ' ', '\t\n'), nonString),
          ),
        ),
        runs: 400,
        refused: true,
      },
      'agents.state': { input: args(agent), runs: 200 },
      'agents.find': { input: args(agent), runs: 200 },
      'agents.list': { input: extraArgs, runs: 50 },
      // An account change that is wrong whoever it is for: no such account, or changes that are not.
      'agents.update': {
        input: fc.oneof(
          args(fc.oneof(unknownUuid, nonUuid, nonString), fc.constant({ active: true })),
          args(
            fc.constantFrom(...agents),
            fc.oneof(
              fc
                .record(
                  {
                    role: fc.oneof(fc.constantFrom('boss', 'Admin', ''), nonString),
                    active: fc.oneof(fc.constantFrom('yes', 'false', 1, 0), weirdString),
                  },
                  { requiredKeys: [] },
                )
                .filter((changes) => Object.keys(changes).length > 0),
              junk,
            ),
          ),
        ),
        runs: 300,
        refused: true,
      },
      'agents.credentials': { input: args(fc.oneof(weirdString, nonString)), runs: 200 },
      // A password for no such account, or a hash that is not one (empty, huge, not a string).
      'agents.setPassword': {
        input: fc.oneof(
          args(fc.oneof(unknownUuid, nonUuid, nonString), fc.constant('scrypt$hash')),
          args(fc.constantFrom(...agents), fc.oneof(fc.constantFrom('', 'x'.repeat(1001)), nonString)),
        ),
        runs: 200,
        refused: true,
      },
      // Signing in or off someone who is not an agent, or off without a reason (a real one writes).
      'agents.signedIn': { input: args(notAnAgent), runs: 200, refused: true },
      'agents.signOff': {
        input: fc.oneof(
          args(notAnAgent, fc.oneof(fc.constant('signed out'), junk)),
          args(
            fc.constantFrom(...agents),
            fc.oneof(fc.constantFrom('', ' ', '\t', 'x'.repeat(101)), nonString),
          ),
        ),
        runs: 300,
        refused: true,
      },
      // Every seeded account is an agent, not a supervisor: whatever the move, it is refused.
      'agents.setStateFor': {
        input: args(
          fc.oneof(fc.constantFrom(...agents), notAnAgent),
          agent,
          fc.oneof(fc.constantFrom('available', 'paused', 'offline', 'on_call'), junk),
          fc.oneof(fc.constant('break'), optionalJunk),
        ),
        runs: 300,
        refused: true,
      },

      // Reads over an agent's, a session's or a lead's history: wrong ids give nothing or a refusal.
      'calls.forAgent': {
        // Year 0 is a valid Date that no Postgres column can hold.
        input: args(
          agent,
          fc.oneof(
            fc.constant(undefined),
            fc.constant(null),
            fc.constant(new Date('0000-06-01T00:00:00Z')),
            junk,
          ),
          limit,
        ),
        runs: 200,
      },
      'calls.session': { input: args(fc.oneof(unknownUuid, nonUuid, nonString)), runs: 200 },
      'calls.details': { input: args(fc.oneof(unknownUuid, nonUuid, nonString)), runs: 200 },
      // The call log's search: every field wrong in its own way, a cursor edited or made up, or no object.
      'calls.search': {
        input: args(
          fc.oneof(
            fc.constant(undefined),
            fc.record(
              {
                number: fc.oneof(weirdString, nonString),
                leadName: fc.oneof(fc.constantFrom('', ' a', 'x'), weirdString, nonString),
                agentId: notAnAgent,
                outcome: fc.oneof(weirdString, nonString),
                direction: fc.oneof(fc.constantFrom('sideways', 'INBOUND'), weirdString, nonString),
                status: fc.oneof(fc.constantFrom('done', 'Completed'), weirdString, nonString),
                from: fc.oneof(nonDate, fc.constant(new Date(Number.NaN))),
                to: fc.oneof(nonDate, fc.constant(new Date(0))),
                cursor: fc.oneof(
                  fc.constantFrom('', 'WzEsMCwiIl0', 'WzEsMSwiYSJd', 'eyJhdCI6MX0', huge),
                  weirdString,
                  nonString,
                ),
                limit: fc.oneof(fc.constantFrom(0, -1, 501, 1.5, Number.NaN), nonString),
              },
              { requiredKeys: [] },
            ),
            junk,
          ),
        ),
        runs: 300,
      },

      'calls.lastForEntry': { input: args(agent, entry), runs: 200 },
      'calls.active': { input: args(agent), runs: 200 },
      // No callback exists in the seed: any change, right or wrong, is refused.
      'calls.changeCallback': {
        input: args(
          agent,
          fc.oneof(unknownUuid, nonUuid, nonString),
          fc.oneof(
            fc.constantFrom(
              { action: 'cancel' },
              { action: 'move', dueAt: '2099-01-01T00:00:00Z' },
              { action: 'hand-over', toAgentId: null },
              { action: 'move', dueAt: 'soon' },
              { action: 'delete' },
            ),
            junk,
          ),
        ),
        runs: 300,
        refused: true,
      },
      // Hanging up a call that is not yours (or not a call), and a supervisor's end by a non-supervisor.
      'calls.hangUp': {
        input: fc.oneof(
          args(
            fc.oneof(fc.constantFrom(real.bob, real.cat), notAnAgent),
            fc.oneof(fc.constant(real.session), unknownUuid, nonUuid, nonString),
          ),
          args(fc.constant(real.ann), fc.oneof(unknownUuid, nonUuid, nonString)),
        ),
        runs: 300,
        refused: true,
      },
      'calls.endForAgent': {
        input: args(
          fc.oneof(fc.constantFrom(...agents), notAnAgent),
          fc.oneof(fc.constant(real.session), unknownUuid, nonUuid, nonString),
        ),
        runs: 300,
        refused: true,
      },
      'calls.callbacks': { input: args(agent, limit), runs: 200 },
      // Call control: Ann's seed call was dialled from the desk (not in a conference) and nobody else has
      // a call, so every operation is refused whatever it is given: no call, a preview call, a wrong
      // mode, target, number or label, or a caller who is not a supervisor.
      'callControl.status': { input: args(anyAgent), runs: 100 },
      ...Object.fromEntries(
        (['hold', 'resume', 'completeTransfer', 'cancelTransfer'] as const).map((name) => [
          `callControl.${name}`,
          { input: args(anyAgent), runs: 100, refused: true as const },
        ]),
      ),
      'callControl.transferToAgent': refusedFor(
        anyAgent,
        fc.oneof(fc.constantFrom('cold', 'warm', 'lukewarm', ''), weirdString, nonString),
      ),
      'callControl.transferToQueue': refusedFor(
        fc.oneof(fc.constantFrom('claims', ''), weirdString, nonString),
      ),
      'callControl.addToCall': refusedFor(
        fc.oneof(
          fc.record({ agentId: anyAgent }),
          fc.record({ phone: fc.oneof(fc.constantFrom('07700 900555', 'not a number'), weirdString) }),
          junk,
        ),
      ),
      'callControl.removeFromCall': refusedFor(
        fc.oneof(fc.constantFrom('caller', 'agent'), weirdString, nonString),
      ),
      'callControl.supervise': {
        input: args(
          fc.oneof(fc.constantFrom(real.supervisor, ...agents), notAnAgent),
          fc.oneof(fc.constant(real.session), unknownUuid, nonUuid, nonString),
          fc.oneof(fc.constantFrom('listen', 'whisper', 'barge', 'shout'), weirdString, nonString),
        ),
        runs: 200,
        refused: true,
      },
      'callControl.stopSupervising': {
        input: args(
          fc.oneof(fc.constantFrom(real.supervisor, ...agents), notAnAgent),
          fc.oneof(fc.constant(real.session), unknownUuid, nonUuid, nonString),
        ),
        runs: 150,
        refused: true,
      },
      'messaging.leadThreads': {
        input: args(fc.oneof(fc.array(fc.oneof(weirdString, nonString), { maxLength: 3 }), nonString), limit),
        runs: 200,
      },
      'compliance.optOuts': {
        input: args(fc.oneof(fc.array(fc.oneof(weirdString, nonString), { maxLength: 3 }), nonString)),
        runs: 200,
      },

      // Do-not-call lists: a number that is not one, a blank reason or author, a list id that is not one,
      // a file with a row that cannot be read (imports nothing), or not a request at all.
      'compliance.addToDoNotCall': {
        input: args(
          fc.oneof(
            fc.record({
              phone: fc.oneof(fc.constantFrom('twelve', '', '+', '0'), nonString),
              reason: fc.constant('complained'),
              by: fc.constant('sup'),
            }),
            fc.record({
              phone: fc.constant('07700900001'),
              reason: fc.oneof(fc.constantFrom('', ' ', '\t', 'x'.repeat(501)), nonString),
              by: fc.constant('sup'),
            }),
            fc.record({
              phone: fc.constant('07700900001'),
              reason: fc.constant('complained'),
              by: fc.oneof(fc.constantFrom('', '  '), nonString),
            }),
            junk,
          ),
        ),
        runs: 200,
        refused: true,
      },
      'compliance.removeFromDoNotCall': {
        input: args(
          fc.oneof(
            fc.record({ phone: fc.oneof(fc.constantFrom('twelve', ''), nonString), by: fc.constant('sup') }),
            fc.record({ phone: fc.constant('07700900001'), by: fc.oneof(fc.constant(''), nonString) }),
            junk,
          ),
        ),
        runs: 200,
        refused: true,
      },
      'compliance.importList': {
        input: args(
          fc.oneof(
            fc.record({
              listId: fc.oneof(fc.constantFrom('', 'bad id', 'x'.repeat(41), '../TPS'), nonString),
              text: fc.constant('phone,reason\n07700900001,x'),
              by: fc.constant('sup'),
            }),
            fc.record({
              listId: fc.constantFrom('internal', 'TPS', 'US-NATIONAL-DNC'),
              // Each file has a row that cannot be read, and nothing asks to import the valid rows.
              text: fc.oneof(
                fc.constantFrom(
                  'phone,reason\n07700900001,x\nnot a number,y',
                  'number,why\n07700900001,x',
                  'phone,reason\n"never closed',
                  '07700 900001\r\nhello\r\n',
                  '201,5550123\n201,55501\n',
                ),
                nonString,
              ),
              by: fc.constant('sup'),
              importValidRows: fc.constantFrom(undefined, false),
            }),
            fc.record({
              listId: fc.constant('TPS'),
              text: fc.constant(''),
              by: fc.constant('sup'),
              screenedAt: fc.oneof(
                fc.constant(new Date(Date.now() + 86_400_000)),
                fc.constant(new Date(Number.NaN)),
                weirdString,
              ),
            }),
            junk,
          ),
        ),
        runs: 300,
        refused: true,
      },
      'compliance.lists': { input: extraArgs, runs: 50 },
      'compliance.listEntries': { input: args(fc.oneof(entriesQuery, junk)), runs: 200 },
      'compliance.pageListEntries': { input: args(fc.oneof(entriesQuery, junk)), runs: 200 },

      // Abandon rates and the compliance report: a campaign id that is not one, a profile that is not,
      // a target out of range, a period backwards, too long or not dates.
      'compliance.abandonRates': {
        input: args(
          fc.oneof(
            fc.record({
              campaignId: fc.oneof(fc.constantFrom('', ' spring', 'a'.repeat(81), 'x/y'), nonString),
            }),
            fc.record({
              campaignId: fc.constant('spring'),
              profiles: fc.oneof(
                fc.constantFrom([], ['nowhere'], ['us-reg-f'], ['uk-ofcom', 'us-tcpa']),
                presentNonString,
              ),
            }),
            fc.record({
              campaignId: fc.constant('spring'),
              targetPercent: fc.constantFrom<unknown>(
                -1,
                101,
                Number.NaN,
                Number.POSITIVE_INFINITY,
                '3',
                null,
                true,
                {},
              ),
            }),
            junk,
          ),
        ),
        runs: 200,
        refused: true,
      },
      ...Object.fromEntries(
        ['compliance.report', 'compliance.reportCsv'].map((name) => [
          name,
          {
            input: args(
              fc.oneof(
                fc.record({
                  since: fc.oneof(
                    fc.constant(new Date('2026-11-02')),
                    fc.constant(new Date(Number.NaN)),
                    weirdString,
                  ),
                  until: fc.constantFrom(new Date('2026-11-01'), new Date('2028-01-01')),
                }),
                fc.record({
                  since: fc.constant(new Date('2026-11-01')),
                  until: fc.constant(new Date('2026-11-02')),
                  profileId: fc.oneof(
                    fc.constantFrom('nowhere', 'us-reg-f', 'UK'),
                    nonString.filter((v) => v !== undefined),
                  ),
                }),
                fc.record({
                  since: fc.constant(new Date('2026-11-01')),
                  until: fc.constant(new Date('2026-11-02')),
                  campaignId: fc.oneof(
                    fc.constantFrom('', 'x/y'),
                    nonString.filter((v) => v !== undefined),
                  ),
                }),
                junk,
              ),
            ),
            runs: 150,
            refused: true as const,
          },
        ]),
      ),

      // A report's range: dates that are not, in the wrong order, too long, or a zone that is not one.
      'analytics.callMetrics': { input: args(metricsRange), runs: 300 },
      'analytics.rangeBounds': { input: args(metricsRange), runs: 200 },
      'analytics.agentStates': { input: args(metricsRange), runs: 200 },
      'analytics.searchRecordings': { input: args(fc.oneof(recordingSearch, junk)), runs: 300 },
      'analytics.pageRecordings': { input: args(fc.oneof(recordingSearch, junk)), runs: 300 },
      'analytics.liveSnapshot': { input: extraArgs, runs: 50 },
      'analytics.costReport': { input: args(metricsRange), runs: 300 },
      // A range wrong, or a right one with a made-up cursor or a wrong page size.
      'analytics.costCalls': {
        input: args(
          fc.oneof(
            metricsRange,
            fc.record(
              {
                from: fc.constant('2026-11-01'),
                to: fc.constant('2026-11-02'),
                timeZone: fc.constant('Europe/London'),
                cursor: fc.oneof(fc.constantFrom('', 'WzEsMCwiIl0', 'eyJhdCI6MX0'), weirdString, nonString),
                limit: fc.oneof(wrongNumber, nonString),
              },
              { requiredKeys: ['from', 'to', 'timeZone'] },
            ),
          ),
        ),
        runs: 300,
      },
      'analytics.costReportCsv': { input: args(metricsRange), runs: 200 },
      'analytics.intelligence': { input: args(metricsRange), runs: 200 },
      // A wrong range, or a right one cut by a wrong interval, service level or queue.
      'analytics.sla': { input: args(fc.oneof(metricsRange, slaOptions)), runs: 200 },
      'analytics.slaCsv': { input: args(fc.oneof(metricsRange, slaOptions)), runs: 100 },
      'analytics.intelligenceCsv': { input: args(metricsRange), runs: 100 },
      'analytics.systemErrors': { input: args(metricsRange), runs: 200 },
      'analytics.systemErrorsCsv': { input: args(metricsRange), runs: 100 },
      'analytics.systemError': { input: args(fc.oneof(weirdString, nonString)), runs: 200 },
      // Only wrong options: right ones (or none) run the job, which prices the seed's texts.
      'analytics.collectCosts': {
        input: args(wrongJobOptions),
        runs: 200,
        refused: true,
      },

      // A job by a name that is not one (a real job does its work, which writes).
      'jobs.run': {
        input: args(
          fc.oneof(
            fc.constantFrom('nope', 'Queue-Regeneration', ' daily-cleanup', ''),
            weirdString,
            nonString,
          ),
        ),
        runs: 200,
        refused: true,
      },

      // Jobs that take nothing and rebuild the queues (checkLevels: when a queue is below its threshold,
      // as the seed's are) whatever they are given: their writes are their work, not a wrong input's.
      'queues.regenerate': { input: extraArgs, runs: 10, writesAnyway: true },
      'queues.checkLevels': { input: extraArgs, runs: 10, writesAnyway: true },
      'queues.tuning': { input: extraArgs, runs: 50 },
      'queues.tuningSetting': { input: extraArgs, runs: 50 },
      // A queue's tuning with one field wrong (0 is a right threshold and cooling), by anyone, on any queue.
      'queues.tune': {
        input: args(
          idOr([real.supervisor, real.ann]),
          idOr(['unsigned', 'outstanding', 'callbacks']),
          requestOf({
            threshold: {
              ok: fc.constantFrom(0, 20, 100_000),
              bad: fc.constantFrom<unknown>(
                -1,
                1.5,
                100_001,
                Number.NaN,
                Number.NEGATIVE_INFINITY,
                '20',
                null,
              ),
            },
            coolingMinutes: {
              ok: fc.constantFrom(0, 120),
              bad: fc.constantFrom<unknown>(-1, 0.5, 525_601, Number.NaN, '120', []),
            },
            weights: {
              ok: fc.constantFrom({}, { perAttempt: -2 }),
              bad: fc.constantFrom<unknown>(
                { perAttempt: 5000 },
                { maxLeadAgeDays: -1 },
                { callbackDue: Number.NaN },
                { lastOutcome: { busy: 'x' } },
                'heavy',
                7,
                null,
              ),
            },
          }),
        ),
        runs: 300,
        refused: true,
      },
      'queues.levels': { input: extraArgs, runs: 50 },
      'queues.trackConversions': { input: extraArgs, runs: 20 },
      // Bob is paused and Cat offline, so a real id gets Ann's held lead back or a refusal.
      'queues.claimNext': { input: args(idOr([real.ann, real.bob, real.cat])), runs: 200 },
      'queues.held': { input: args(agent), runs: 200 },
      'queues.release': {
        input: fc.oneof(
          args(fc.oneof(fc.constantFrom(real.bob, real.cat), notAnAgent), entry),
          args(
            fc.constant(real.ann),
            fc.oneof(unknownUuid, nonUuid, nonString, fc.constant(real.waitingEntry)),
          ),
        ),
        runs: 300,
        refused: true,
      },
      'queues.skip': {
        input: fc.oneof(
          args(
            fc.oneof(fc.constantFrom(real.bob, real.cat), notAnAgent),
            entry,
            fc.oneof(fc.constant('no answer'), junk),
          ),
          args(
            fc.constant(real.ann),
            fc.oneof(unknownUuid, nonUuid, nonString),
            fc.oneof(fc.constant('no answer'), junk),
          ),
          // Ann's own lead, with no reason worth the name.
          args(
            fc.constant(real.ann),
            fc.constant(real.entry),
            fc.oneof(fc.constantFrom('', ' ', '\n\t'), nonString),
          ),
        ),
        runs: 400,
        refused: true,
      },
      'queues.expireStaleClaims': { input: extraArgs, runs: 20 },

      'leads.context': { input: args(agent, lead), runs: 300 },
      'leads.breakerState': { input: extraArgs, runs: 20 },
      // A valid search by an agent writes its audit entries: only a wrong agent or a wrong query here.
      'leads.search': {
        input: fc.oneof(
          args(notAnAgent, fc.oneof(fc.constant('First'), junk)),
          args(
            fc.constantFrom(...agents),
            fc.oneof(
              fc.constantFrom('', ' ', 'a', ' b ', 'x'.repeat(101), 'Ann\u0000', 'Ann\u0007Lee'),
              presentNonString,
            ),
          ),
        ),
        runs: 300,
        refused: true,
      },

      'dialing.validate': { input: args(agent, entry), runs: 300 },
      // Ann already has this lead's call open, so her own pair answers with that session.
      'dialing.startCall': { input: args(agent, entry), runs: 300 },
      // Only leads that cannot be taken: a wrong agent, an id that names nobody, or no id at all.
      'dialing.takeLead': {
        input: fc.oneof(
          args(notAnAgent, fc.oneof(fc.constant('1'), junk)),
          args(
            fc.constantFrom(...agents),
            fc.oneof(fc.constantFrom('999999', '', 'a b', '1;drop'), presentNonString),
          ),
        ),
        runs: 300,
        refused: true,
      },

      'calls.instructions': {
        input: webhook(
          signedWith('/webhooks/simulator/voice', {
            CallSid: { ok: fc.constant('CA-new'), bad: fc.constant('') },
            ringlaneSession: { ok: fc.constant(real.session), bad: fc.oneof(unknownUuid, weirdString) },
          }),
        ),
        runs: 300,
      },
      'calls.handleStatus': { input: webhook(callStatus), runs: 300 },
      'calls.recordOutcome': {
        input: fc.oneof(
          args(
            fc.constant(real.ann),
            requestOf({
              sessionId: { ok: fc.constant(real.session), bad: fc.oneof(unknownUuid, nonUuid, nonString) },
              disposition: {
                ok: fc.constantFrom(...dispositions),
                bad: fc.oneof(fc.constantFrom('', 'nope', 'NO_ANSWER'), nonString),
              },
              notes: {
                ok: fc.constantFrom(null, 'left a message'),
                bad: fc.oneof(
                  fc.constantFrom(' padded ', 'n'.repeat(5001)),
                  nonString.filter((v) => v != null),
                ),
                optional: true,
              },
              callbackAt: {
                ok: fc.constantFrom(null, future),
                bad: fc.oneof(
                  fc.constantFrom('2000-01-01T00:00:00Z', '2999-01-01T00:00:00Z', 'tomorrow', '', 'NaN'),
                  fc.constant(new Date(Date.now() + 86_400_000)),
                  nonString.filter((v) => v != null),
                ),
                optional: true,
              },
              callbackFor: {
                ok: fc.constantFrom('me', 'anyone'),
                bad: fc.oneof(
                  fc.constantFrom('them', ''),
                  nonString.filter((v) => v !== undefined),
                ),
                optional: true,
              },
            }),
          ),
          // Not Ann: the call is not theirs to record, however right the outcome.
          args(
            fc.oneof(fc.constantFrom(real.bob, real.cat), notAnAgent),
            fc.oneof(fc.constant({ sessionId: real.session, disposition: 'no_answer' }), junk),
          ),
        ),
        runs: 400,
        refused: true,
      },
      'calls.reconcile': { input: extraArgs, runs: 20 },
      'calls.callbackReminders': { input: extraArgs, runs: 20 },
      'calls.history': { input: args(lead, limit), runs: 200 },
      'calls.dispositions': { input: extraArgs, runs: 50 },
      'calls.dispositionsSetting': { input: extraArgs, runs: 50 },
      // A supervisor or an agent replacing the dispositions with a list that is wrong in one place.
      'calls.changeDispositions': {
        input: args(
          idOr([real.supervisor, real.ann]),
          fc.oneof(
            fc.constant([]),
            fc.constant([...ringlane.settings.dispositions, ringlane.settings.dispositions[0]]),
            requestOf({
              code: {
                ok: fc.constant('new_code'),
                bad: fc.oneof(
                  fc.constantFrom('', 'Has space', 'UPPER', '9lives', 'x'.repeat(41)),
                  presentNonString,
                ),
              },
              label: {
                ok: fc.constant('A label'),
                bad: fc.oneof(fc.constantFrom('', '   ', 'x'.repeat(81)), presentNonString),
              },
              retryAfterMinutes: {
                ok: fc.constantFrom(null, 60),
                bad: fc.constantFrom<unknown>(
                  -1,
                  1.5,
                  525_601,
                  Number.NaN,
                  Number.POSITIVE_INFINITY,
                  '60',
                  true,
                ),
              },
              contact: { ok: fc.boolean(), bad: fc.constantFrom<unknown>('yes', 1, null, {}) },
              converted: { ok: fc.boolean(), bad: fc.constantFrom<unknown>('no', 0, null), optional: true },
            }).map((wrong) => [...ringlane.settings.dispositions, wrong]),
            junk,
          ),
        ),
        runs: 300,
        refused: true,
      },
      'agents.pauseReasons': { input: extraArgs, runs: 50 },

      'messaging.send': {
        input: args(
          requestOf({
            to: {
              ok: fc.constantFrom('07700 900002', '+447700900003'),
              bad: fc.oneof(badPhone, fc.constant('07700 900009'), nonString),
            },
            body: {
              ok: fc.constant('Hello'),
              bad: fc.oneof(
                fc.constantFrom('', 'x'.repeat(2000)),
                nonString.filter((v) => v !== undefined),
              ),
              optional: true,
            },
            templateId: {
              ok: fc.constant('reminder'),
              bad: fc.oneof(
                fc.constantFrom('nope', ''),
                nonString.filter((v) => v !== undefined),
              ),
              optional: true,
            },
            values: {
              ok: fc.constant({ firstName: 'Ann' }),
              bad: fc.oneof(fc.constant({ firstName: 1 }), fc.constant('Ann'), fc.constant([1])),
              optional: true,
            },
            sentBy: {
              ok: fc.constant(real.ann),
              bad: notAnAgent.filter((v) => v !== undefined),
              optional: true,
            },
            leadId: {
              ok: fc.constant('2'),
              bad: fc.oneof(
                fc.constantFrom('', 'a b', huge),
                nonString.filter((v) => v !== undefined),
              ),
              optional: true,
            },
          }),
        ),
        runs: 500,
        refused: true,
      },
      'messaging.receive': { input: webhook(inboundSms), runs: 300 },
      'messaging.deliveryStatus': { input: webhook(smsStatus), runs: 300 },
      'messaging.reply': {
        input: args(
          requestOf({
            conversationId: {
              ok: fc.constantFrom(real.conversation, real.optedOutConversation),
              bad: notAConversation,
            },
            agentId: { ok: fc.constantFrom(real.ann, real.bob), bad: notAnAgent },
            body: {
              ok: fc.constant('Thanks'),
              bad: fc.oneof(fc.constantFrom('', 'x'.repeat(2000)), nonString),
            },
          }),
        ),
        runs: 400,
        refused: true,
      },
      'messaging.assign': {
        input: fc.oneof(
          args(notAConversation, fc.oneof(fc.constant(null), idOr(agents))),
          args(
            fc.constant(real.conversation),
            fc.oneof(
              notAnAgent.filter((v) => v !== null),
              fc.constant(''),
            ),
          ),
        ),
        runs: 300,
        refused: true,
      },
      'messaging.markRead': { input: args(notAConversation), runs: 200, refused: true },
      'messaging.setStatus': {
        input: fc.oneof(
          args(notAConversation, fc.oneof(fc.constantFrom('active', 'closed'), junk)),
          args(
            fc.constant(real.conversation),
            fc.oneof(fc.constantFrom('opted_out', 'open', 'CLOSED', ''), nonString),
          ),
          // Only the person's START reopens an opted-out conversation.
          args(fc.constant(real.optedOutConversation), fc.constant('active')),
        ),
        runs: 300,
        refused: true,
      },
      'messaging.conversations': {
        input: args(
          fc.oneof(
            requestOf({
              status: {
                ok: fc.constantFrom('active', 'closed', 'opted_out'),
                bad: fc.oneof(weirdString, nonString),
                optional: true,
              },
              assignedTo: { ok: fc.constant(real.ann), bad: notAnAgent, optional: true },
              unreadOnly: { ok: fc.boolean(), bad: fc.constantFrom('yes', 1, null), optional: true },
              limit: { ok: fc.constant(10), bad: wrongNumber, optional: true },
            }),
          ),
        ),
        runs: 300,
      },
      // The inbox a page at a time: the same filters, and a cursor that is not an inbox cursor.
      'messaging.pageConversations': {
        input: args(
          requestOf({
            status: {
              ok: fc.constantFrom('active', 'closed', 'opted_out'),
              bad: fc.oneof(weirdString, nonString),
              optional: true,
            },
            unreadOnly: { ok: fc.boolean(), bad: fc.constantFrom('yes', 1, null), optional: true },
            limit: { ok: fc.constant(10), bad: wrongNumber, optional: true },
            cursor: {
              ok: fc.constant(
                Core.encodeCursor({ rank: 1, at: new Date(0), id: '00000000-0000-4000-8000-000000000000' }),
              ),
              // A plain list's cursor, a rank no priority has, an id that is not a conversation's.
              bad: fc.oneof(
                fc.constantFrom(
                  '',
                  'WzEsMCwiIl0',
                  Core.encodeCursor({ at: new Date(0), id: 'x' }),
                  Core.encodeCursor({ rank: 7, at: new Date(0), id: '00000000-0000-4000-8000-000000000000' }),
                  Core.encodeCursor({ rank: 1, at: new Date(0), id: 'not-a-uuid' }),
                  huge,
                ),
                weirdString,
                nonString,
              ),
              optional: true,
            },
          }),
        ),
        runs: 300,
      },
      'messaging.thread': { input: args(conversation, limit), runs: 300 },

      'magicLinks.issue': { input: args(requestOf(linkFields)), runs: 400, refused: true },
      'magicLinks.verify': {
        input: args(
          requestOf({
            token: {
              ok: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
              bad: fc.oneof(weirdString, nonString, fc.constant('A'.repeat(44))),
            },
            userAgent: {
              ok: fc.constantFrom('test', null),
              bad: nonString.filter((v) => v != null),
              optional: true,
            },
            ip: {
              ok: fc.constantFrom('127.0.0.1', null),
              bad: fc.oneof(
                fc.constant('1'.repeat(65)),
                nonString.filter((v) => v != null),
              ),
              optional: true,
            },
          }),
        ),
        runs: 400,
        refused: true,
      },
      'magicLinks.revoke': {
        input: args(
          requestOf({
            linkId: { ok: fc.constant(real.link), bad: fc.oneof(unknownUuid, nonUuid, nonString) },
            reason: {
              ok: fc.constant('sent in error'),
              bad: fc.oneof(fc.constantFrom('', ' ', ' padded', 'r'.repeat(201)), nonString),
            },
            revokedBy: {
              ok: fc.constant(real.ann),
              bad: fc.oneof(
                nonUuid,
                nonString.filter((v) => v !== undefined),
              ),
              optional: true,
            },
          }),
        ),
        runs: 300,
        refused: true,
      },
      'magicLinks.analytics': {
        input: args(
          requestOf({
            since: {
              ok: fc.constant(new Date(0)),
              bad: fc.oneof(badDate, fc.constant('2026-01-01'), nonDate),
            },
            until: {
              ok: fc.constant(new Date()),
              bad: fc.oneof(fc.constant(new Date(-1)), badDate, nonDate),
            },
            issuedBy: { ok: fc.constant(real.ann), bad: notAnAgent, optional: true },
          }),
        ),
        runs: 300,
      },
      'magicLinks.forLead': { input: args(lead), runs: 200 },
      // A page of links: dates that are not, in the wrong order, a made-up cursor, a wrong limit.
      'magicLinks.list': {
        input: args(
          fc.oneof(
            fc.record(
              {
                since: fc.oneof(nonDate, fc.constant(new Date(Number.NaN)), fc.constant(new Date(1))),
                until: fc.oneof(nonDate, fc.constant(new Date(0))),
                cursor: fc.oneof(
                  fc.constantFrom('', 'WzEsMCwiIl0', 'eyJhdCI6MX0', huge),
                  weirdString,
                  nonString,
                ),
                limit: fc.oneof(fc.constantFrom(0, 501, 2.5), nonString),
              },
              { requiredKeys: [] },
            ),
            junk,
          ),
        ),
        runs: 300,
      },
      'magicLinks.trackConversions': { input: extraArgs, runs: 20 },
      'magicLinks.sendBySms': {
        input: fc.oneof(
          args(
            requestOf({
              ...linkFields,
              to: {
                ok: fc.constant('07700 900003'),
                bad: fc.oneof(
                  badPhone,
                  fc.constant('07700 900009'),
                  nonString.filter((v) => v !== undefined),
                ),
                optional: true,
              },
            }),
          ),
          // A lead the source does not have.
          args(fc.constant({ leadId: '999999', linkType: 'claim_portal' })),
        ),
        runs: 400,
        refused: true,
      },

      'recordings.handleStatus': { input: webhook(recordingStatus), runs: 300 },
      'recordings.process': {
        input: args(
          requestOf({
            providerCallId: {
              ok: fc.constant('CA-seed'),
              bad: fc.oneof(fc.constantFrom('', ' ', ' padded'), nonString),
            },
            sessionId: {
              ok: fc.oneof(fc.constant(null), fc.constant(real.session), unknownUuid, weirdString),
              bad: nonString.filter((v) => v !== null),
            },
            providerRecordingId: {
              ok: fc.uuid().map((u) => `RE${u}`),
              bad: fc.oneof(fc.constantFrom('', ' '), nonString),
            },
            status: {
              ok: fc.constantFrom('completed', 'failed', 'absent'),
              bad: fc.oneof(weirdString, nonString),
            },
            mediaUrl: { ok: fc.constant(null), bad: nonString.filter((v) => v !== null) },
            durationSeconds: {
              ok: fc.constantFrom(null, 0, 30),
              bad: wrongNumber.filter((v) => v !== null && v !== 0),
            },
            channels: {
              ok: fc.constantFrom(null, 1, 2),
              bad: fc.constantFrom(-1, 0, 3, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '2', 10n),
            },
            occurredAt: {
              ok: fc.constant(new Date()),
              bad: fc.oneof(
                badDate,
                fc.constantFrom('2026-01-01', 0),
                nonDate.filter((v) => typeof v !== 'string'),
              ),
            },
          }),
        ),
        runs: 400,
        refused: true,
      },
      // The failed recording may be fetched again (a valid retry), so it is not offered here.
      'recordings.retry': { input: args(idOr([real.recording])), runs: 200, refused: true },
      // Only wrong options: right ones (or none) run the job, which fetches the failed recording again.
      'recordings.retryFailed': {
        input: args(
          fc.oneof(
            fc.record({ limit: wrongNumber }),
            junk.filter((v) => v !== undefined && typeof v !== 'object' && typeof v !== 'function'),
            fc.constantFrom<unknown>(null, [], [1], () => 1, new Date(), new Map(), new Uint8Array(1)),
          ),
        ),
        runs: 200,
        refused: true,
      },
      'recordings.find': { input: args(idOr([real.recording, real.failedRecording])), runs: 200 },
      'recordings.list': {
        input: args(
          fc.oneof(
            requestOf({
              status: {
                ok: fc.constantFrom('failed', 'stored'),
                bad: fc.oneof(weirdString, nonString),
                optional: true,
              },
              sessionId: {
                ok: fc.constant(real.session),
                bad: fc.oneof(fc.constantFrom('', ' '), nonString),
                optional: true,
              },
              providerCallId: {
                ok: fc.constant('CA-seed'),
                bad: fc.oneof(fc.constantFrom('', ' '), nonString),
                optional: true,
              },
              limit: { ok: fc.constant(10), bad: wrongNumber, optional: true },
            }),
          ),
        ),
        runs: 300,
      },
      'recordings.playbackUrl': { input: args(urlRequest), runs: 300, refused: true },
      'recordings.refreshPlaybackUrl': { input: args(urlRequest), runs: 300, refused: true },
      'recordings.retention': { input: extraArgs, runs: 50 },
      'recordings.retentionSetting': { input: extraArgs, runs: 50 },
      'recordings.changeRetention': {
        input: args(
          idOr([real.supervisor, real.ann]),
          requestOf({
            recordingDays: {
              ok: fc.constantFrom(1, 365),
              bad: fc.oneof(
                fc.constantFrom<unknown>(0, -1, 1.5, 36_501, Number.NaN, '30', null),
                presentNonString.filter((v) => typeof v !== 'number'),
              ),
            },
          }),
        ),
        runs: 300,
        refused: true,
      },
      'recordings.applyRetention': {
        input: args(
          requestOf({
            olderThanDays: { ok: fc.constant(30), bad: fc.oneof(wrongNumber, fc.constant(36_501)) },
            limit: { ok: fc.constant(10), bad: fc.oneof(wrongNumber, fc.constant(10_001)), optional: true },
          }),
        ),
        runs: 300,
        refused: true,
      },

      // The seed's recordings are not stored: none may be transcribed.
      'transcripts.queue': {
        input: args(idOr([real.recording, real.failedRecording])),
        runs: 200,
        refused: true,
      },
      'transcripts.ofRecording': { input: args(idOr([real.recording, real.failedRecording])), runs: 200 },
      'transcripts.ofCall': {
        input: args(
          requestOf({
            sessionId: {
              ok: fc.oneof(fc.constant(real.session), unknownUuid),
              bad: fc.oneof(fc.constantFrom('', ' ', huge), nonString),
              optional: true,
            },
            providerCallId: {
              ok: fc.constant('CA-seed'),
              bad: fc.oneof(fc.constantFrom('', ' ', huge), nonString),
              optional: true,
            },
          }),
        ),
        runs: 300,
      },
      'transcripts.search': {
        input: args(
          requestOf({
            query: {
              ok: fc.oneof(fc.constant('refund'), weirdString),
              bad: fc.oneof(fc.constantFrom('', '   ', huge), nonString),
            },
            limit: { ok: fc.constant(10), bad: fc.oneof(wrongNumber, fc.constant(201)), optional: true },
          }),
        ),
        runs: 300,
        refused: true,
      },
      'transcripts.handleCallback': { input: webhook(transcriptCallback), runs: 300 },
      // Only wrong options: right ones (or none) run the job.
      'transcripts.transcribeDue': {
        input: args(wrongJobOptions),
        runs: 200,
        refused: true,
      },

      // No AI agent exists and no handoff queue does: nothing here may start a session or save an agent.
      'voiceAi.saveAgent': {
        input: args(
          requestOf({
            id: {
              ok: fc.constant('claims-ai'),
              bad: fc.oneof(fc.constantFrom('', ' ', 'Claims AI', 'x'.repeat(41)), nonString),
            },
            name: {
              ok: fc.constant('Claims assistant'),
              bad: fc.oneof(fc.constantFrom('', '  ', 'x'.repeat(81)), nonString),
            },
            instructions: {
              ok: fc.constant('Talk about refunds.'),
              bad: fc.oneof(fc.constantFrom('', ' ', huge), nonString),
            },
            providers: {
              ok: fc.constant(['simulator']),
              bad: fc.oneof(
                fc.constant<unknown>([]),
                fc.constant(['no-such-provider']),
                fc.constant(['simulator', 'simulator']),
                fc.constant(['a', 'b', 'c', 'd', 'e', 'f']),
                nonString.filter((v) => !Array.isArray(v)),
              ),
            },
            handoffQueueId: {
              ok: fc.constant('people'),
              bad: fc.oneof(fc.constantFrom('', 'No Queue', 'people'), nonString),
            },
          }),
        ),
        runs: 300,
        refused: true,
      },
      'voiceAi.agents': { input: extraArgs, runs: 50 },
      'voiceAi.agent': { input: args(idOr([])), runs: 200, refused: true },
      'voiceAi.takeCall': {
        input: fc.oneof(
          args(takeCallRequest, fc.oneof(fc.constant(aLine), junk)),
          args(
            fc.constant({
              callId: 'call-1',
              providerCallId: 'CA1',
              agentId: 'claims-ai',
              direction: 'inbound',
            }),
            fc.oneof(junk, fc.record({ listen: junk, play: junk, clear: junk })),
          ),
        ),
        runs: 300,
        refused: true,
      },
      // A stream's ticket: none, out of shape, or well shaped and signed with another secret.
      'voiceAi.acceptStream': {
        input: args(
          requestOf({
            ticket: {
              ok: fc.constant(forgedTicket),
              bad: fc.oneof(fc.constantFrom('', 'a.b', `${forgedTicket}x.y`, huge), nonString),
            },
            providerCallId: {
              ok: fc.constant('CA1'),
              bad: fc.oneof(fc.constantFrom('', 'CA-other'), nonString),
            },
          }),
          fc.oneof(fc.constant(aLine), junk),
        ),
        runs: 300,
        refused: true,
      },
      'voiceAi.sessionsOfCall': {
        input: args(
          requestOf({
            callId: {
              ok: fc.constant('call-1'),
              bad: fc.oneof(fc.constantFrom('', ' ', huge), presentNonString),
              optional: true,
            },
            providerCallId: {
              ok: fc.constant('CA-seed'),
              bad: fc.oneof(fc.constantFrom('', ' ', huge), presentNonString),
              optional: true,
            },
          }),
        ),
        runs: 300,
      },
      'voiceAi.recentSessions': {
        input: args(fc.oneof(wrongNumber, fc.constantFrom<unknown>(501, 1001, '10', null, {}))),
        runs: 100,
        refused: true,
      },

      'events.subscribe': {
        input: args(junk.filter((v) => typeof v !== 'function')),
        runs: 200,
        refused: true,
      },

      config: { input: extraArgs, runs: 50 },
      dispose: { skip: 'ends the runtime every other method runs on' },
    }
  }

  /** Every method on the object, by walking it: `area.method` for namespaces, `method` at the top. */
  const methodsOf = (target: Record<string, unknown>) => {
    const found = new Map<string, (...a: ReadonlyArray<unknown>) => unknown>()
    for (const [name, value] of Object.entries(target)) {
      if (typeof value === 'function') found.set(name, value as never)
      else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        for (const [member, fn] of Object.entries(value)) {
          if (typeof fn === 'function') found.set(`${name}.${member}`, fn as never)
        }
      }
    }
    return found
  }

  /** The areas run one test each; a method in any other area fails the first test, so none is missed. */
  const AREAS = [
    'agents',
    'queues',
    'leads',
    'dialing',
    'calls',
    'callControl',
    'messaging',
    'magicLinks',
    'recordings',
    'transcripts',
    'voiceAi',
    'compliance',
    'analytics',
    'campaigns',
    'routing',
    'inbound',
    'jobs',
    'events',
    '(top level)',
  ]
  const areaOf = (name: string) => (name.includes('.') ? (name.split('.')[0] ?? name) : '(top level)')
  // Reproduce a run with RINGLANE_INPUTS_SEED=<the seed it printed>.
  const seed = Number(process.env.RINGLANE_INPUTS_SEED ?? Date.now() % 2 ** 31)
  const summary: Array<{ method: string; runs: number; resolved: number; ms: number; tags: string }> = []
  let countsBefore: Record<string, number> = {}

  it('knows the SDK errors, and has a generator for every method of the object', async () => {
    expect(knownErrors.size).toBeGreaterThan(40)
    for (const tag of [
      'InvalidRequest',
      'NotConfigured',
      'UnknownAgent',
      'InvalidSmsRequest',
      'InvalidWebhook',
    ])
      expect(knownErrors.has(tag)).toBe(true)
    const methods = methodsOf(ringlane as unknown as Record<string, unknown>)
    const table = generators()
    expect(
      [...methods.keys()].filter((name) => !(name in table)),
      'methods with no generator',
    ).toEqual([])
    expect(
      Object.keys(table).filter((name) => !methods.has(name)),
      'generators for no method',
    ).toEqual([])
    expect(
      [...methods.keys()].filter((name) => !AREAS.includes(areaOf(name))),
      'areas no test runs',
    ).toEqual([])
    await watchWrites()
    countsBefore = await rowCounts()
  })

  for (const area of AREAS) {
    it(`${area}: every wrong call is refused with a tagged error, in time, writing nothing`, {
      timeout: 120_000,
    }, async () => {
      const table = generators()
      const failures: Array<string> = []
      for (const [name, method] of methodsOf(ringlane as unknown as Record<string, unknown>)) {
        const generator = table[name]
        if (areaOf(name) !== area || !generator || 'skip' in generator) continue
        const tags = new Map<string, number>()
        let resolved = 0
        let runs = 0
        const started = performance.now()
        const result = await fc.check(
          fc.asyncProperty(generator.input, async (input) => {
            // A macrotask between calls: embedded PGlite answers in microtasks, and a worker that never
            // reaches its poll phase for 60 s loses vitest's own messages (an RPC timeout, tests green).
            await new Promise((resolve) => setImmediate(resolve))
            runs++
            const mark = await lastWrite()
            const outcome = await call(method, input)
            if (outcome === 'hang')
              throw new Error(`${name}(${show(input)}) neither resolved nor rejected in ${TIMEOUT_MS} ms`)
            if (outcome.settled === 'rejected') {
              const why = untyped(outcome.error)
              if (why)
                throw new Error(
                  `${name}(${show(input)}) rejected with ${describeError(outcome.error)}: ${why}`,
                )
              const tag = (outcome.error as { _tag: string })._tag
              // The stores and the source are healthy here: their error means a wrong input reached them
              // and was reported as an outage rather than refused as what it is.
              if (OUTAGES.test(tag))
                throw new Error(`${name}(${show(input)}) reached the store: ${describeError(outcome.error)}`)
              tags.set(tag, (tags.get(tag) ?? 0) + 1)
            } else {
              resolved++
              if (generator.refused)
                throw new Error(`${name}(${show(input)}) resolved: a wrong request must be refused`)
            }
            const written = generator.writesAnyway ? [] : await writesSince(mark)
            if (written.length > 0) {
              const settled =
                outcome.settled === 'resolved'
                  ? 'resolved'
                  : `rejected with ${(outcome.error as { _tag: string })._tag}`
              throw new Error(
                `${name}(${show(input)}) ${settled} and wrote ${written.map((w) => `${w.op} ${w.name} ${w.detail}`).join('; ')}`,
              )
            }
          }),
          { numRuns: generator.runs, seed },
        )
        // Every method runs, and each failing one is reported with its smallest failing input.
        if (result.failed) {
          const error = result.errorInstance
          failures.push((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '')
        }
        // A job's own writes are the new baseline.
        if (generator.writesAnyway) countsBefore = await rowCounts()
        summary.push({
          method: name,
          runs,
          resolved,
          ms: Math.round(performance.now() - started),
          tags: [...tags].map(([t, n]) => `${t}:${n}`).join(' '),
        })
      }
      expect(failures, `${area}: wrong calls not refused cleanly`).toEqual([])
    })
  }

  it('made at least 10,000 wrong calls, after which every table has the rows it had', async () => {
    const total = summary.reduce((sum, s) => sum + s.runs, 0)
    console.info(
      `${total} wrong calls to ${summary.length} methods in ${summary.reduce((sum, s) => sum + s.ms, 0)} ms (seed ${seed})\n${summary
        .map(
          (s) =>
            `${s.method.padEnd(30)} ${String(s.runs).padStart(5)} ${String(s.ms).padStart(6)} ms  resolved ${s.resolved} ${s.tags}`,
        )
        .join('\n')}`,
    )
    expect(total).toBeGreaterThanOrEqual(10_000)
    expect(await rowCounts()).toEqual(countsBefore)
    // No `__proto__` or `constructor` key reached a prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })

  it('an unconfigured dialler refuses every method with NotConfigured or InvalidRequest', async () => {
    const bare = await createRinglane({ stores: {} })
    try {
      for (const [name, method] of methodsOf(bare as unknown as Record<string, unknown>)) {
        if (name === 'dispose') continue
        await fc.assert(
          fc.asyncProperty(fc.array(junk, { maxLength: 3 }), async (input) => {
            const outcome = await call(method, input)
            if (outcome === 'hang') throw new Error(`${name}(${show(input)}) hung`)
            if (outcome.settled === 'rejected') {
              const why = untyped(outcome.error)
              if (why)
                throw new Error(
                  `${name}(${show(input)}) rejected with ${describeError(outcome.error)}: ${why}`,
                )
            }
          }),
          { numRuns: 20, seed },
        )
      }
    } finally {
      await bare.dispose()
    }
  })
})
