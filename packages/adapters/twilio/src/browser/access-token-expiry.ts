/**
 * When a Twilio access token (a JWT) expires, in epoch milliseconds, or `null` when it cannot be read.
 * The driver keeps its own refresh timer from this, because the Voice SDK's `tokenWillExpire` fires only
 * once per signaling connection: after the first `updateToken` it would never fire again.
 */
export const accessTokenExpiresAt = (token: string): number | null => {
  const payload = token.split('.')[1]
  if (!payload) return null
  try {
    const json: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')))
    if (typeof json === 'object' && json !== null && 'exp' in json && typeof json.exp === 'number') {
      return json.exp * 1000
    }
    return null
  } catch {
    return null
  }
}
