/**
 * Request limits beyond sign-in, kept in memory per app instance: each instance counts only what it
 * serves (N instances allow up to N times the limit), and a restart forgets. Sign-in failures are the
 * exception: they are counted in Postgres (`login_attempts`), shared by every instance.
 *
 * Fixed one-minute windows per key: the first request of a key opens a window; once `limit` requests
 * have been taken in it, the rest get 429 with Retry-After until it ends. A limit of 0 turns it off.
 */
const WINDOW_MS = 60_000
const windows = new Map<string, { readonly start: number; count: number }>()

/** Takes one request for `key`: null when allowed, else the seconds until the window ends. */
export const takeRequest = (key: string, limit: number, now = Date.now()): number | null => {
  if (limit <= 0) return null
  // Forget ended windows now and then, so the map holds only the last minute's keys.
  if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.start >= WINDOW_MS) windows.delete(k)
  let window = windows.get(key)
  if (!window || now - window.start >= WINDOW_MS) {
    window = { start: now, count: 0 }
    windows.set(key, window)
  }
  if (window.count >= limit) return Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000))
  window.count += 1
  return null
}

/** The answer to a request over its limit. */
export const tooManyRequests = (retryAfterSeconds: number, what: string) =>
  new Response(`Too many ${what}; try again in ${retryAfterSeconds} s.`, {
    status: 429,
    headers: { 'Retry-After': String(retryAfterSeconds), 'Content-Type': 'text/plain; charset=utf-8' },
  })
