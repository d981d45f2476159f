/**
 * @ringlane/mysql: the read-only lead source over a MySQL or MariaDB replica (mysql2).
 */
export { connectLeadSource } from './connection.js'
export { layer, type MysqlLeadSourceOptions, mysqlLeadSource } from './lead-source.js'
