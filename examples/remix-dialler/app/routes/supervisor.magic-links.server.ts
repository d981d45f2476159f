import type { LoaderFunctionArgs } from '@remix-run/node'
import { rangeFromSearch } from '../server/metrics.server'
import { supervisorLoader } from '../server/supervisor.server'
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
  const [analytics, agents] = await Promise.all([
    running.ringlane.magicLinks.analytics(bounds),
    running.ringlane.agents.list(),
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
    // Every day of the range gets a bar, so quiet days show as quiet.
    byDay: daysFrom(range.from, range.to).map((day) => {
      const counts = analytics.byDay.find((d) => d.day === day)
      return { day, sent: counts?.sent ?? 0, accessed: counts?.accessed ?? 0 }
    }),
  }
}
