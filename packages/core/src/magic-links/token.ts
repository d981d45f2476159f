import { Effect, Schema } from 'effect'

/**
 * A link's secret: 32 random bytes (256 bits) as base64url, 43 characters. Only its SHA-256 is stored,
 * so a copy of the database opens no link.
 */
export const LinkToken = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_-]{43}$/, { message: () => 'token must be the 43-character link token' }),
  Schema.brand('@ringlane/core/LinkToken'),
)
export type LinkToken = typeof LinkToken.Type

// btoa and Web Crypto exist on every runtime core supports (Node, Deno, Bun, edge workers).
const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

/** A fresh token from the platform's cryptographic random source (Web Crypto). */
export const newLinkToken = Effect.sync(() => {
  const bytes = new Uint8Array(32)
  globalThis.crypto.getRandomValues(bytes)
  return base64url(bytes) as LinkToken
})

/** The SHA-256 of a token, hex: what the store keeps and looks links up by. */
export const hashLinkToken = (token: string) =>
  Effect.promise(async () => {
    const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
    return hex(new Uint8Array(digest))
  })

/**
 * Compares two hashes in time that depends only on their length, so a response time says nothing
 * about how much of a guess was right.
 */
export const constantTimeEqual = (a: string, b: string) => {
  let difference = a.length ^ b.length
  const length = Math.max(a.length, b.length)
  for (let i = 0; i < length; i++) {
    difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0)
  }
  return difference === 0
}
