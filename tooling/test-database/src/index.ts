/**
 * Isolated databases for Ringlane's own tests.
 *
 * - Postgres: with TEST_DATABASE_URL, a fresh schema per test file on that server (the pool's
 *   search_path points at it); without it, an in-memory PGlite per test file.
 * - MySQL/MariaDB: with TEST_MYSQL_URL, a fresh database per test file; without it, tests that need
 *   a real MySQL engine are not run (see `mysqlTestUrl`).
 *
 * When a URL is set but the server cannot be reached, creation fails loudly: CI sets the URLs and
 * must never quietly skip the engines it promised to test.
 */

export { createTestMysql, mysqlTestUrl, type TestMysql } from './mysql.js'
export { createTestPostgres, type PostgresEngine, postgresEngines, type TestPostgres } from './postgres.js'
