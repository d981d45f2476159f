import type { LoaderFunctionArgs } from '@remix-run/node'
import { Compliance, normalizePhoneNumberPromise } from '@ringlane/core'
import { Schema } from 'effect'
import { app } from '../server/app.server'
import { requireRole } from '../server/auth.server'

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
  const callbacks = await running.ringlane.calls.callbacks(agent.id, OPEN_WINDOW_HOURS * 60)
  const now = Date.now()
  return {
    openWindowHours: OPEN_WINDOW_HOURS,
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
