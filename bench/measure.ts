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

/** Same seed, same sample and load every run: mulberry32, as the demo data generator uses. */
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
