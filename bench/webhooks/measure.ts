import { readdir, readFile } from 'node:fs/promises'

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

/** Progress goes to stderr: stdout carries only the one JSON line. */
export const log = (message: string) => process.stderr.write(`[bench:webhooks] ${message}\n`)

/** Nearest-rank percentile, so a p99 is a latency that really happened. */
export const percentile = (samples: ArrayLike<number>, p: number) => {
  if (samples.length === 0) throw new Error('percentile of no samples')
  const sorted = Float64Array.from(samples).sort()
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1] as number
}

export const median = (samples: ArrayLike<number>) => percentile(samples, 50)

export const round = (value: number, digits = 2) => Number(value.toFixed(digits))

/** Same seed, same load: mulberry32, as the demo data generator uses. */
export const seeded = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
