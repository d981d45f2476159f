/** How a browser softphone gets back on its feet: when the network returns, and how long to wait between tries. */

/** Tells the driver when the browser's network comes back, so it re-registers without waiting. */
export interface NetworkEvents {
  /** Calls `listener` each time the browser goes back online; returns a function that stops it. */
  onOnline(listener: () => void): () => void
}

/** The slice of `window` this needs, typed here: core builds without the DOM library. */
interface OnlineEvents {
  addEventListener(type: 'online', listener: () => void): void
  removeEventListener(type: 'online', listener: () => void): void
}

/** The browser's `online` event; nothing at all where there is no `window` (server render, tests). */
export const browserNetwork: NetworkEvents = {
  onOnline: (listener) => {
    const browser = (globalThis as { window?: OnlineEvents }).window
    if (browser === undefined) return () => {}
    browser.addEventListener('online', listener)
    return () => browser.removeEventListener('online', listener)
  },
}

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
