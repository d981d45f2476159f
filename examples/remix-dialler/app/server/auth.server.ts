import { AsyncLocalStorage } from 'node:async_hooks'
import { createHash, randomBytes } from 'node:crypto'
import { redirect } from '@remix-run/node'
import type { Agents } from '@ringlane/core'
import type { DiallerApp } from './dialler.server'

/** What sign-in reads: the app's own session tables, and the accounts through the SDK. */
type Accounts = Pick<DiallerApp, 'db' | 'ringlane'>

import { clientIp } from './client-ip.server'
import { verifyPassword } from './passwords.server'
import { takeRequest, tooManyRequests } from './rate-limit.server'

export type Role = Agents.AgentRole
export interface SignedIn {
  readonly id: string
  readonly email: string
  readonly displayName: string
  readonly role: Role
}

const COOKIE = '__Host-ringlane-session'
const DEV_COOKIE = 'ringlane-session'
const SESSION_DAYS = 7
const WINDOW_MINUTES = 15
const MAX_FAILURES = 5

const hash = (sessionId: string) => createHash('sha256').update(sessionId).digest('base64url')
const secureCookies = (publicBaseUrl: string) => publicBaseUrl.startsWith('https:')
const cookieName = (publicBaseUrl: string) => (secureCookies(publicBaseUrl) ? COOKIE : DEV_COOKIE)

const sessionIdOf = (request: Request, publicBaseUrl: string) => {
  const name = cookieName(publicBaseUrl)
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return null
}

/**
 * The cookie holds only a random session id; the database keeps its hash, the agent and an expiry.
 * HttpOnly and SameSite=Lax (with an Origin check on every form post, see `checkOrigin`) keep it out
 * of scripts and cross-site requests.
 */
const sessionCookie = (publicBaseUrl: string, value: string, maxAgeSeconds: number) =>
  [
    `${cookieName(publicBaseUrl)}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAgeSeconds}`,
    ...(secureCookies(publicBaseUrl) ? ['Secure'] : []),
  ].join('; ')

export class LoginRefused extends Error {
  override readonly name = 'LoginRefused'
}

/**
 * Signs in with email and password. Five failures in fifteen minutes, for an account or from an
 * address, lock both out for the rest of the window; the reply never says which part was wrong.
 */
export const signIn = async (
  { db, ringlane }: Accounts,
  publicBaseUrl: string,
  input: { email: string; password: string; ip: string },
) => {
  const email = input.email.trim().toLowerCase()
  const keys = [`account:${email}`, `ip:${input.ip}`]
  const since = new Date(Date.now() - WINDOW_MINUTES * 60_000)
  const failures = await db
    .selectFrom('login_attempts')
    .select(['key', (eb) => eb.fn.countAll<string>().as('n')])
    .where('key', 'in', keys)
    .where('succeeded', '=', false)
    .where('at', '>=', since)
    .groupBy('key')
    .execute()
  if (failures.some((row) => Number(row.n) >= MAX_FAILURES)) {
    throw new LoginRefused(`Too many failed sign-ins. Try again in ${WINDOW_MINUTES} minutes.`)
  }
  const account = await ringlane.agents.credentials(email)
  const agent = account?.agent
  const valid = await verifyPassword(input.password, account?.passwordHash ?? null)
  const now = new Date()
  await db
    .insertInto('login_attempts')
    .values(keys.map((key) => ({ key, succeeded: valid && !!agent?.active, at: now })))
    .execute()
  if (!agent || !valid || !agent.active)
    throw new LoginRefused('That email and password do not match an active account.')
  // A new id at every sign-in: a session id seen before login is never the one used after it.
  const sessionId = randomBytes(32).toString('base64url')
  await db
    .insertInto('app_sessions')
    .values({
      id_hash: hash(sessionId),
      agent_id: agent.id,
      created_at: now,
      expires_at: new Date(+now + SESSION_DAYS * 86_400_000),
      last_seen_at: now,
    })
    .execute()
  // The start of a signed-in stretch, for the sign-in report (once, however many browsers).
  await ringlane.agents.signedIn(agent.id)
  return { agent, setCookie: sessionCookie(publicBaseUrl, sessionId, SESSION_DAYS * 86_400) }
}

/**
 * One HTTP request's sign-in, looked up once: a document request runs the action and every matched
 * route's loader (each with its own Request object), and each asks who is signed in (3 to 4 session
 * and account reads per page without this). The server wraps each request in `inRequestScope`.
 */
const requestScope = new AsyncLocalStorage<Map<string, Promise<SignedIn | null>>>()
export const inRequestScope = <A>(run: () => A): A => requestScope.run(new Map(), run)

/** Who is signed in, or null; expired sessions are refused. */
export const currentAgent = (
  accounts: Accounts,
  publicBaseUrl: string,
  request: Request,
): Promise<SignedIn | null> => {
  const scope = requestScope.getStore()
  const sessionId = sessionIdOf(request, publicBaseUrl)
  const known = sessionId ? scope?.get(sessionId) : undefined
  if (known) return known
  const found = lookUpAgent(accounts, sessionId)
  if (sessionId) scope?.set(sessionId, found)
  return found
}

const lookUpAgent = async (
  { db, ringlane }: Accounts,
  sessionId: string | null,
): Promise<SignedIn | null> => {
  if (!sessionId) return null
  const session = await db
    .selectFrom('app_sessions')
    .select(['agent_id', 'expires_at'])
    .where('id_hash', '=', hash(sessionId))
    .executeTakeFirst()
  if (!session || +new Date(session.expires_at) <= Date.now()) return null
  // Only an active account is signed in; one deactivated since is not.
  const agent = await ringlane.agents.find(session.agent_id).catch(() => null)
  return agent ? { id: agent.id, email: agent.email, displayName: agent.displayName, role: agent.role } : null
}

/** Whether the agent is still signed in somewhere: a session that has not expired. */
const hasLiveSession = async (db: Accounts['db'], agentId: string) =>
  !!(await db
    .selectFrom('app_sessions')
    .select('agent_id')
    .where('agent_id', '=', agentId)
    .where('expires_at', '>', new Date())
    .executeTakeFirst())

/**
 * Agents on the floor (not offline) whose every session has expired: signed off with that reason, so
 * the live page shows no ghosts. Run by the jobs every few minutes; how many were signed off.
 */
export const signOffExpiredSessions = async ({ db, ringlane }: Accounts) => {
  const { agents } = await ringlane.analytics.liveSnapshot()
  let signedOff = 0
  for (const agent of agents) {
    if (agent.state === 'offline' || (await hasLiveSession(db, agent.agentId))) continue
    await ringlane.agents.signOff(agent.agentId, 'session expired')
    signedOff++
  }
  return { signedOff }
}

/** Ends every session of the agent but the one this request came with (after a password change). */
export const endOtherSessions = async (
  { db }: Pick<Accounts, 'db'>,
  publicBaseUrl: string,
  request: Request,
  agentId: string,
) => {
  const sessionId = sessionIdOf(request, publicBaseUrl)
  await db
    .deleteFrom('app_sessions')
    .where('agent_id', '=', agentId)
    .where('id_hash', '!=', sessionId ? hash(sessionId) : '')
    .execute()
}

/** Ends this session, or every session of the agent. */
export const signOut = async (
  { db, ringlane }: Accounts,
  publicBaseUrl: string,
  request: Request,
  everywhere: boolean,
) => {
  const sessionId = sessionIdOf(request, publicBaseUrl)
  if (sessionId) {
    const agent = await currentAgent({ db, ringlane }, publicBaseUrl, request)
    if (everywhere && agent) await db.deleteFrom('app_sessions').where('agent_id', '=', agent.id).execute()
    else await db.deleteFrom('app_sessions').where('id_hash', '=', hash(sessionId)).execute()
    // The rest of this request (its loaders) sees the sign-out too.
    requestScope.getStore()?.delete(sessionId)
    // Signed out of their last browser: off the floor (offline, a live call hung up, the lead back).
    if (agent && !(await hasLiveSession(db, agent.id))) await ringlane.agents.signOff(agent.id, 'signed out')
  }
  return sessionCookie(publicBaseUrl, '', 0)
}

/**
 * The gate every loader and action goes through: signed in, with one of the roles. Others are sent
 * to sign in (with where they were going) or get 403.
 */
export const requireRole = async (
  { db, ringlane }: Accounts,
  publicBaseUrl: string,
  request: Request,
  roles: ReadonlyArray<Role>,
) => {
  const agent = await currentAgent({ db, ringlane }, publicBaseUrl, request)
  if (!agent) {
    const url = new URL(request.url)
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`)
  }
  if (!roles.includes(agent.role)) {
    throw new Response('You do not have access to this page.', { status: 403 })
  }
  return agent
}

/** Form posts must come from our own pages: a cross-site form cannot act with an agent's cookie. */
export const checkOrigin = (request: Request, publicBaseUrl: string) => {
  if (request.method === 'GET' || request.method === 'HEAD') return
  const origin = request.headers.get('origin')
  const allowed = new Set([new URL(publicBaseUrl).origin, new URL(request.url).origin])
  if (!origin || !allowed.has(origin))
    throw new Response('Cross-site form posts are refused.', { status: 403 })
}

/**
 * Form posts per session and address: `RATE_LIMIT_ACTIONS` a minute on each app instance (in memory,
 * see rate-limit.server.ts), then 429 with Retry-After. Thrown, so an action stops where it calls it.
 */
export const limitActions = (
  { env, publicBaseUrl }: Pick<DiallerApp, 'env' | 'publicBaseUrl'>,
  request: Request,
  context: unknown,
) => {
  const sessionId = sessionIdOf(request, publicBaseUrl)
  const key = `action:${sessionId ? hash(sessionId) : 'none'}:${clientIp(request, context, env.TRUST_PROXY)}`
  const wait = takeRequest(key, env.RATE_LIMIT_ACTIONS)
  if (wait !== null) throw tooManyRequests(wait, 'requests')
}
