import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { messageOf, readForm } from '../server/forms.server'
import {
  type RoutingQueueFormValues,
  routingFieldOf,
  routingFormOptions,
  routingFormValues,
  routingQueueForForm,
  routingQueueFromForm,
} from '../server/routing.server'
import { supervisorAction, supervisorLoader } from '../server/supervisor.server'

const overflowText = (
  overflow:
    | { kind: 'queue'; queueId: string }
    | { kind: 'voicemail'; boxId: string }
    | { kind: 'hang-up' }
    | null,
  names: Map<string, string>,
) =>
  overflow === null
    ? '—'
    : overflow.kind === 'queue'
      ? `queue ${names.get(overflow.queueId) ?? overflow.queueId}`
      : overflow.kind === 'voicemail'
        ? `voicemail (${overflow.boxId})`
        : 'hang up'

/** The live-call queues and what the new-queue form offers. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const queues = await running.ringlane.routing.queues()
  const names = new Map(queues.map((q) => [q.id as string, q.name]))
  return {
    queues: queues.map((q) => ({
      id: q.id as string,
      name: q.name,
      strategy: q.strategy,
      maxWait: q.maxWaitSeconds === null ? '—' : `${q.maxWaitSeconds} s`,
      overflow: overflowText(q.overflow as never, names),
      steps: q.steps.length,
      version: q.version,
    })),
    options: await routingFormOptions(running),
    /** What the new-queue form starts with. */
    blank: routingQueueForForm(null),
  }
}

type ActionResult = { ok: false; fields: Record<string, string>; values: RoutingQueueFormValues }

/** Creates a queue (the SDK checks its steps and overflow, naming what is wrong), then opens it. */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction({ request, context })
  const form = await readForm(request)
  const id = typeof form.get('id') === 'string' ? String(form.get('id')).trim() : ''
  try {
    if ((await running.ringlane.routing.queue(id).catch(() => null)) !== null)
      return data<ActionResult>(
        {
          ok: false,
          fields: { id: `id: a queue "${id}" exists already` },
          values: routingFormValues(form, id),
        },
        { status: 400 },
      )
    const saved = await running.ringlane.routing.saveQueue(routingQueueFromForm(form, id) as never, user.id)
    return redirect(`/supervisor/routing/${saved.id}`)
  } catch (error) {
    return data<ActionResult>(
      {
        ok: false,
        fields: { [routingFieldOf(error, form)]: messageOf(error) },
        values: routingFormValues(form, id),
      },
      { status: 400 },
    )
  }
}
