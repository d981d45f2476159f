import { Campaigns, Compliance } from '@ringlane/core'
import type { DiallerApp } from './dialler.server'

/** The form's fields, in the order the page shows them; SDK errors are keyed back to these names. */
export const CAMPAIGN_FIELDS = [
  'id',
  'name',
  'queues',
  'dialMode',
  'complianceProfiles',
  'abandonTargetPercent',
  'abandonWindowHours',
  'maxLinesPerAgent',
  'minAgentsForPredictive',
  'ringTimeoutSeconds',
  'callerId',
  'answeringMachine',
  'abandonMessage',
  'machineMessage',
  'wrapUpSeconds',
  'inboundFirst',
] as const
export type CampaignField = (typeof CAMPAIGN_FIELDS)[number]

/** What the campaign form offers: the configured queues, the profiles and the house limit on lines. */
export const campaignFormOptions = async ({ ringlane }: DiallerApp) => {
  const { queues, settings } = await ringlane.config()
  const profiles = [...Compliance.shippedProfiles, ...settings.complianceProfiles]
  const describe = (p: Compliance.ComplianceProfile) => ({ id: p.id, name: p.name, ...bounds([p]) })
  return {
    queues: queues.map((q) => ({ id: q.id as string, label: q.label })),
    bases: profiles.filter((p) => !p.overlay).map(describe),
    overlays: profiles.filter((p) => p.overlay).map(describe),
    linesPerAgentLimit: settings.linesPerAgentLimit,
  }
}
export type CampaignFormOptions = Awaited<ReturnType<typeof campaignFormOptions>>

/** A profile's bounds as the form's hints show them: the SDK's own derivation, so hint and check agree. */
const bounds = (profiles: ReadonlyArray<Compliance.ComplianceProfile>) => {
  const b = Campaigns.campaignBounds(profiles)
  return {
    maxAbandonPercent: b.maxAbandonPercent,
    windowHours: b.defaultWindowHours,
    minRingSeconds: b.minRingSeconds,
  }
}

/** A message field: an https:// link is played, anything else is spoken. */
const message = (value: string) => {
  const text = value.trim()
  return /^https:\/\/\S+$/.test(text) ? { play: text } : { say: text }
}

/** A number field: blank and non-numbers go to the SDK as they are, so it names the field. */
const number = (value: string) =>
  value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value

const text = (form: FormData, name: string) => {
  const value = form.get(name)
  return typeof value === 'string' ? value : ''
}

/**
 * The campaign a form describes, as the SDK takes it. Only shape is translated here (numbers,
 * lists, messages); every rule is the SDK's, which refuses naming the field.
 */
export const campaignFromForm = (form: FormData) => {
  const base = text(form, 'complianceProfile')
  const overlays = form.getAll('complianceOverlays').filter((v): v is string => typeof v === 'string')
  const wrapUp = text(form, 'wrapUpSeconds')
  const machine = text(form, 'machineMessage')
  return {
    name: text(form, 'name'),
    queues: form.getAll('queues').filter((v): v is string => typeof v === 'string'),
    dialMode: text(form, 'dialMode'),
    abandonTargetPercent: number(text(form, 'abandonTargetPercent')),
    abandonWindowHours: number(text(form, 'abandonWindowHours')),
    maxLinesPerAgent: number(text(form, 'maxLinesPerAgent')),
    minAgentsForPredictive: number(text(form, 'minAgentsForPredictive')),
    ringTimeoutSeconds: number(text(form, 'ringTimeoutSeconds')),
    callerId: text(form, 'callerId').replace(/[\s()-]/g, ''),
    answeringMachine: text(form, 'answeringMachine'),
    abandonMessage: message(text(form, 'abandonMessage')),
    // Blank: none (an edit sends null to remove one).
    ...(machine.trim() === '' ? {} : { machineMessage: message(machine) }),
    complianceProfiles: base === '' ? [] : [base, ...overlays],
    wrapUpSeconds: wrapUp.trim() === '' ? null : number(wrapUp),
    inboundFirst: form.get('inboundFirst') === 'on',
  }
}

/** The form field an SDK refusal names (`queues.0` is the queues field, `abandonMessage.say` the message). */
export const formFieldOf = (error: unknown): CampaignField | 'form' => {
  const field = String((error as { field?: unknown }).field ?? '').split('.')[0]
  return (CAMPAIGN_FIELDS as ReadonlyArray<string>).includes(field ?? '') ? (field as CampaignField) : 'form'
}

/** A campaign as the edit form shows it. */
export const campaignForForm = (c: Campaigns.Campaign) => {
  const shown = (m: Campaigns.CampaignMessage | undefined) => (m ? ('say' in m ? m.say : m.play) : '')
  return {
    id: c.id as string,
    name: c.name,
    queues: c.queues.map(String),
    dialMode: c.dialMode,
    complianceProfile: c.complianceProfiles[0],
    complianceOverlays: c.complianceProfiles.slice(1),
    abandonTargetPercent: String(c.abandonTargetPercent),
    abandonWindowHours: String(c.abandonWindowHours),
    maxLinesPerAgent: String(c.maxLinesPerAgent),
    minAgentsForPredictive: String(c.minAgentsForPredictive),
    ringTimeoutSeconds: String(c.ringTimeoutSeconds),
    callerId: c.callerId,
    answeringMachine: c.answeringMachine,
    abandonMessage: shown(c.abandonMessage),
    machineMessage: shown(c.machineMessage),
    wrapUpSeconds: c.wrapUpSeconds === null ? '' : String(c.wrapUpSeconds),
    inboundFirst: c.inboundFirst,
    status: c.status,
  }
}
export type CampaignFormValues = ReturnType<typeof campaignForForm>

/** What a submitted form said, to show it again beside its errors (a page without scripts reloads). */
export const formValues = (form: FormData, fallback: CampaignFormValues): CampaignFormValues => {
  const value = (name: keyof CampaignFormValues) => {
    const v = form.get(name)
    return typeof v === 'string' ? v : String(fallback[name])
  }
  const list = (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string')
  return {
    ...fallback,
    id: value('id'),
    name: value('name'),
    queues: list('queues'),
    dialMode: value('dialMode') as CampaignFormValues['dialMode'],
    complianceProfile: value('complianceProfile'),
    complianceOverlays: list('complianceOverlays'),
    abandonTargetPercent: value('abandonTargetPercent'),
    abandonWindowHours: value('abandonWindowHours'),
    maxLinesPerAgent: value('maxLinesPerAgent'),
    minAgentsForPredictive: value('minAgentsForPredictive'),
    ringTimeoutSeconds: value('ringTimeoutSeconds'),
    callerId: value('callerId'),
    answeringMachine: value('answeringMachine') as CampaignFormValues['answeringMachine'],
    abandonMessage: value('abandonMessage'),
    machineMessage: value('machineMessage'),
    wrapUpSeconds: value('wrapUpSeconds'),
    inboundFirst: form.get('inboundFirst') === 'on',
  }
}
