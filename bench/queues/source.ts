import { type ClaimsSource, generateClaimsSource, migrateClaimsSource } from '@ringlane/claims'
import { connectLeadSource } from '@ringlane/mysql'
import type { Kysely } from 'kysely'
import mysql from 'mysql2'
import { timed } from '../measure.ts'
import { log } from './measure.ts'

export interface BenchSource {
  /** mysql2 callback pool, as `mysqlLeadSource` takes it. */
  readonly pool: mysql.Pool
  /** Kysely over the same pool, for the baseline's candidate queries. */
  readonly db: Kysely<ClaimsSource>
  readonly counts: SourceCounts
  close(): Promise<void>
}

interface SourceCounts {
  readonly users: number
  readonly claims: number
  readonly requirements: number
}

/** Fixed, so a cached source is the same data the generator would make again. */
export const SOURCE_SEED = 20_240_601

const countRows = async (pool: mysql.Pool): Promise<SourceCounts> => {
  const [rows] = await pool
    .promise()
    .query(
      'select (select count(*) from users) as users, (select count(*) from claims) as claims, (select count(*) from claim_requirements) as requirements',
    )
  const row = (rows as Array<Record<keyof SourceCounts, number | string>>)[0]
  return { users: Number(row?.users), claims: Number(row?.claims), requirements: Number(row?.requirements) }
}

/** What a finished generation recorded; absent if the last one was interrupted. */
const recorded = async (pool: mysql.Pool): Promise<(SourceCounts & { seed: number }) | undefined> => {
  try {
    const [rows] = await pool.promise().query('select users, claims, requirements, seed from bench_meta')
    const row = (rows as Array<SourceCounts & { seed: number }>)[0]
    return row && { ...row, users: Number(row.users) }
  } catch {
    return undefined
  }
}

/**
 * The claims source on MariaDB at a given number of people, in its own database
 * (`ringlane_bench_<users>`). Generating 100,000 people takes minutes, so a database that a finished
 * run left with the same seed and the row counts it recorded is reused; anything else is rebuilt.
 */
export const prepareSource = async (mysqlUrl: string, users: number): Promise<BenchSource> => {
  const name = `ringlane_bench_${users}`
  const admin = mysql.createConnection({ uri: mysqlUrl }).promise()
  await admin.query(`create database if not exists \`${name}\``)
  const url = new URL(mysqlUrl)
  url.pathname = `/${name}`
  // timezone 'Z': DATETIME columns hold UTC, as the adapter expects.
  const pool = mysql.createPool({ uri: url.toString(), timezone: 'Z', connectionLimit: 10 })
  const db = connectLeadSource<ClaimsSource>(pool)

  const meta = await recorded(pool)
  const counts = meta?.users === users && meta.seed === SOURCE_SEED ? await countRows(pool) : undefined
  if (
    meta &&
    counts &&
    counts.users === users &&
    counts.claims === Number(meta.claims) &&
    counts.requirements === Number(meta.requirements)
  ) {
    log(
      `source: reusing MariaDB ${name} (${counts.users} users, ${counts.claims} claims, ${counts.requirements} requirements)`,
    )
  } else {
    log(`source: generating ${users} users into MariaDB ${name} (seed ${SOURCE_SEED})`)
    await admin.query(`drop database if exists \`${name}\``)
    await admin.query(`create database \`${name}\``)
    await migrateClaimsSource(db as Kysely<unknown>)
    let reported = 0
    const { value: made, ms } = await timed(() =>
      generateClaimsSource(db, {
        users,
        seed: SOURCE_SEED,
        onProgress: (progress) => {
          if (
            progress.users - reported >= progress.totalUsers / 10 ||
            progress.users === progress.totalUsers
          ) {
            reported = progress.users
            log(
              `source: ${progress.users}/${progress.totalUsers} users, ${progress.requirements} requirements`,
            )
          }
        },
      }),
    )
    log(`source: generated in ${(ms / 1000).toFixed(1)} s`)
    // Fresh statistics, so the candidate queries get the plans a long-lived replica would.
    await pool.promise().query('analyze table users, user_addresses, claims, claim_requirements')
    // Written last: its presence means the generation finished.
    await pool
      .promise()
      .query(
        'create table bench_meta (users int not null, claims int not null, requirements int not null, seed int not null)',
      )
    await pool
      .promise()
      .query('insert into bench_meta values (?, ?, ?, ?)', [
        made.users,
        made.claims,
        made.requirements,
        SOURCE_SEED,
      ])
  }
  await admin.end()
  return {
    pool,
    db,
    counts: counts ?? (await countRows(pool)),
    close: () => db.destroy(),
  }
}
