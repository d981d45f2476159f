import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { newCampaignValues } from '../components/campaign-form'
import {
  type CampaignFormValues,
  campaignFormOptions,
  campaignFromForm,
  formFieldOf,
  formValues,
} from '../server/campaigns.server'
import { messageOf, readForm } from '../server/forms.server'
import { supervisorAction, supervisorLoader } from '../server/supervisor.server'

/** Every campaign with its agents' count, and what the new-campaign form offers. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const { campaigns } = running.ringlane
  const list = await campaigns.list()
  const staffed = await Promise.all(list.map((c) => campaigns.agents(c.id)))
  return {
    campaigns: list.map((c, index) => ({
      id: c.id as string,
      name: c.name,
      dialMode: c.dialMode,
      status: c.status,
      queues: c.queues.join(', '),
      abandonTargetPercent: c.abandonTargetPercent,
      abandonWindowHours: c.abandonWindowHours,
      profiles: c.complianceProfiles.join(' + '),
      agents: staffed[index]?.length ?? 0,
    })),
    options: await campaignFormOptions(running),
  }
}

type ActionResult = { ok: false; fields: Record<string, string>; values: CampaignFormValues }

/** Creates a campaign (the SDK checks it against its profiles), then opens it. */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction({ request, context })
  const form = await readForm(request)
  const id = form.get('id')
  try {
    const created = await running.ringlane.campaigns.create(
      { id: typeof id === 'string' ? id.trim() : '', ...campaignFromForm(form) } as never,
      user.id,
    )
    return redirect(`/supervisor/campaigns/${created.id}`)
  } catch (error) {
    const values = formValues(form, newCampaignValues(await campaignFormOptions(running)))
    return data<ActionResult>(
      { ok: false, fields: { [formFieldOf(error)]: messageOf(error) }, values },
      { status: 400 },
    )
  }
}
