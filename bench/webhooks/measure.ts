import { readdir, readFile } from 'node:fs/promises'
import { logger } from '../measure.ts'

/** Clock ticks per second in /proc/<pid>/stat: USER_HZ, 100 on Linux. */
const TICKS_PER_SECOND = 100

/**
 * CPU time in milliseconds used so far by the live `postgres` processes on this machine (the server,
 * its background workers and the pool's backends, which live through a whole load), read from /proc.
 * Null where there is no /proc or no local Postgres, so the bench still runs against a remote one.
 */
export const databaseCpuMs = async (): Promise<number | null> => {
  let pids: string[]
  try {
    pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name))
  } catch {
    return null
  }
  let ticks = 0
  let found = false
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')
    // pid (comm) state ppid ...: fields after the command's closing parenthesis, utime and stime at 12 and 13.
    const close = stat.lastIndexOf(')')
    if (close < 0 || stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue
    const fields = stat.slice(close + 2).split(' ')
    ticks += Number(fields[11]) + Number(fields[12])
    found = true
  }
  return found ? (ticks / TICKS_PER_SECOND) * 1000 : null
}

export const log = logger('bench:webhooks')
