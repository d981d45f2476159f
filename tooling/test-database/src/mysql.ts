import mysql from 'mysql2/promise'
import { isStale, uniqueName } from './names.js'

export interface TestMysql {
  readonly database: string
  /** A pool on this file's database with full rights, for creating and filling tables. */
  readonly pool: mysql.Pool
  /** The URL of this file's database, as an application would be configured with it. */
  readonly url: string
  /**
   * The URL of a user that may only SELECT from this file's database: what a replica grants a
   * dialler. Created on first use and dropped with the database.
   */
  readOnlyUrl(): Promise<string>
  close(): Promise<void>
}

/** The MySQL/MariaDB server to test against, if this run has one. */
export const mysqlTestUrl = () => process.env.TEST_MYSQL_URL || undefined

/** One isolated MySQL database for a test file; close it in `afterAll`. */
export const createTestMysql = async (url = mysqlTestUrl()): Promise<TestMysql> => {
  if (!url) throw new Error('TEST_MYSQL_URL is not set: there is no MySQL/MariaDB server to test against.')
  const admin = await mysql.createConnection({ uri: url }).catch((cause: unknown) => {
    throw new Error(
      `TEST_MYSQL_URL is set but MySQL at ${new URL(url).host} could not be reached: ${
        cause instanceof Error ? cause.message : String(cause)
      }. Start the server or unset TEST_MYSQL_URL.`,
      { cause },
    )
  })
  const database = uniqueName()
  const readOnlyUser = `${database.slice(-20)}_ro`
  try {
    const [rows] = await admin.query<mysql.RowDataPacket[]>(
      "select schema_name as name from information_schema.schemata where schema_name like 'rl\\_test\\_%'",
    )
    for (const { name } of rows.filter((row) => isStale(String(row.name)))) {
      await admin.query(`drop database if exists \`${name}\``)
      await admin.query(`drop user if exists '${String(name).slice(-20)}_ro'@'%'`)
    }
    await admin.query(`create database \`${database}\` character set utf8mb4 collate utf8mb4_unicode_ci`)
  } finally {
    await admin.end()
  }
  const target = new URL(url)
  target.pathname = `/${database}`
  const pool = mysql.createPool({ uri: target.toString(), connectionLimit: 10, multipleStatements: true })
  let readOnly: string | undefined
  return {
    database,
    pool,
    url: target.toString(),
    readOnlyUrl: async () => {
      if (readOnly) return readOnly
      await pool.query(`create user if not exists '${readOnlyUser}'@'%' identified by 'read-only'`)
      await pool.query(`grant select on \`${database}\`.* to '${readOnlyUser}'@'%'`)
      const ro = new URL(target)
      ro.username = readOnlyUser
      ro.password = 'read-only'
      readOnly = ro.toString()
      return readOnly
    },
    close: async () => {
      await pool.query(`drop database if exists \`${database}\``).catch(() => undefined)
      await pool.query(`drop user if exists '${readOnlyUser}'@'%'`).catch(() => undefined)
      await pool.end()
    },
  }
}
