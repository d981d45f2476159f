import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Schema } from 'effect'
import { loadCampaignLive } from '../server/campaign-live.server'
import {
  type CampaignFormValues,
  campaignForForm,
  campaignFormOptions,
  campaignFromForm,
  formFieldOf,
  formValues,
} from '../server/campaigns.server'
import { decodeForm, messageOf, readForm } from '../server/forms.server'
import { supervisorAction, supervisorLoader } from '../server/supervisor.server'

const notFound = () => new Response('No such campaign', { status: 404 })

/** One campaign: its settings as a form, its agents, and who may join. Supervisors and admins. */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const { ringlane } = running
  const campaign = await ringlane.campaigns.get(params.campaignId ?? '').catch(() => null)
  if (!campaign) throw notFound()
  const [members, accounts, live] = await Promise.all([
    ringlane.campaigns.agents(campaign.id),
    ringlane.agents.list(),
    // Server-rendered, so the numbers are there before the page hydrates.
    loadCampaignLive(running, campaign),
  ])
  const byId = new Map(accounts.map((a) => [a.id as string, a]))
  const joined = new Set(members.map((m) => m.agentId as string))
  return {
    campaign: campaignForForm(campaign),
    live,
    options: await campaignFormOptions(running),
    agents: members.map((m) => ({
      id: m.agentId as string,
      name: byId.get(m.agentId)?.displayName ?? m.agentId,
      email: byId.get(m.agentId)?.email ?? '',
      active: byId.get(m.agentId)?.active ?? false,
      joinedAt: m.joinedAt.toISOString(),
    })),
    // Those who may join: active accounts with the agent role (the SDK checks again).
    candidates: accounts
      .filter((a) => a.active && a.role === 'agent' && !joined.has(a.id))
      .map((a) => ({ id: a.id as string, name: a.displayName, email: a.email })),
  }
}

const Intent = Schema.Struct({ intent: Schema.Literal('update', 'pause', 'resume', 'join', 'leave') })
const AgentChoice = Schema.Struct({
  agentId: Schema.UUID.annotations({ message: () => 'Choose an agent' }),
})

export type CampaignActionResult =
  | { ok: true; intent: string; message: string }
  | { ok: false; intent: string; fields: Record<string, string>; values?: CampaignFormValues }

/** Saves the settings, pauses or resumes, or adds or removes an agent; each one audited by the SDK. */
export const action = async ({ request, context, params }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction({ request, context })
  const { campaigns } = running.ringlane
  const campaign = await campaigns.get(params.campaignId ?? '').catch(() => null)
  if (!campaign) throw notFound()
  const form = await readForm(request)
  const intent = decodeForm(Intent, form)
  if (!intent.ok)
    return data<CampaignActionResult>(
      { ok: false, intent: 'unknown', fields: intent.fields },
      { status: 400 },
    )
  const name = intent.value.intent
  const done = (message: string) => data<CampaignActionResult>({ ok: true, intent: name, message })
  const fail = (fields: Record<string, string>, values?: CampaignFormValues) =>
    data<CampaignActionResult>(
      { ok: false, intent: name, fields, ...(values ? { values } : {}) },
      { status: 400 },
    )

  try {
    if (name === 'update') {
      await campaigns.update(
        campaign.id,
        { machineMessage: null, ...campaignFromForm(form) } as never,
        user.id,
      )
      return done('Saved.')
    }
    if (name === 'pause' || name === 'resume') {
      await (name === 'pause' ? campaigns.pause : campaigns.resume)(campaign.id, user.id)
      return done(name === 'pause' ? 'Paused: no new calls are placed.' : 'Resumed.')
    }
    const choice = decodeForm(AgentChoice, form)
    if (!choice.ok) return fail(choice.fields)
    if (name === 'join') {
      await campaigns.join(campaign.id, choice.value.agentId, user.id)
      return done('Agent added.')
    }
    await campaigns.leave(campaign.id, choice.value.agentId, user.id)
    return done('Agent removed.')
  } catch (error) {
    if (name === 'update')
      return fail({ [formFieldOf(error)]: messageOf(error) }, formValues(form, campaignForForm(campaign)))
    return fail({ [name === 'join' ? 'agentId' : 'form']: messageOf(error) })
  }
}
