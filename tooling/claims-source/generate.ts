// Fills an empty database with a demo claims source: `--scale 1` is the seed scale (10,000 people,
// ~29k claims, ~200k requirements), 10 and 100 the larger test sizes. Phone numbers come only from
// Ofcom's drama range. Usage:
//   pnpm generate:source --url mysql://root@127.0.0.1:3306/demo --scale 10 [--seed 1]
import { parseArgs } from 'node:util'
import { type ClaimsSource, generateClaimsSource, migrateClaimsSource } from '@ringlane/claims'
import { Kysely, MysqlDialect, PostgresDialect } from 'kysely'
import { createPool } from 'mysql2'
import pg from 'pg'

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
  },
})
const scale = Number(values.scale)
const seed = Number(values.seed)
const fail = (message: string) => {
  process.stderr.write(`generate: ${message}\n`)
  process.exit(2)
}
if (!values.url) fail('--url is required: mysql://user@host:3306/db or postgres://user@host:5432/db')
if (!(scale > 0 && scale <= 1000))
  fail(`--scale must be a number above 0 and at most 1000, got ${values.scale}`)
if (!Number.isInteger(seed)) fail(`--seed must be a whole number, got ${values.seed}`)

const url = new URL(values.url as string)
const db = new Kysely<ClaimsSource>({
  dialect: url.protocol.startsWith('mysql')
    ? new MysqlDialect({ pool: createPool({ uri: url.toString(), timezone: 'Z', connectionLimit: 2 }) })
    : new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 2 }) }),
})
try {
  await migrateClaimsSource(db as Kysely<unknown>)
  const existing = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  if (Number(existing.n) > 0)
    fail(`${url.host}${url.pathname} already holds ${existing.n} people; use an empty database`)
  const users = Math.round(10_000 * scale)
  const started = Date.now()
  const totals = await generateClaimsSource(db, {
    users,
    seed,
    onProgress: (p) =>
      process.stderr.write(
        `\r${p.users.toLocaleString('en-GB')} / ${p.totalUsers.toLocaleString('en-GB')} people, ${p.claims.toLocaleString('en-GB')} claims, ${p.requirements.toLocaleString('en-GB')} requirements`,
      ),
  })
  process.stderr.write(`\ndone in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
  process.stdout.write(`${JSON.stringify(totals)}\n`)
} finally {
  await db.destroy()
}
