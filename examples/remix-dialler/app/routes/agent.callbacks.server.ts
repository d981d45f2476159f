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
  const agent = await requireRole(running.db, running.publicBaseUrl, request, ['agent'])
  const soon = new Date(Date.now() + OPEN_WINDOW_HOURS * 3_600_000)
  const rows = await running.db
    .selectFrom('callbacks')
    .select(['id', 'phone', 'owner_agent_id', 'due_at', 'notes'])
    .where('status', '=', 'pending')
    .where((eb) =>
      eb.or([
        eb('owner_agent_id', '=', agent.id),
        eb.and([eb('owner_agent_id', 'is', null), eb('due_at', '<=', soon)]),
      ]),
    )
    .orderBy('due_at')
    .limit(200)
    .execute()
  const now = Date.now()
  return {
    openWindowHours: OPEN_WINDOW_HOURS,
    callbacks: await Promise.all(
      rows.map(async (row) => ({
        id: row.id,
        phone: row.phone,
        mine: row.owner_agent_id === agent.id,
        // Stored in UTC; the page shows it on the agent's clock and the person's.
        dueAt: new Date(row.due_at).toISOString(),
        leadZones: await leadZonesOf(row.phone),
        overdue: +new Date(row.due_at) < now,
        notes: row.notes,
      })),
    ),
  }
}
