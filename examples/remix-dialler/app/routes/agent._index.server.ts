import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Calls, Leads } from '@ringlane/core'
import { Schema } from 'effect'
import { loadDesk } from '../server/agent-desk.server'
import { app } from '../server/app.server'
import { checkOrigin, limitActions, requireRole } from '../server/auth.server'
import { CALL_CONTROL_INTENTS, deskCallControl, performCallControl } from '../server/call-control.server'
import { dispositionLabels, pastCalls } from '../server/call-history.server'
import { decodeForm, messageOf, readForm } from '../server/forms.server'
import { inboundDesk } from '../server/inbound-desk.server'
import { searchFromUrl } from '../server/lead-search.server'
import { publishQueueLevels } from '../server/live.server'
import { leadThreads } from '../server/sms-threads.server'
import { CALL_CENTRE_TIME_ZONE, isTimeZone, zonedDateTime } from '../utils/dates'

/** The agent's desk: their state, the lead they hold with its context, calls and texts. Agents only. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  const agent = await requireRole(running, running.publicBaseUrl, request, ['agent'])
  const [desk, config, pauseReasons, search, control] = await Promise.all([
    loadDesk(running, agent.id),
    running.ringlane.config(),
    running.ringlane.agents.pauseReasons(),
    searchFromUrl(running, agent.id, new URL(request.url)),
    deskCallControl(running, agent.id),
  ])
  const leadId = desk.lead?.entry.leadId
  const inbound = await inboundDesk(running, agent.id, config)
  const thread = leadId ? ((await leadThreads(running.ringlane, [leadId])).get(leadId) ?? null) : null
  const codes = config.settings.dispositions.map((d) => d.code)
  return {
    ...desk,
    call: desk.call && {
      sessionId: desk.call.sessionId,
      status: desk.call.status,
      phone: desk.call.phone,
      engine: desk.call.engine,
      // The outcome the call's result already tells (busy, no answer, a machine), pre-selected.
      suggested: Calls.suggestedDisposition(desk.call, codes),
    },
    lead: desk.lead && {
      // The queue's call script with this lead's fields filled in, if the queue has one.
      script: (() => {
        const template = config.settings.callScripts[desk.lead.entry.queueId]
        return template
          ? Leads.fillCallScript(template, {
              profile: desk.lead.context.profile,
              phone: desk.lead.entry.phone,
            })
          : null
      })(),
      entry: desk.lead.entry,
      context: desk.lead.context,
      history: pastCalls(desk.lead.history, dispositionLabels(config)),
    },
    // Live callers: the agent's line (when they work a live-call queue) and the inbound call they are on.
    inboundLine: inbound.line,
    inbound: inbound.call,
    dispositions: config.settings.dispositions.map((d) => [d.code, d.label] as const),
    linkTypes: running.linkTypes,
    pauseReasons,
    search,
    thread,
    control,
  }
}

const Intent = Schema.Struct({
  intent: Schema.Literal(
    'available',
    'pause',
    'next',
    'skip',
    'release',
    'take-lead',
    'start-call',
    'hang-up',
    'outcome',
    ...CALL_CONTROL_INTENTS,
  ),
})
const Pause = Schema.Struct({
  reason: Schema.String.pipe(
    Schema.trimmed(),
    Schema.minLength(1, { message: () => 'Say why you are pausing' }),
  ),
})
const Skip = Schema.Struct({
  entryId: Schema.UUID,
  reason: Schema.String.pipe(
    Schema.trimmed(),
    Schema.minLength(1, { message: () => 'Say why you skip this lead' }),
  ),
})
const Entry = Schema.Struct({ entryId: Schema.UUID })
const ChosenLead = Schema.Struct({
  leadId: Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9_-]{1,64}$/, { message: () => 'Choose a lead' })),
})
const Call = Schema.Struct({ sessionId: Schema.UUID })
const Outcome = Schema.Struct({
  sessionId: Schema.UUID,
  disposition: Schema.String.pipe(Schema.minLength(1, { message: () => 'Choose an outcome' })),
  notes: Schema.optionalWith(Schema.String.pipe(Schema.maxLength(5000)), { default: () => '' }),
  callbackAt: Schema.optionalWith(Schema.String, { default: () => '' }),
  /** The agent's zone, which the page fills in from the browser; without JavaScript, the call centre's. */
  timeZone: Schema.optionalWith(Schema.String, { default: () => CALL_CENTRE_TIME_ZONE }),
  callbackFor: Schema.optionalWith(Schema.Literal('me', 'anyone'), { default: () => 'me' as const }),
  sendLink: Schema.optional(Schema.Literal('on')),
  linkType: Schema.optionalWith(Schema.String, { default: () => '' }),
})

type ActionResult =
  | {
      readonly ok: true
      readonly intent: string
      readonly sessionId?: string
      readonly phone?: string
      /** Said after a success, e.g. that the outcome was saved but its SMS could not go. */
      readonly notice?: string
    }
  | {
      readonly ok: false
      readonly intent: string
      readonly error?: string
      readonly fields?: Record<string, string>
      readonly refusals?: ReadonlyArray<{ code: string; message: string }>
    }

/**
 * The callback's due time: the form's `datetime-local` read on the agent's clock (their browser's zone,
 * else the call centre's), whatever zone the server runs in. A message when it cannot be read.
 */
export const callbackDueAt = (callbackAt: string, timeZone: string): Date | null | string => {
  if (!callbackAt) return null
  if (!isTimeZone(timeZone)) return `Your browser sent a time zone we do not know (${timeZone})`
  return (
    zonedDateTime(callbackAt, timeZone) ??
    (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(callbackAt)
      ? `${callbackAt.replace('T', ' ')} does not exist in ${timeZone}: the clocks go forward then`
      : 'Choose a date and time to call back')
  )
}

/** What to do when an intent fails for a reason the form cannot point at (a store, the provider...). */
const advice: Partial<Record<string, string>> = {
  'start-call': 'Try the call again; if it keeps failing, reload the desk or ask a supervisor.',
  'hang-up': 'If the call stays open, ask a supervisor to end it from the live page.',
  outcome: 'Your entries are still in the form: save again, or reload the desk if the call is gone.',
}
const withAdvice = (intent: string, message: string) =>
  advice[intent] && !/supervisor|reload/i.test(message)
    ? `${message.replace(/[.\s]+$/, '')}. ${advice[intent]}`
    : message

/** Everything the agent does at the desk, one intent per button. Agents only, from our own origin. */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const running = await app()
  checkOrigin(request, running.publicBaseUrl)
  limitActions(running, request, context)
  const agent = await requireRole(running, running.publicBaseUrl, request, ['agent'])
  const { ringlane } = running
  const form = await readForm(request)
  const dispositions = await ringlane.calls.dispositions()
  const labelOf = (code: string) => dispositions.find((d) => d.code === code)?.label ?? code
  const intent = decodeForm(Intent, form)
  if (!intent.ok)
    return data<ActionResult>({ ok: false, intent: 'unknown', error: 'Unknown action' }, { status: 400 })
  const name = intent.value.intent
  const fail = (status: number, result: Omit<Extract<ActionResult, { ok: false }>, 'ok' | 'intent'>) =>
    data<ActionResult>({ ok: false, intent: name, ...result }, { status })
  try {
    const result = await perform()
    // Agent states, calls and texts reach the live dashboard as domain events; queue levels do not.
    if (name === 'next' || name === 'skip' || name === 'release') await publishQueueLevels(running)
    return result
  } catch (error) {
    const field = (error as { field?: string }).field
    return fail(
      400,
      field ? { fields: { [field]: messageOf(error) } } : { error: withAdvice(name, messageOf(error)) },
    )
  }

  async function perform() {
    switch (name) {
      case 'available':
        await ringlane.agents.changeState(agent.id, 'available')
        return { ok: true, intent: name } satisfies ActionResult
      case 'pause': {
        const pause = decodeForm(Pause, form)
        if (!pause.ok) return fail(400, { fields: pause.fields })
        await ringlane.agents.changeState(agent.id, 'paused', pause.value.reason)
        return { ok: true, intent: name } satisfies ActionResult
      }
      case 'next': {
        const entry = await ringlane.queues.claimNext(agent.id)
        return entry
          ? ({ ok: true, intent: name } satisfies ActionResult)
          : fail(200, { error: 'Every queue you work is empty right now.' })
      }
      case 'skip': {
        const skip = decodeForm(Skip, form)
        if (!skip.ok) return fail(400, { fields: skip.fields })
        await ringlane.queues.skip(agent.id, skip.value.entryId, skip.value.reason)
        return { ok: true, intent: name } satisfies ActionResult
      }
      case 'release': {
        const entry = decodeForm(Entry, form)
        if (!entry.ok) return fail(400, { fields: entry.fields })
        await ringlane.queues.release(agent.id, entry.value.entryId)
        return { ok: true, intent: name } satisfies ActionResult
      }
      case 'take-lead': {
        // A lead found by the search: on the desk as if a queue had handed it out; Call checks it.
        const chosen = decodeForm(ChosenLead, form)
        if (!chosen.ok) return fail(400, { fields: chosen.fields })
        await ringlane.dialing.takeLead(agent.id, chosen.value.leadId)
        return { ok: true, intent: name } satisfies ActionResult
      }
      case 'start-call': {
        const entry = decodeForm(Entry, form)
        if (!entry.ok) return fail(400, { fields: entry.fields })
        const start = await ringlane.dialing.startCall(agent.id, entry.value.entryId)
        if (start._tag === 'Refused') return fail(200, { refusals: start.refusals })
        return {
          ok: true,
          intent: name,
          sessionId: start.session.id,
          phone: start.session.phone,
        } satisfies ActionResult
      }
      case 'hang-up': {
        // The page lost the call (a reload, another tab): the server hangs it up at the provider.
        const call = decodeForm(Call, form)
        if (!call.ok) return fail(400, { fields: call.fields })
        await ringlane.calls.hangUp(agent.id, call.value.sessionId)
        return {
          ok: true,
          intent: name,
          notice: 'Call ended. Record its outcome to finish.',
        } satisfies ActionResult
      }
      case 'outcome': {
        const outcome = decodeForm(Outcome, form)
        if (!outcome.ok) return fail(400, { fields: outcome.fields })
        const { callbackAt, timeZone, notes, sendLink, linkType, ...rest } = outcome.value
        const needsCallback = rest.disposition === 'callback_requested'
        if (needsCallback && !callbackAt)
          return fail(400, { fields: { callbackAt: 'Choose when to call back' } })
        const dueAt = callbackDueAt(callbackAt, timeZone)
        if (typeof dueAt === 'string') return fail(400, { fields: { callbackAt: dueAt } })
        if (sendLink && !running.linkTypes.some((t) => t.type === linkType))
          return fail(400, { fields: { linkType: 'Choose which link to text' } })
        await ringlane.calls.recordOutcome(agent.id, {
          ...rest,
          notes: notes.trim() || null,
          callbackAt: dueAt ? dueAt.toISOString() : null,
        })
        const saved = `Outcome saved: ${labelOf(rest.disposition)}.`
        if (!sendLink) return { ok: true, intent: name, notice: saved } satisfies ActionResult
        // The outcome stands whatever happens to the text; a refusal (e.g. opted out) is said, not thrown.
        try {
          const session = await running.ringlane.calls.session(rest.sessionId)
          if (session?.agentId !== agent.id) throw new Error('That call is not one of yours.')
          await running.ringlane.magicLinks.sendBySms({
            leadId: session.leadId,
            linkType,
            issuedBy: agent.id,
            callSessionId: rest.sessionId,
          })
          return {
            ok: true,
            intent: name,
            notice: 'Outcome saved and the link texted.',
          } satisfies ActionResult
        } catch (error) {
          return {
            ok: true,
            intent: name,
            notice: `${saved} The link was not texted: ${messageOf(error)}`,
          } satisfies ActionResult
        }
      }
      default: {
        // Hold, transfer, three-way calls: the call-control module's intents.
        const done = await performCallControl(running, agent.id, name, form)
        return done.ok
          ? ({ ok: true, intent: name, notice: done.notice } satisfies ActionResult)
          : fail(400, { fields: done.fields })
      }
    }
  }
}
