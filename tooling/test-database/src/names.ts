import { randomBytes } from 'node:crypto'

/** Test schemas and databases carry their creation time so a later run can drop leftovers. */
export const PREFIX = 'rl_test_'

export const uniqueName = () =>
  `${PREFIX}${Math.floor(Date.now() / 1000).toString(36)}_${randomBytes(4).toString('hex')}`

/** Leftovers from crashed runs: named by this helper and older than an hour. */
export const isStale = (name: string, now = Date.now()) => {
  const match = new RegExp(`^${PREFIX}([0-9a-z]+)_[0-9a-f]{8}$`).exec(name)
  if (!match?.[1]) return false
  return now / 1000 - Number.parseInt(match[1], 36) > 3600
}
