import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { Schema } from 'effect'

// scrypt is memory-hard and ships with Node: no native module to build. N=2^15, r=8 uses 32 MiB.
const N = 2 ** 15
const r = 8
const p = 1
const KEY_LENGTH = 64

const derive = (password: string, salt: Buffer, n: number, blockSize: number, parallel: number) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(
      // Bytes, not a string: scrypt would stop a string at its first NUL, so `secret\0` would match
      // `secret`. Passwords without NUL give the same bytes either way, so stored hashes still verify.
      Buffer.from(password.normalize('NFKC'), 'utf8'),
      salt,
      KEY_LENGTH,
      { N: n, r: blockSize, p: parallel, maxmem: 64 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  )

/** `scrypt$N$r$p$salt$hash`, so the cost can rise later without breaking stored hashes. */
export const hashPassword = async (password: string) => {
  if (password.includes('\0')) throw new Error('A password cannot contain a NUL character')
  const salt = randomBytes(16)
  const key = await derive(password, salt, N, r, p)
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

export const verifyPassword = async (password: string, stored: string | null) => {
  const [scheme, n, blockSize, parallel, salt, hash] = (stored ?? '').split('$')
  // NUL is never part of a password (hashPassword refuses it), so one with NUL never matches.
  if (scheme !== 'scrypt' || !salt || !hash || password.includes('\0')) {
    // Spend the same time on unknown accounts, so timing does not reveal which emails exist.
    await derive(password, randomBytes(16), N, r, p)
    return false
  }
  const expected = Buffer.from(hash, 'base64url')
  const key = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    Number(n),
    Number(blockSize),
    Number(parallel),
  )
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** A password someone chooses (a new account, a change, a reset): long enough, and never a NUL. */
export const NewPassword = Schema.String.pipe(
  Schema.minLength(12, { message: () => 'Use at least 12 characters' }),
  Schema.maxLength(200, { message: () => 'Use at most 200 characters' }),
  Schema.pattern(/^[^\0]*$/, { message: () => 'A password cannot contain a NUL character' }),
)

/** The new password twice, as people type it: the second must match the first. */
export const ChosenPassword = Schema.Struct({ password: NewPassword, confirm: Schema.String }).pipe(
  Schema.filter((form) =>
    form.password === form.confirm ? undefined : { path: ['confirm'], message: 'The two passwords differ' },
  ),
)
