/** Progress goes to stderr: stdout carries only the one JSON line. */
export const log = (message: string) => process.stderr.write(`[bench:queues] ${message}\n`)

/** Nearest-rank percentile, so a p99 is a latency that really happened. */
export const percentile = (samples: ReadonlyArray<number>, p: number) => {
  if (samples.length === 0) throw new Error('percentile of no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1] as number
}

export const median = (samples: ReadonlyArray<number>) => percentile(samples, 50)

export const round = (value: number, digits = 2) => Number(value.toFixed(digits))

export const timed = async <A>(run: () => Promise<A>) => {
  const start = performance.now()
  const value = await run()
  return { value, ms: performance.now() - start }
}

/**
 * Latency of one operation, called one at a time (an agent waits for each answer): `warmup` calls
 * that are not counted, then `samples` that are.
 */
export const latency = async (
  name: string,
  { warmup, samples }: { readonly warmup: number; readonly samples: number },
  operation: (index: number) => Promise<unknown>,
) => {
  for (let i = 0; i < warmup; i++) await operation(i)
  const times: number[] = []
  for (let i = 0; i < samples; i++) {
    const start = performance.now()
    await operation(warmup + i)
    times.push(performance.now() - start)
  }
  const result = { p50: percentile(times, 50), p99: percentile(times, 99), max: percentile(times, 100) }
  log(
    `${name}: ${samples} calls, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, max ${result.max.toFixed(2)} ms`,
  )
  return result
}

/** Same seed, same sample of leads: mulberry32, as the demo data generator uses. */
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
