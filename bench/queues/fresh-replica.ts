/**
 * `pnpm bench:fresh-replica`: the first queue regeneration on a MariaDB claims source that was just
 * loaded and never analysed, as a freshly built replica is, at seed scale (10,000 people). Prints one
 * JSON line on stdout; progress and query plans go to stderr. A measurement, not a test: nothing here
 * passes or fails on speed. See bench/README.md.
 */

import {
  type ClaimsSource,
  claimsPreset,
  claimsProfile,
  claimsQueues,
  generateClaimsSource,
  migrateClaimsSource,
} from '@ringlane/claims'
import { createRinglane, Queues, type RinglaneSettingsInput } from '@ringlane/core'
import { connectLeadSource, mysqlLeadSource } from '@ringlane/mysql'
import { Either } from 'effect'
import type { Kysely } from 'kysely'
import mysql from 'mysql2'
import { logger, median, percentile, round, seeded, timed } from '../measure.ts'
import { SOURCE_SEED } from './source.ts'
import { prepareStore } from './store.ts'

const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const MYSQL_URL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306'
const USERS = Number(process.env.BENCH_USERS ?? 10_000)
/** A plan that scans per person can run for many minutes; MariaDB ends any source statement after this. */
const STATEMENT_TIMEOUT_S = Number(process.env.BENCH_STATEMENT_TIMEOUT_S ?? 120)
const SOURCE_DATABASE = 'ringlane_bench_fresh'
const STORE_DATABASE = 'ringlane_bench_fresh'
const SOURCE_TABLES = ['users', 'user_addresses', 'claims', 'claim_requirements'] as const
const log = logger('bench:fresh-replica')
const settings: RinglaneSettingsInput = {
  allowFictionalNumbers: true,
  callingWindow: null,
  callPurpose: 'service',
}

const query = async <Row>(pool: mysql.Pool, statement: string, values: unknown[] = []) =>
  (await pool.promise().query(statement, values))[0] as Row[]

/**
 * What the optimizer has to go on: InnoDB's persistent index statistics (n_diff, zero until the
 * first recalculation or ANALYZE) and MariaDB's engine-independent statistics (only ANALYZE writes them).
 */
const statistics = async (pool: mysql.Pool) => {
  const [innodb] = await query<{ analysed: number | string; indexes: number | string }>(
    pool,
    `select sum(stat_value > 0) as analysed, count(*) as indexes from mysql.innodb_index_stats
     where database_name = ? and table_name in (?) and stat_name like 'n_diff_pfx%'`,
    [SOURCE_DATABASE, SOURCE_TABLES],
  )
  const [engineIndependent] = await query<{ n: number | string }>(
    pool,
    `select (select count(*) from mysql.table_stats where db_name = ?)
          + (select count(*) from mysql.column_stats where db_name = ?)
          + (select count(*) from mysql.index_stats where db_name = ?) as n`,
    [SOURCE_DATABASE, SOURCE_DATABASE, SOURCE_DATABASE],
  )
  return {
    innodbAnalysed: Number(innodb?.analysed ?? 0),
    innodbIndexes: Number(innodb?.indexes ?? 0),
    engineIndependent: Number(engineIndependent?.n ?? 0),
  }
}

/**
 * A new database, the claims schema, then 10,000 people: the state of a replica between its load and
 * its first statistics. InnoDB recalculates a table's statistics in the background once a tenth of it
 * changed, some seconds later; that race decides whether a run sees statistics or not, so the bench
 * turns the recalculation off for these tables before loading (`STATS_AUTO_RECALC = 0`) and checks
 * that nothing was collected.
 */
const prepareFreshSource = async () => {
  const admin = mysql.createConnection({ uri: MYSQL_URL }).promise()
  await admin.query(`drop database if exists \`${SOURCE_DATABASE}\``)
  await admin.query(`create database \`${SOURCE_DATABASE}\``)
  await admin.end()
  const url = new URL(MYSQL_URL)
  url.pathname = `/${SOURCE_DATABASE}`
  const pool = mysql.createPool({ uri: url.toString(), timezone: 'Z', connectionLimit: 10 })
  pool.on('connection', (connection) => {
    connection.query(`set session max_statement_time = ${STATEMENT_TIMEOUT_S}`)
  })
  const db = connectLeadSource<ClaimsSource>(pool)
  await migrateClaimsSource(db as Kysely<unknown>)
  for (const table of SOURCE_TABLES) await query(pool, `alter table ${table} stats_auto_recalc = 0`)
  const { value: made, ms } = await timed(() => generateClaimsSource(db, { users: USERS, seed: SOURCE_SEED }))
  log(
    `source: ${made.users} people, ${made.claims} claims, ${made.requirements} requirements loaded into MariaDB ${SOURCE_DATABASE} in ${(ms / 1000).toFixed(1)} s`,
  )
  const stats = await statistics(pool)
  log(
    `source statistics: ${stats.innodbAnalysed} of ${stats.innodbIndexes} InnoDB index prefixes counted, ${stats.engineIndependent} engine-independent rows`,
  )
  if (stats.innodbAnalysed > 0 || stats.engineIndependent > 0)
    throw new Error('the source has statistics: it is not what a fresh replica looks like')
  return { pool, db, made }
}

/** The SQL a Kysely query function would send, without sending it. */
const capture = async (db: Kysely<ClaimsSource>, run: (db: Kysely<ClaimsSource>) => Promise<unknown>) => {
  const statements: Array<{ sql: string; parameters: readonly unknown[] }> = []
  await run(
    db.withPlugin({
      transformQuery: ({ node, queryId }) => {
        const compiled = db.getExecutor().compileQuery(node, queryId)
        statements.push({ sql: compiled.sql, parameters: compiled.parameters })
        throw new Error('captured, not run')
      },
      transformResult: async ({ result }) => result,
    }),
  ).catch(() => undefined)
  return statements
}

interface PlanRow {
  id: number
  select_type: string
  table: string | null
  type: string | null
  key: string | null
  rows: string | number | null
}

const logPlan = async (
  pool: mysql.Pool,
  label: string,
  statement: { sql: string; parameters: readonly unknown[] },
) => {
  const plan = await query<PlanRow>(pool, `explain ${statement.sql}`, [...statement.parameters])
  log(`plan of ${label}:`)
  for (const row of plan)
    log(`  ${row.id} ${row.select_type} ${row.table} ${row.type} key=${row.key ?? '-'} rows=${row.rows}`)
}

const started = performance.now()
const source = await prepareFreshSource()
const { stores, close } = await prepareStore(POSTGRES_URL, STORE_DATABASE)
try {
  const queues = claimsQueues()
  const resolved = Either.getOrThrowWith(Queues.resolveQueues(queues), (error) => error)
  const now = new Date()

  // The plans MariaDB picks with no statistics.
  const requestOf = (queue: (typeof resolved)[number]) => ({
    createdBefore: new Date(+now - queue.coolingMinutes * 60_000),
    limit: queue.maxCandidates,
  })
  for (const queue of resolved) {
    if (!queue.candidates) continue
    const request = requestOf(queue)
    const statements = await capture(source.db, (db) => queue.candidates?.(db, request) ?? Promise.resolve())
    for (const statement of statements) await logPlan(source.pool, `${queue.id} candidates`, statement)
  }
  const profileId = String(Math.ceil(USERS / 2))
  const profileStatements = await capture(source.db, (db) => claimsProfile(db, profileId as never))
  // Only the first statement is captured: the next ones depend on its answer.
  for (const statement of profileStatements) await logPlan(source.pool, 'lead profile (person)', statement)

  // The first regeneration on the fresh source, as the dialler runs it.
  const leadSource = mysqlLeadSource({ pool: source.pool, preset: claimsPreset(queues) })
  const dialler = await createRinglane({ stores, source: leadSource, queues, settings })
  const regenerate = async (label: string) => {
    const start = performance.now()
    try {
      const { value, ms } = await timed(() => dialler.queues.regenerate())
      if (value._tag !== 'Regenerated') throw new Error('regeneration did not run')
      log(
        `${label}: ${ms.toFixed(0)} ms (kept/candidates: ${value.queues.map((q) => `${q.queueId} ${q.inserted}/${q.candidates}`).join(', ')})`,
      )
      return ms
    } catch (error) {
      log(
        `${label}: failed after ${((performance.now() - start) / 1000).toFixed(1)} s (statement limit ${STATEMENT_TIMEOUT_S} s): ${String(error)}`,
      )
      return null
    }
  }
  const first = await regenerate('fresh regeneration 1 (the first)')

  // Then, if it finished at all: three more, and each candidate query alone.
  const fresh: number[] = []
  const candidatesMs: Record<string, number | null> = {}
  if (first === null) log('fresh: the first regeneration did not finish; no further fresh rounds')
  else {
    for (let n = 2; n <= 4; n++) {
      const ms = await regenerate(`fresh regeneration ${n}`)
      if (ms !== null) fresh.push(ms)
    }
    for (const queue of resolved) {
      if (!queue.candidates) continue
      const request = requestOf(queue)
      const { value, ms } = await timed(() => queue.candidates?.(source.db, request) ?? Promise.resolve([]))
      log(`fresh ${queue.id} candidates alone: ${value.length} in ${ms.toFixed(0)} ms`)
      candidatesMs[queue.id] = round(ms, 1)
    }
  }

  // Lead context on the fresh source: what an agent opens, for random people.
  const next = seeded(USERS)
  const contextTimes: number[] = []
  for (let i = 0; i < 300; i++) {
    const leadId = String(1 + Math.floor(next() * USERS))
    const { ms } = await timed(() => claimsProfile(source.db, leadId as never))
    contextTimes.push(ms)
  }
  log(
    `lead profile, fresh: 300 calls, p50 ${percentile(contextTimes, 50).toFixed(2)} ms, p99 ${percentile(contextTimes, 99).toFixed(2)} ms`,
  )
  const stillFresh = await statistics(source.pool)
  if (stillFresh.innodbAnalysed > 0 || stillFresh.engineIndependent > 0)
    throw new Error('statistics appeared during the fresh runs: the numbers above are not of a fresh source')

  // The same regeneration once the tables are analysed, in the same run, for reference.
  await query(source.pool, `analyze table ${SOURCE_TABLES.join(', ')}`)
  const analysed: number[] = []
  for (let n = 1; n <= 3; n++) {
    const ms = await regenerate(`analysed regeneration ${n}`)
    if (ms !== null) analysed.push(ms)
  }
  await dialler.dispose()

  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`)
  console.log(
    JSON.stringify({
      fresh_replica_regen_ms: first === null ? null : round(first, 1),
      fresh_replica_regen_median_ms: fresh.length ? round(median(fresh), 1) : null,
      analysed_regen_median_ms: analysed.length ? round(median(analysed), 1) : null,
      fresh_candidates_ms: candidatesMs,
      fresh_context_p50_ms: round(percentile(contextTimes, 50)),
      fresh_context_p99_ms: round(percentile(contextTimes, 99)),
      statement_timeout_s: STATEMENT_TIMEOUT_S,
      people: source.made.users,
      claims: source.made.claims,
      requirements: source.made.requirements,
    }),
  )
} finally {
  await close()
  await source.db.destroy()
}
