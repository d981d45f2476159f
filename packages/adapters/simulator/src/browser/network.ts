/** Tells the driver when the browser's network comes back, so it re-registers without waiting. */
export interface NetworkEvents {
  /** Calls `listener` each time the browser goes back online; returns a function that stops it. */
  onOnline(listener: () => void): () => void
}

/** The browser's `online` event; nothing at all where there is no `window` (server render, tests). */
export const browserNetwork: NetworkEvents = {
  onOnline: (listener) => {
    if (typeof window === 'undefined') return () => {}
    window.addEventListener('online', listener)
    return () => window.removeEventListener('online', listener)
  },
}
