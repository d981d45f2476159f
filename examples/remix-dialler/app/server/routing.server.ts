import type { Routing } from '@ringlane/core'
import type { DiallerApp } from './dialler.server'

/** Rule step rows the queue form offers: the queue's own steps and this many blank ones. */
export const BLANK_STEPS = 2

const text = (form: FormData, name: string) => {
  const value = form.get(name)
  return typeof value === 'string' ? value : ''
}
/** A number field: blank is none (null); anything else goes to the SDK as typed, so it names the field. */
const optionalNumber = (value: string) =>
  value.trim() === '' ? null : Number.isFinite(Number(value)) ? Number(value) : value
/** "welsh, motor" as a list; blank entries dropped. */
const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)

/** The form rows that hold a step (an expression), in order: blank rows are left out. */
const stepRows = (form: FormData) => {
  const rows: number[] = []
  for (let index = 0; form.has(`steps.${index}.expression`); index++)
    if (text(form, `steps.${index}.expression`).trim() !== '') rows.push(index)
  return rows
}

const overflowFrom = (form: FormData) => {
  switch (text(form, 'overflowKind')) {
    case 'queue':
      return { kind: 'queue', queueId: text(form, 'overflowQueueId') }
    case 'voicemail':
      return { kind: 'voicemail', boxId: text(form, 'overflowBoxId') }
    case 'hang-up':
      return { kind: 'hang-up' }
    default:
      return null
  }
}

/** The queue a form describes, as the SDK takes it; every rule is the SDK's, which names the field. */
export const routingQueueFromForm = (form: FormData, id: string) => ({
  id,
  name: text(form, 'name'),
  strategy: text(form, 'strategy'),
  maxSize: optionalNumber(text(form, 'maxSize')),
  maxWaitSeconds: optionalNumber(text(form, 'maxWaitSeconds')),
  overflow: overflowFrom(form),
  requiredSkills: list(text(form, 'requiredSkills')),
  requiredLanguages: list(text(form, 'requiredLanguages')),
  agentIds: form.getAll('agentIds').filter((v): v is string => typeof v === 'string'),
  reservationTimeoutSeconds: optionalNumber(text(form, 'reservationTimeoutSeconds')) ?? 15,
  steps: stepRows(form).map((row) => ({
    expression: text(form, `steps.${row}.expression`),
    timeoutSeconds: optionalNumber(text(form, `steps.${row}.timeoutSeconds`)),
  })),
})

/** A queue as the form shows it (the form posts the same names back). */
export const routingQueueForForm = (queue: Routing.RoutingQueue | null) => ({
  id: queue?.id ?? '',
  name: queue?.name ?? '',
  strategy: queue?.strategy ?? 'longest-idle',
  maxSize: queue?.maxSize == null ? '' : String(queue.maxSize),
  maxWaitSeconds: queue?.maxWaitSeconds == null ? '' : String(queue.maxWaitSeconds),
  overflowKind: queue?.overflow?.kind ?? '',
  overflowQueueId: queue?.overflow?.kind === 'queue' ? (queue.overflow.queueId as string) : '',
  overflowBoxId: queue?.overflow?.kind === 'voicemail' ? queue.overflow.boxId : '',
  requiredSkills: queue?.requiredSkills.join(', ') ?? '',
  requiredLanguages: queue?.requiredLanguages.join(', ') ?? '',
  agentIds: [...(queue?.agentIds ?? [])],
  reservationTimeoutSeconds: String(queue?.reservationTimeoutSeconds ?? 15),
  steps: [
    ...(queue?.steps ?? []).map((step) => ({
      expression: step.expression,
      timeoutSeconds: step.timeoutSeconds === null ? '' : String(step.timeoutSeconds),
    })),
    ...Array.from({ length: BLANK_STEPS }, () => ({ expression: '', timeoutSeconds: '' })),
  ],
  version: queue?.version ?? 0,
})
export type RoutingQueueFormValues = ReturnType<typeof routingQueueForForm>

/** What a submitted form said, to show again beside its errors (the rows as typed, blank ones too). */
export const routingFormValues = (form: FormData, id: string): RoutingQueueFormValues => {
  const steps: RoutingQueueFormValues['steps'] = []
  for (let index = 0; form.has(`steps.${index}.expression`); index++)
    steps.push({
      expression: text(form, `steps.${index}.expression`),
      timeoutSeconds: text(form, `steps.${index}.timeoutSeconds`),
    })
  return {
    id,
    name: text(form, 'name'),
    strategy: text(form, 'strategy') as RoutingQueueFormValues['strategy'],
    maxSize: text(form, 'maxSize'),
    maxWaitSeconds: text(form, 'maxWaitSeconds'),
    overflowKind: text(form, 'overflowKind') as RoutingQueueFormValues['overflowKind'],
    overflowQueueId: text(form, 'overflowQueueId'),
    overflowBoxId: text(form, 'overflowBoxId'),
    requiredSkills: text(form, 'requiredSkills'),
    requiredLanguages: text(form, 'requiredLanguages'),
    agentIds: form.getAll('agentIds').filter((v): v is string => typeof v === 'string'),
    reservationTimeoutSeconds: text(form, 'reservationTimeoutSeconds'),
    steps,
    version: 0,
  }
}

/**
 * The form field an SDK refusal names: a step's own input (`steps.1.expression`), else the field's
 * first part (`overflow.queueId` is the overflow, `agentIds.0` the agents).
 */
export const routingFieldOf = (error: unknown, form: FormData) => {
  const field = String((error as { field?: unknown }).field ?? '')
  const step = /^steps\.(\d+)\.(expression|timeoutSeconds)$/.exec(field)
  // The SDK counts the steps it was given; the form also has blank rows.
  if (step) return `steps.${stepRows(form)[Number(step[1])] ?? step[1]}.${step[2]}`
  const first = field.split('.')[0] ?? ''
  const known = [
    'id',
    'name',
    'strategy',
    'maxSize',
    'maxWaitSeconds',
    'overflow',
    'requiredSkills',
    'requiredLanguages',
    'agentIds',
    'reservationTimeoutSeconds',
    'steps',
  ]
  return known.includes(first) ? first : 'form'
}

/** What the queue form offers: the other queues to overflow into, and the agents by name. */
export const routingFormOptions = async ({ ringlane }: DiallerApp) => {
  const [queues, accounts] = await Promise.all([ringlane.routing.queues(), ringlane.agents.list()])
  return {
    queues: queues.map((q) => ({ id: q.id as string, name: q.name })),
    agents: accounts
      .filter((a) => a.active && a.role === 'agent')
      .map((a) => ({ id: a.id as string, name: a.displayName })),
  }
}
export type RoutingFormOptions = Awaited<ReturnType<typeof routingFormOptions>>

/** Skills typed as "welsh:8, motor" (a skill without a level is level 5) as the SDK takes them. */
export const skillsFromText = (value: string) =>
  Object.fromEntries(
    list(value).map((entry) => {
      const [name = '', level] = entry.split(':').map((part) => part.trim())
      return [
        name,
        level === undefined || level === '' ? 5 : Number.isFinite(Number(level)) ? Number(level) : level,
      ]
    }),
  )

export const skillsAsText = (skills: Readonly<Record<string, number>>) =>
  Object.entries(skills)
    .map(([name, level]) => `${name}:${level}`)
    .join(', ')

export { list as listFromText }
