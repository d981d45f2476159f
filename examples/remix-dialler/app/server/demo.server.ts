import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import {
  type ClaimsSource,
  generateClaimsSource,
  migrateClaimsSource,
  type RowWriter,
} from '@ringlane/claims'
import type { Ringlane } from '@ringlane/core'
import type { Kysely } from 'kysely'
import { hashPassword } from './passwords.server'

/** Fills an empty embedded source with demo people, showing progress; a no-op once it holds data. */
export const ensureDemoSource = async (
  source: Kysely<ClaimsSource>,
  people: number,
  log: (line: string) => void,
  writeRows?: RowWriter,
) => {
  await migrateClaimsSource(source as Kysely<unknown>)
  const existing = await source
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  if (Number(existing.n) > 0) return
  const started = Date.now()
  log(`Generating the demo lead source: ${people.toLocaleString('en-GB')} people (Ofcom drama numbers only)…`)
  let last = 0
  const totals = await generateClaimsSource(source, {
    users: people,
    seed: 1,
    ...(writeRows && { writeRows }),
    onProgress: (p) => {
      const percent = Math.floor((p.users / p.totalUsers) * 100)
      if (percent >= last + 20 || p.users === p.totalUsers) {
        last = percent
        log(
          `  ${p.users.toLocaleString('en-GB')} people, ${p.claims.toLocaleString('en-GB')} claims, ${p.requirements.toLocaleString('en-GB')} requirements (${percent}%)`,
        )
      }
    },
  })
  log(
    `Demo source ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${totals.users.toLocaleString('en-GB')} people.`,
  )
}

export interface DemoLogin {
  readonly role: 'agent' | 'supervisor' | 'admin'
  readonly email: string
  readonly password: string
}

/** The demo agent in the demo progressive campaign. */
export const AUTO_AGENT_EMAIL = 'auto-agent@demo.ringlane.test'

/**
 * The demo's accounts (an agent, a supervisor, an admin and the auto-mode agent), made once with random passwords that live in the data dir (mode 0600)
 * so they can be printed at every start. Only the embedded demo has them. `planDemoLogins` starts the
 * password hashing at once, on libuv's threads, so it overlaps the database work on the main thread;
 * `ensureDemoLogins` then stores the accounts.
 */
export const planDemoLogins = (file: string) => {
  if (existsSync(file)) {
    const logins = JSON.parse(readFileSync(file, 'utf8')) as DemoLogin[]
    return { file, logins, hashes: null }
  }
  const logins: DemoLogin[] = [
    ...(['agent', 'supervisor', 'admin'] as const).map((role) => ({
      role,
      email: `${role}@demo.ringlane.test`,
      password: randomBytes(9).toString('base64url'),
    })),
    // The demo campaign's agent: calls come to them in auto mode, without dialling.
    { role: 'agent', email: AUTO_AGENT_EMAIL, password: randomBytes(9).toString('base64url') },
  ]
  const hashes = Promise.all(logins.map((login) => hashPassword(login.password)))
  // Awaited in ensureDemoLogins; a failure here must not surface as an unhandled rejection first.
  hashes.catch(() => undefined)
  return { file, logins, hashes }
}
export type DemoLoginPlan = ReturnType<typeof planDemoLogins>

export const ensureDemoLogins = async (
  ringlane: Ringlane,
  plan: DemoLoginPlan,
): Promise<ReadonlyArray<DemoLogin>> => {
  if (!plan.hashes) return plan.logins
  const hashes = await plan.hashes
  for (const [index, login] of plan.logins.entries()) {
    await ringlane.agents.create(
      {
        email: login.email,
        displayName: login.email === AUTO_AGENT_EMAIL ? 'Demo auto agent' : `Demo ${login.role}`,
        role: login.role,
      },
      hashes[index],
    )
  }
  writeFileSync(plan.file, JSON.stringify(plan.logins, null, 2), { mode: 0o600 })
  return plan.logins
}

/**
 * The demo's campaigns, each made once under Ofcom's rules: preview dialling of the lead queues with
 * the demo agent, and progressive dialling (the call engine) with the demo auto agent, so a first
 * start has a desk in each mode and the campaign pages have something to show.
 */
export const ensureDemoCampaigns = async (ringlane: Ringlane, logins: ReadonlyArray<DemoLogin>) => {
  const existing = new Set<string>((await ringlane.campaigns.list()).map((campaign) => campaign.id))
  const { queues } = await ringlane.config()
  // The lead queues; callbacks come back to whoever booked them.
  const leadQueues = queues.filter((q) => q.kind === 'source').map((q) => q.id)
  const agents = await ringlane.agents.list()
  const agentOf = (email: string | undefined) => agents.find((a) => a.email === email)
  const demo = [
    {
      id: 'demo-claims',
      name: 'Demo: claims follow-up',
      dialMode: 'preview' as const,
      message: 'Sorry we missed you. This was the Ringlane demo; call us back on 01632 960000.',
      agent: agentOf(
        logins.find((login) => login.role === 'agent' && login.email !== AUTO_AGENT_EMAIL)?.email,
      ),
    },
    {
      id: 'demo-auto',
      name: 'Demo auto-dial',
      dialMode: 'progressive' as const,
      message:
        'Hello, this is Ringlane calling about your claim. Sorry we could not connect you; we will call again.',
      agent: agentOf(logins.find((login) => login.email === AUTO_AGENT_EMAIL)?.email),
    },
  ]
  for (const { id, name, dialMode, message, agent } of demo) {
    if (existing.has(id)) continue
    const campaign = await ringlane.campaigns.create({
      id,
      name,
      queues: leadQueues,
      dialMode,
      abandonTargetPercent: 2.5,
      abandonWindowHours: 24,
      maxLinesPerAgent: 1,
      minAgentsForPredictive: 5,
      // An Ofcom drama number, like every number in the demo.
      callerId: '+441632960000',
      ringTimeoutSeconds: 20,
      answeringMachine: 'hang-up',
      abandonMessage: { say: message },
      complianceProfiles: ['uk-ofcom'],
      wrapUpSeconds: null,
    })
    if (agent) await ringlane.campaigns.join(campaign.id, agent.id)
  }
}
