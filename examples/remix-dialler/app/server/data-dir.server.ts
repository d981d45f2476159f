import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Redacted } from 'effect'

/** The embedded dialler's folder: databases, recordings, and the secrets it made for itself. */
export const dataDirectory = (dir: string) => {
  const root = resolve(dir)
  mkdirSync(root, { recursive: true, mode: 0o700 })
  return {
    root,
    path: (...parts: string[]) => join(root, ...parts),
    /** A secret kept in the data dir (mode 0600), made on first use. */
    secret: (name: string): Redacted.Redacted<string> => {
      const file = join(root, `${name}.secret`)
      if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 })
      return Redacted.make(readFileSync(file, 'utf8').trim())
    },
  }
}
export type DataDirectory = ReturnType<typeof dataDirectory>
