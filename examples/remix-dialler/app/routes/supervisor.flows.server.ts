import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import type { Inbound } from '@ringlane/core'
import { messageOf, readForm } from '../server/forms.server'
import { rowOf, type StepRow, stepsFromRows, testerInputs } from '../server/inbound.server'
import { supervisorAction, supervisorLoader } from '../server/supervisor.server'

const KINDS: ReadonlyArray<Inbound.StepKind> = [
  'say',
  'play',
  'menu',
  'hours',
  'queue',
  'voicemail',
  'hang-up',
  'ai-agent',
]

/** The IVR flows, and the one chosen (`?flow=`) as editor rows. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const flows = await running.ringlane.inbound.flows()
  const chosen = new URL(request.url).searchParams.get('flow') ?? flows[0]?.id ?? null
  const flow = flows.find((f) => f.id === chosen) ?? null
  return {
    kinds: KINDS,
    flows: flows.map((f) => ({ id: f.id, name: f.name, publishedVersion: f.publishedVersion })),
    flow: flow && {
      id: flow.id,
      name: flow.name,
      numbers: flow.numbers.join(', '),
      start: flow.definition.start,
      publishedVersion: flow.publishedVersion,
      updatedAt: flow.updatedAt.toISOString(),
      rows: flow.definition.steps.map(rowOf),
    },
  }
}

export type FlowsResult =
  | { ok: true; intent: 'save' | 'publish'; message: string }
  | { ok: true; intent: 'test'; path: ReadonlyArray<Inbound.StepVisit>; end: string }
  | { ok: false; intent: string; error: string; step: string | null }

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()

/** The rows as posted: `steps.N.field`, N from 0, blank rows (no id) left out. */
const rowsOf = (form: FormData): StepRow[] => {
  const rows: StepRow[] = []
  for (let index = 0; form.has(`steps.${index}.id`); index++) {
    const id = text(form, `steps.${index}.id`)
    if (!id) continue
    rows.push({
      id,
      kind: text(form, `steps.${index}.kind`) as Inbound.StepKind,
      text: text(form, `steps.${index}.text`),
      targets: text(form, `steps.${index}.targets`),
      extra: text(form, `steps.${index}.extra`),
    })
  }
  return rows
}

/** Save the draft (checked whole, nothing saved when refused), publish it, or test it. */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction({ request, context })
  const form = await readForm(request)
  const intent = text(form, 'intent')
  const flowId = text(form, 'flowId')
  const failed = (error: unknown) =>
    data<FlowsResult>(
      {
        ok: false,
        intent,
        error: messageOf(error),
        step: (error as { step?: string | null }).step ?? null,
      },
      { status: 400 },
    )
  try {
    if (intent === 'save') {
      await running.ringlane.inbound.saveFlow({
        id: flowId,
        name: text(form, 'name'),
        numbers: text(form, 'numbers')
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean),
        definition: { start: text(form, 'start'), steps: stepsFromRows(rowsOf(form)) },
      })
      return data<FlowsResult>({
        ok: true,
        intent,
        message: 'Draft saved. Calls run the published version until you publish.',
      })
    }
    if (intent === 'publish') {
      const version = await running.ringlane.inbound.publishFlow(flowId, user.id)
      return data<FlowsResult>({ ok: true, intent, message: `Published as version ${version.version}.` })
    }
    if (intent === 'test') {
      const when = text(form, 'at')
      const at = new Date(when ? `${when}:00Z` : Date.now())
      const test = await running.ringlane.inbound.testFlow(flowId, {
        inputs: testerInputs(text(form, 'inputs')),
        at,
      })
      const end =
        test.end._tag === 'Queue'
          ? `to queue ${test.end.queueId}`
          : test.end._tag === 'Voicemail'
            ? `to voicemail box ${test.end.boxId}`
            : test.end._tag === 'AiAgent'
              ? `to AI agent ${test.end.agentId}`
              : 'hung up'
      return data<FlowsResult>({ ok: true, intent, path: test.visits, end })
    }
    return failed(new Error('Choose save, publish or test'))
  } catch (error) {
    return failed(error)
  }
}
