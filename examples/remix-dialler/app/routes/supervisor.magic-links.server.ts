import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { readForm } from '../server/forms.server'
import { isRevoke, linkRows, revokeLink } from '../server/magic-links.server'
import { rangeFromSearch } from '../server/metrics.server'
import { cursorFrom, PAGE_SIZE, pageLinks, refuseBadCursor } from '../server/paging.server'
import { supervisorAction, supervisorLoader } from '../server/supervisor.server'
import { daysFrom } from '../utils/dates'

/** The counts every analytics row carries, without anything else the service adds. */
const rates = (row: {
  sent: number
  accessed: number
  converted: number
  accessRate: number
  conversionRate: number
}) => ({
  sent: row.sent,
  accessed: row.accessed,
  converted: row.converted,
  accessRate: row.accessRate,
  conversionRate: row.conversionRate,
})

/** How the magic links texted over a range of days did: opened, converted, by type, agent and day. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const { range, asked, fields } = rangeFromSearch(new URL(request.url))
  const bounds = await running.ringlane.analytics.rangeBounds(range)
  const url = new URL(request.url)
  const [analytics, agents, sent] = await Promise.all([
    running.ringlane.magicLinks.analytics(bounds),
    running.ringlane.agents.list(),
    running.ringlane.magicLinks
      .list({ ...bounds, limit: PAGE_SIZE, ...(cursorFrom(url) ? { cursor: cursorFrom(url) } : {}) })
      .catch(refuseBadCursor),
  ])
  const typeLabel = Object.fromEntries(running.linkTypes.map((t) => [t.type, t.label]))
  const name: Record<string, string> = Object.fromEntries(agents.map((a) => [a.id, a.displayName]))
  return {
    range,
    asked,
    fields,
    total: { ...rates(analytics.total), totalAccesses: analytics.total.totalAccesses },
    byType: analytics.byType.map((t) => ({ label: typeLabel[t.linkType] ?? t.linkType, ...rates(t) })),
    byAgent: analytics.byAgent.map((a) => ({
      label: a.agentId ? (name[a.agentId] ?? 'Former agent') : 'The dialler',
      ...rates(a),
    })),
    links: linkRows(running, new Map(Object.entries(name)), sent.items),
    pages: pageLinks(url, sent.nextCursor),
    csvHref: `/supervisor/magic-links.csv?${new URLSearchParams({ from: range.from, to: range.to })}`,
    // Every day of the range gets a bar, so quiet days show as quiet.
    byDay: daysFrom(range.from, range.to).map((day) => {
      const counts = analytics.byDay.find((d) => d.day === day)
      return { day, sent: counts?.sent ?? 0, accessed: counts?.accessed ?? 0 }
    }),
  }
}

/** Withdraws a link from the list (audited). */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction({ request, context })
  const form = await readForm(request)
  if (!isRevoke(form)) throw new Response('Unknown action.', { status: 400 })
  return revokeLink(running, user.id, form)
}
