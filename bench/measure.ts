/** What every benchmark measures with: percentiles, rounding, timing and a seeded random source. */

/** Progress goes to stderr: stdout carries only the one JSON line. */
export const logger = (bench: string) => (message: string) => process.stderr.write(`[${bench}] ${message}\n`)

/** Nearest-rank percentile, so a p99 is a latency that really happened. */
export const percentile = (samples: ArrayLike<number>, p: number) => {
  if (samples.length === 0) throw new Error('percentile of no samples')
  const sorted = Float64Array.from(samples).sort()
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1] as number
}

export const median = (samples: ArrayLike<number>) => percentile(samples, 50)

export const round = (value: number, digits = 2) => Number(value.toFixed(digits))

export const timed = async <A>(run: () => Promise<A>) => {
  const start = performance.now()
  const value = await run()
  return { value, ms: performance.now() - start }
}

/** Same seed, same sample and load every run: the simulator's mulberry32, as the demo data generator uses. */
export { seededRandom as seeded } from '@ringlane/simulator/discrete'
