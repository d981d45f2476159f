import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Compliance, normalizePhoneNumberPromise } from '@ringlane/core'
import { Schema } from 'effect'
import { app } from '../server/app.server'
import { checkOrigin, limitActions, requireRole } from '../server/auth.server'
import { decodeForm, messageOf, readForm } from '../server/forms.server'
import { CALL_CENTRE_TIME_ZONE, isTimeZone, zonedDateTime } from '../utils/dates'

/** Open callbacks (for whoever is free) show up this long before they are due. */
const OPEN_WINDOW_HOURS = 2

const zoneSettings = Schema.decodeUnknownSync(Compliance.ContactRules)({})

/** Where the person called back is, from their number: the zone(s) their local time is read in. */
const leadZonesOf = async (phone: string) => {
  const number = await normalizePhoneNumberPromise(phone, { allowFictionalNumbers: true }).catch(() => null)
  return Compliance.leadTimeZones(null, { e164: phone, region: number?.region }, zoneSettings).zones
}

/** The agent's pending callbacks, and open ones coming due soon; overdue first. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  const agent = await requireRole(running, running.publicBaseUrl, request, ['agent'])
  const [callbacks, accounts] = await Promise.all([
    running.ringlane.calls.callbacks(agent.id, OPEN_WINDOW_HOURS * 60),
    running.ringlane.agents.list(),
  ])
  const now = Date.now()
  return {
    openWindowHours: OPEN_WINDOW_HOURS,
    // Who a callback can be handed to: the other active agents, by name.
    colleagues: accounts
      .filter((a) => a.active && a.role === 'agent' && a.id !== agent.id)
      .map((a) => ({ id: a.id as string, name: a.displayName })),
    callbacks: await Promise.all(
      callbacks.map(async (callback) => ({
        id: callback.id,
        phone: callback.phone as string,
        mine: callback.ownerAgentId === agent.id,
        // Stored in UTC; the page shows it on the agent's clock and the person's.
        dueAt: callback.dueAt.toISOString(),
        leadZones: await leadZonesOf(callback.phone),
        overdue: +callback.dueAt < now,
        notes: callback.notes,
      })),
    ),
  }
}

const Change = Schema.Struct({
  callbackId: Schema.UUID,
  intent: Schema.Literal('move', 'hand-over', 'cancel'),
  dueAt: Schema.optionalWith(Schema.String, { default: () => '' }),
  timeZone: Schema.optionalWith(Schema.String, { default: () => CALL_CENTRE_TIME_ZONE }),
  to: Schema.optionalWith(Schema.String, { default: () => '' }),
})

type Result = { ok: true; notice: string } | { ok: false; callbackId?: string; error: string }

/** Moves, hands over or cancels one of the agent's callbacks (or an open one). Agents only. */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const running = await app()
  checkOrigin(request, running.publicBaseUrl)
  limitActions(running, request, context)
  const agent = await requireRole(running, running.publicBaseUrl, request, ['agent'])
  const form = decodeForm(Change, await readForm(request))
  if (!form.ok)
    return data<Result>({ ok: false, error: Object.values(form.fields).join(' ') }, { status: 400 })
  const { callbackId, intent, dueAt, timeZone, to } = form.value
  const fail = (error: string) => data<Result>({ ok: false, callbackId, error }, { status: 400 })
  try {
    if (intent === 'move') {
      if (!isTimeZone(timeZone)) return fail(`Your browser sent a time zone we do not know (${timeZone})`)
      const when = dueAt ? zonedDateTime(dueAt, timeZone) : null
      if (!when) return fail('Choose the new date and time to call back')
      await running.ringlane.calls.changeCallback(agent.id, callbackId, {
        action: 'move',
        dueAt: when.toISOString(),
      })
      return data<Result>({ ok: true, notice: 'Callback moved.' })
    }
    if (intent === 'hand-over') {
      await running.ringlane.calls.changeCallback(agent.id, callbackId, {
        action: 'hand-over',
        toAgentId: to === '' || to === 'anyone' ? null : to,
      })
      return data<Result>({ ok: true, notice: 'Callback handed over.' })
    }
    await running.ringlane.calls.changeCallback(agent.id, callbackId, { action: 'cancel' })
    return data<Result>({ ok: true, notice: 'Callback cancelled.' })
  } catch (error) {
    return fail(messageOf(error))
  }
}
