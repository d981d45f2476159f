import { logger, percentile } from '../measure.ts'

export const log = logger('bench:queues')

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
