/**
 * (e) ≥ 10,000 generated bad inputs (fast-check) into every HTTP route of the app, forms and API
 * alike, as each role (signed out, agent, supervisor, admin): no answer may be a 5xx, and nothing may
 * be written. Routes are read from app/routes, so a new route is covered without touching this file.
 * Writes are caught by a trigger on every table (counts would miss an update), as
 * packages/adapters/postgres/src/ringlane-inputs.test.ts does for the SDK.
 */
import { readdirSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { APP_DIR, type RunningApp, type Session, signIn, startApp } from './support/app.ts'
import { note, printFigures } from './support/figures.ts'
import { createAccounts, freshDatabase, openStore, PASSWORD } from './support/store.ts'

const INPUTS = Number(process.env.CHAOS_INPUTS ?? 10_000)
const CONCURRENCY = 8
const url = process.env.TEST_DATABASE_URL

/** Every route module's URL pattern, from its file name (Remix's flat routes). */
const routePatterns = () =>
  [
    ...new Set(
      readdirSync(join(APP_DIR, 'app/routes'))
        .filter((file) => !file.includes('.test.'))
        // Signing out takes nothing but the cookie: whatever it is sent, ending the session is its work.
        .filter((file) => !file.startsWith('logout.'))
        .map((file) => file.replace(/(\.server)?\.tsx?$/, '')),
    ),
  ].map(
    (name) =>
      `/${name
        .split('.')
        .filter((part) => part !== '_index')
        .join('/')}`,
  )

// Intents that take nothing but the button (or a free-text reason), so no value they get can be bad:
// sending them would be a good input, whose writes are the point.
const INTENTS = [
  'skip',
  'release',
  'start-call',
  'outcome',
  'create',
  'role',
  'deactivate',
  'reactivate',
  'play',
  'refresh',
  'download',
  'reply',
  'close',
  'reopen',
]
const FIELDS = [
  'intent',
  'entryId',
  'sessionId',
  'disposition',
  'notes',
  'callbackAt',
  'timeZone',
  'callbackFor',
  'sendLink',
  'linkType',
  'reason',
  'email',
  'password',
  'displayName',
  'role',
  'agentId',
  'next',
  'recordingId',
  'conversationId',
  'body',
  'leadId',
  'since',
  'before',
  'from',
  'to',
  'download',
  'show',
  'everywhere',
  '_data',
]
const nasty = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\0',
    'a\0b',
    '\r\nSet-Cookie: x=1',
    '-1',
    '1e309',
    'NaN',
    '9999999999999999999999',
    '2026-13-45T25:61',
    '0000-00-00',
    '../../etc/passwd',
    "'; drop table agents; --",
    '<script>alert(1)</script>',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    'x'.repeat(20_000),
    '%00',
    '\u202e\ud800',
    'callback_requested',
    'anyone',
    'on',
    'Europe/Nowhere',
    'admin',
    'routes/agent._index',
    'routes/nope',
    'nobody@chaos.test',
  ),
  fc.uuid(),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer().map(String),
)
const form = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })), nasty, {
  maxKeys: 8,
})
const withIntent = fc
  .tuple(form, fc.oneof(fc.constantFrom(...INTENTS), nasty))
  .map(([fields, intent]) => ({ ...fields, intent }))

interface Input {
  readonly role: 'anonymous' | 'agent' | 'supervisor' | 'admin'
  readonly method: 'GET' | 'POST'
  readonly path: string
  readonly contentType: string | null
  readonly body: string | null
  readonly origin: 'own' | 'none' | 'other'
}

const inputs = (patterns: ReadonlyArray<string>) => {
  const segment = fc
    .oneof(nasty, fc.uuid())
    .map((s) => encodeURIComponent(s.toWellFormed()).slice(0, 2000) || 'x')
  const path = fc
    .tuple(fc.constantFrom(...patterns), segment, fc.array(segment, { maxLength: 3 }))
    .map(([pattern, value, rest]) =>
      pattern
        .split('/')
        .map((part) => (part === '$' ? [value, ...rest].join('/') : part.startsWith('$') ? value : part))
        .join('/'),
    )
  const query = fc.dictionary(fc.constantFrom(...FIELDS, 'lastEventId', 'q'), nasty, { maxKeys: 4 })
  const body = fc.oneof(
    {
      weight: 6,
      arbitrary: withIntent.map((f) => ({ type: 'form', text: new URLSearchParams(f).toString() })),
    },
    { weight: 2, arbitrary: fc.json().map((text) => ({ type: 'application/json', text })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((text) => ({ type: 'form', text })) },
    {
      weight: 1,
      arbitrary: fc.string({ maxLength: 200 }).map((text) => ({
        type: 'multipart/form-data; boundary=x',
        text: `--x\r\n${text}`,
      })),
    },
  )
  return fc
    .record({
      role: fc.constantFrom('anonymous', 'agent', 'supervisor', 'admin'),
      method: fc.constantFrom('GET', 'POST', 'POST'),
      path,
      query,
      body,
      origin: fc.constantFrom('own', 'own', 'own', 'own', 'none', 'other'),
    })
    .map(
      (r): Input => ({
        role: r.role as Input['role'],
        method: r.method as Input['method'],
        path: Object.keys(r.query).length ? `${r.path}?${new URLSearchParams(r.query)}` : r.path,
        contentType:
          r.method === 'GET'
            ? null
            : r.body.type === 'form'
              ? 'application/x-www-form-urlencoded'
              : r.body.type,
        body: r.method === 'GET' ? null : r.body.text,
        origin: r.origin as Input['origin'],
      }),
    )
}

let database: Awaited<ReturnType<typeof freshDatabase>>
let store: Awaited<ReturnType<typeof openStore>>
let app: RunningApp

beforeAll(async () => {
  if (!url) throw new Error('TEST_DATABASE_URL must name server Postgres: this scenario needs it')
  database = await freshDatabase(url, 'ringlane_chaos_inputs')
  await createAccounts({ url: database.url }, [
    { email: 'agent@chaos.test', role: 'agent' },
    { email: 'supervisor@chaos.test', role: 'supervisor' },
    { email: 'admin@chaos.test', role: 'admin' },
  ])
  app = await startApp({ databaseUrl: database.url, demoPeople: 200 })
  store = await openStore({ url: database.url })
})
afterAll(async () => {
  await app?.stop()
  if (app) await rm(app.dataDir, { recursive: true, force: true })
  await store?.close()
  await database?.drop()
})

/** Logs every insert, update and delete on the app's tables, in the writing transaction. */
const watchWrites = async () => {
  await store.query(`
    create table chaos_writes (id serial primary key, name text not null, op text not null, detail text);
    create function chaos_log_write() returns trigger language plpgsql as $$
    begin
      if TG_OP = 'UPDATE' and NEW is not distinct from OLD then return null; end if;
      insert into chaos_writes (name, op, detail)
      values (TG_TABLE_NAME, TG_OP, left(coalesce(row_to_json(NEW)::text, row_to_json(OLD)::text), 300));
      return null;
    end $$;`)
  const tables = await store.query<{ tablename: string }>(
    "select tablename from pg_tables where schemaname = 'public' and tablename <> 'chaos_writes'",
  )
  for (const { tablename } of tables)
    await store.query(
      `create trigger chaos_log_write after insert or update or delete on "${tablename}"
       for each row execute function chaos_log_write()`,
    )
}

it('(e) 10,000 bad inputs into every route as every role: 0 answers 5xx, 0 rows written', async () => {
  const sessions: Record<Input['role'], Session | null> = {
    anonymous: null,
    agent: await signIn(app.origin, 'agent@chaos.test', PASSWORD),
    supervisor: await signIn(app.origin, 'supervisor@chaos.test', PASSWORD),
    admin: await signIn(app.origin, 'admin@chaos.test', PASSWORD),
  }
  const patterns = routePatterns()
  await watchWrites()
  const sample = fc.sample(inputs(patterns), { numRuns: INPUTS, seed: 14 })
  note(`(e) ${sample.length} inputs into ${patterns.length} routes: ${patterns.join(' ')}`)

  const statuses: Record<number, number> = {}
  const serverErrors: Array<{ input: Input; status: number; text: string }> = []
  const started = performance.now()
  let next = 0
  const lane = async () => {
    while (next < sample.length) {
      const input = sample[next++] as Input
      const cookie = sessions[input.role]?.cookie
      const headers: Record<string, string> = {
        ...(cookie && { cookie }),
        ...(input.contentType && { 'content-type': input.contentType }),
        ...(input.origin === 'own' && { origin: app.origin }),
        ...(input.origin === 'other' && { origin: 'https://elsewhere.example' }),
      }
      let status: number
      let text = ''
      try {
        const response = await fetch(`${app.origin}${input.path}`, {
          method: input.method,
          headers,
          ...(input.body !== null && { body: input.body }),
          redirect: 'manual',
          signal: AbortSignal.timeout(30_000),
        })
        status = response.status
        // The live stream never ends; its first bytes are enough.
        if (response.headers.get('content-type')?.includes('event-stream')) await response.body?.cancel()
        else text = (await response.text()).slice(0, 300)
      } catch (error) {
        status = 599
        text = String(error)
      }
      statuses[status] = (statuses[status] ?? 0) + 1
      if (status >= 500) serverErrors.push({ input, status, text })
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, lane))
  const seconds = (performance.now() - started) / 1000

  const writes = await store.query<{ name: string; op: string; detail: string }>(
    'select name, op, detail from chaos_writes order by id',
  )
  // By design, and no bad input's doing: failed sign-ins are recorded (the lock-out counts them), a
  // refusal (a probed magic link too) leaves its audit record, and a supervisor opening a lead page is audited before anything
  // is read (personal-data access), whether or not the source has that lead.
  const accessAudit = (w: (typeof writes)[number]) =>
    w.name === 'audit_log' &&
    w.op === 'INSERT' &&
    (/"action":"[^"]*(refused|rejected)"/.test(w.detail) ||
      /"action":"[a-z_]+\.[a-z_]*(viewed|found|played)"/.test(w.detail))
  // The quality page keeps every refusal as a system error (decision 0032): a refusal's record, by design.
  const refusalKept = (w: (typeof writes)[number]) => w.name === 'system_errors' && w.op === 'INSERT'
  const failedSignIn = (w: (typeof writes)[number]) =>
    w.name === 'login_attempts' && w.op === 'INSERT' && w.detail.includes('"succeeded":false')
  const wrong = writes.filter((w) => !accessAudit(w) && !failedSignIn(w) && !refusalKept(w))
  const byTable: Record<string, number> = {}
  for (const w of wrong) byTable[`${w.name}.${w.op}`] = (byTable[`${w.name}.${w.op}`] ?? 0) + 1
  const figures = {
    inputs: sample.length,
    routes: patterns.length,
    roles: 4,
    seconds: Math.round(seconds),
    statuses,
    responses_5xx: serverErrors.length,
    rows_written: wrong.length,
    writes_by_table: byTable,
    failed_sign_ins_recorded: writes.filter(failedSignIn).length,
    access_audit_records: writes.filter(accessAudit).length,
  }
  printFigures('e-bad-inputs', figures)
  for (const e of serverErrors.slice(0, 5))
    note(
      `5xx ${e.status} ${e.input.role} ${e.input.method} ${e.input.path.slice(0, 200)} ${JSON.stringify(e.input.body?.slice(0, 200))}: ${e.text}`,
    )
  for (const w of wrong.slice(0, 5)) note(`write ${w.name} ${w.op} ${w.detail}`)
  expect(serverErrors.map((e) => `${e.status} ${e.input.method} ${e.input.path.slice(0, 80)}`)).toEqual([])
  expect(byTable).toEqual({})
})
