export interface RetryOptions {
  /** First wait after a failure. Default 1 s. */
  readonly initialDelayMs?: number
  /** Longest wait between attempts. Default 30 s. */
  readonly maxDelayMs?: number
}

/**
 * Exponential backoff with jitter, so a room of agents whose Wi-Fi came back does not re-register in
 * the same second.
 */
export const retryDelay = (attempt: number, options: RetryOptions = {}, random = Math.random): number => {
  const initial = options.initialDelayMs ?? 1_000
  const max = options.maxDelayMs ?? 30_000
  const ceiling = Math.min(max, initial * 2 ** Math.max(0, attempt))
  return Math.round(ceiling / 2 + (ceiling / 2) * random())
}
