import { createHash, randomBytes } from 'node:crypto'
import type { DiallerApp } from './dialler.server'
import { hashPassword } from './passwords.server'

/** Invitations and password resets: links that work once, before they expire, for one account. */
type Accounts = Pick<DiallerApp, 'db' | 'ringlane' | 'publicBaseUrl'>
export type LinkPurpose = 'invite' | 'reset'

/** An invitation waits a week for its person; a reset is for now, so a day. */
const LIFETIME_HOURS: Record<LinkPurpose, number> = { invite: 7 * 24, reset: 24 }

// The database keeps only a hash: a copy of the table opens no account.
const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url')

/**
 * A new link for the account; the account's earlier unused links of any kind stop working. The
 * token is shown to the admin once and stored only as its hash.
 */
export const issueAccountLink = async (
  { db, publicBaseUrl }: Accounts,
  link: { agentId: string; purpose: LinkPurpose; createdBy: string },
) => {
  const token = randomBytes(32).toString('base64url')
  const now = new Date()
  const expiresAt = new Date(+now + LIFETIME_HOURS[link.purpose] * 3_600_000)
  await db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom('account_links')
      .where('agent_id', '=', link.agentId)
      .where('used_at', 'is', null)
      .execute()
    await tx
      .insertInto('account_links')
      .values({
        token_hash: hashOf(token),
        agent_id: link.agentId,
        purpose: link.purpose,
        created_by: link.createdBy,
        created_at: now,
        expires_at: expiresAt,
        used_at: null,
      })
      .execute()
  })
  return { url: new URL(`/account/set-password?token=${token}`, publicBaseUrl).toString(), expiresAt }
}

/** The account a link opens, if it is unused and not expired; null for any other token. */
export const openAccountLink = async ({ db, ringlane }: Accounts, token: string) => {
  const link = await db
    .selectFrom('account_links')
    .select(['agent_id', 'purpose', 'expires_at'])
    .where('token_hash', '=', hashOf(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst()
  const agent = link ? await ringlane.agents.find(link.agent_id).catch(() => null) : null
  return link && agent?.active ? { agent, purpose: link.purpose, expiresAt: new Date(link.expires_at) } : null
}

/**
 * Sets the password through a link: the link is spent first (so two tabs cannot both use it), then
 * the hash is stored and every session of the account ends. Null when the link no longer works.
 */
export const setPasswordByLink = async ({ db, ringlane }: Accounts, token: string, password: string) => {
  const hash = await hashPassword(password)
  const spent = await db
    .updateTable('account_links')
    .set({ used_at: new Date() })
    .where('token_hash', '=', hashOf(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning(['agent_id', 'purpose'])
    .executeTakeFirst()
  if (!spent) return null
  await ringlane.agents.setPassword(spent.agent_id, hash)
  await db.deleteFrom('app_sessions').where('agent_id', '=', spent.agent_id).execute()
  return { agentId: spent.agent_id, purpose: spent.purpose }
}
