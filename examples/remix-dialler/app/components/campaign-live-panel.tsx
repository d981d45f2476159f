/**
 * THE LIVE PANEL'S PLACE on a campaign's page: dial level, lines in flight and the abandon rate over
 * the current window (as a chart). The call engine fills it in from its pacing snapshots; until then
 * it shows nothing, rather than numbers nobody measured.
 */
export const CampaignLivePanel = (_props: { readonly campaignId: string }) => null
