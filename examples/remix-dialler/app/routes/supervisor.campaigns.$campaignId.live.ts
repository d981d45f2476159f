import type { LoaderFunctionArgs } from '@remix-run/node'
import { loadCampaignLive } from '../server/campaign-live.server'
import { supervisorLoader } from '../server/supervisor.server'

/** The campaign page's live panel, fetched every 2 s. Supervisors and admins, like the page. */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const campaign = await running.ringlane.campaigns.get(params.campaignId ?? '').catch(() => null)
  if (!campaign) throw new Response('No such campaign', { status: 404 })
  return loadCampaignLive(running, campaign)
}
