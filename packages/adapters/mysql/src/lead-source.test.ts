import { type ClaimsSource, claimsPreset } from '@ringlane/claims'
import { describeClaimsSourceConformance } from '@ringlane/claims/testing'
import { createTestMysql, mysqlTestUrl } from '@ringlane/test-database'
import { createPool } from 'mysql2'
import { describe } from 'vitest'
import { connectLeadSource } from './connection.js'
import { mysqlLeadSource } from './lead-source.js'

describe.runIf(mysqlTestUrl())('MariaDB/MySQL', () => {
  describeClaimsSourceConformance('@ringlane/mysql (read-only user)', async () => {
    const database = await createTestMysql()
    const writerPool = createPool({ uri: database.url, timezone: 'Z' })
    const writer = connectLeadSource<ClaimsSource>(writerPool)
    let readerPool: ReturnType<typeof createPool> | undefined
    return {
      writer,
      // The source under test may only SELECT, as on a real replica.
      source: async () => {
        readerPool = createPool({ uri: await database.readOnlyUrl(), timezone: 'Z' })
        return mysqlLeadSource({ pool: readerPool, preset: claimsPreset() })
      },
      close: async () => {
        await writer.destroy()
        await new Promise((resolve) => readerPool?.end(resolve) ?? resolve(undefined))
        await database.close()
      },
    }
  })
})
