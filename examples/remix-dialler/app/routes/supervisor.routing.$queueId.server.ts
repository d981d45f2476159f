import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Schema } from 'effect'
import { decodeForm, messageOf, readForm, searchForm } from '../server/forms.server'
import {
  listFromText,
  type RoutingQueueFormValues,
  routingFieldOf,
  routingFormOptions,
  routingFormValues,
  routingQueueForForm,
  routingQueueFromForm,
} from '../server/routing.server'
import { supervisorAction, supervisorLoader } from '../server/supervisor.server'

const notFound = () => new Response('No such queue', { status: 404 })

/** An attribute as typed: true/false and numbers as such, anything else as text. */
const attributeValue = (value: string) =>
  value === 'true'
    ? true
    : value === 'false'
      ? false
      : value !== '' && Number.isFinite(Number(value))
        ? Number(value)
        : value

/** "name=value" lines as call attributes; a line without "=" is skipped. */
const attributesFromText = (value: string) =>
  Object.fromEntries(
    value
      .split('\n')
      .map((line) => line.split('='))
      .filter((parts) => parts.length >= 2 && (parts[0] ?? '').trim() !== '')
      .map(([name = '', ...rest]) => [name.trim(), attributeValue(rest.join('=').trim())]),
  )

const TesterQuery = Schema.Struct({
  language: Schema.optionalWith(Schema.String, { default: () => '' }),
  skills: Schema.optionalWith(Schema.String, { default: () => '' }),
  attributes: Schema.optionalWith(Schema.String, { default: () => '' }),
  preferredAgentId: Schema.optionalWith(Schema.String, { default: () => '' }),
  waitedSeconds: Schema.optionalWith(Schema.NumberFromString, { default: () => 0 }).annotations({
    message: () => 'Waited must be a number of seconds',
  }),
})

/** One queue: its settings as a form and, when asked, which agent would get a call and why. */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const { ringlane } = running
  const queue = await ringlane.routing.queue(params.queueId ?? '').catch(() => null)
  if (!queue) throw notFound()
  const url = new URL(request.url)
  const tested = url.searchParams.has('test') ? decodeForm(TesterQuery, searchForm(url, true)) : null
  const query = tested?.ok ? tested.value : null
  const test = !tested
    ? null
    : !tested.ok
      ? { ok: false as const, message: Object.values(tested.fields).join('; ') }
      : await ringlane.routing
          .whoWouldGet(
            {
              callId: 'tester',
              providerCallId: 'tester',
              queueId: queue.id,
              direction: 'inbound',
              attributes: {
                ...attributesFromText(tested.value.attributes),
                ...(tested.value.language.trim() ? { language: tested.value.language.trim() } : {}),
                ...(listFromText(tested.value.skills).length
                  ? { skills: listFromText(tested.value.skills).join(',') }
                  : {}),
              },
              ...(tested.value.preferredAgentId ? { preferredAgentId: tested.value.preferredAgentId } : {}),
            },
            { waitedSeconds: tested.value.waitedSeconds },
          )
          .then(
            (decision) => ({ ok: true as const, decision }),
            (error: unknown) => ({ ok: false as const, message: messageOf(error) }),
          )
  return {
    queue: routingQueueForForm(queue),
    options: await routingFormOptions(running),
    query: query ?? { language: '', skills: '', attributes: '', preferredAgentId: '', waitedSeconds: 0 },
    test,
  }
}

const Intent = Schema.Struct({ intent: Schema.Literal('save', 'delete') })

export type RoutingQueueActionResult =
  | { ok: true; message: string }
  | { ok: false; fields: Record<string, string>; values?: RoutingQueueFormValues }

/** Saves the queue's settings and steps (a new version, audited), or deletes the queue. */
export const action = async ({ request, context, params }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction({ request, context })
  const form = await readForm(request)
  const intent = decodeForm(Intent, form)
  if (!intent.ok) return data<RoutingQueueActionResult>({ ok: false, fields: intent.fields }, { status: 400 })
  const id = params.queueId ?? ''
  try {
    if (intent.value.intent === 'delete') {
      await running.ringlane.routing.deleteQueue(id, user.id)
      return redirect('/supervisor/routing')
    }
    if ((await running.ringlane.routing.queue(id).catch(() => null)) === null) throw notFound()
    const saved = await running.ringlane.routing.saveQueue(routingQueueFromForm(form, id) as never, user.id)
    return data<RoutingQueueActionResult>({ ok: true, message: `Saved (version ${saved.version}).` })
  } catch (error) {
    if (error instanceof Response) throw error
    return data<RoutingQueueActionResult>(
      {
        ok: false,
        fields: { [routingFieldOf(error, form)]: messageOf(error) },
        values: routingFormValues(form, id),
      },
      { status: 400 },
    )
  }
}
