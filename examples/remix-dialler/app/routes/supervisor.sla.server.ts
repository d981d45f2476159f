import type { LoaderFunctionArgs } from '@remix-run/node'
import { Analytics } from '@ringlane/core'
import { searchForm } from '../server/forms.server'
import { METRICS_TIME_ZONE } from '../server/metrics.server'
import { supervisorLoader } from '../server/supervisor.server'

/** One interval's or a total's figures, as the page shows them. */
const figures = (f: Analytics.SlaFigures) => ({
  queued: f.queued,
  answered: f.answered,
  abandoned: f.abandoned,
  waiting: f.waiting,
  serviceLevel: f.serviceLevel,
  averageSpeedOfAnswerSeconds: f.averageSpeedOfAnswerSeconds,
  abandonmentRate: f.abandonmentRate,
  averageHandleSeconds: f.averageHandleSeconds,
})

/** A number typed in the form, or what it said when it is not one (so the SDK names the field). */
const numberOr = (text: string) => (/^\d+$/.test(text) ? Number(text) : text)

/**
 * SLA per queue and interval (today by default, 30-minute intervals, service level within 20 s), from
 * routing's queue contacts and the agents' state history. Supervisors and admins.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const today = Analytics.dayIn(METRICS_TIME_ZONE)
  const form = searchForm(new URL(request.url), true)
  const text = (name: string, fallback: string) => form.get(name)?.toString().trim() || fallback
  const asked = {
    from: text('from', today),
    to: text('to', today),
    intervalMinutes: text('intervalMinutes', '30'),
    serviceLevelSeconds: text('serviceLevelSeconds', '20'),
  }
  const ask = {
    from: asked.from,
    to: asked.to,
    timeZone: METRICS_TIME_ZONE,
    intervalMinutes: numberOr(asked.intervalMinutes) as 15 | 30 | 60,
    serviceLevelSeconds: numberOr(asked.serviceLevelSeconds) as number,
  }
  // A wrong field is shown back beside it, with today's figures meanwhile.
  const fields: Record<string, string> = {}
  const report = await running.ringlane.analytics.sla(ask).catch((error: unknown) => {
    if (!(error instanceof Analytics.InvalidMetricsRange)) throw error
    fields[error.field] = error.message
    return running.ringlane.analytics.sla({ from: today, to: today, timeZone: METRICS_TIME_ZONE })
  })
  return {
    asked,
    fields,
    zone: METRICS_TIME_ZONE,
    // When these figures were worked out: each change on the floor brings a newer one.
    computedAt: new Date().toISOString(),
    range: report.range,
    serviceLevelSeconds: report.serviceLevelSeconds,
    intervalMinutes: report.intervalMinutes,
    csvHref: `/supervisor/sla.csv?${new URLSearchParams({
      from: report.range.from,
      to: report.range.to,
      intervalMinutes: String(report.intervalMinutes),
      serviceLevelSeconds: String(report.serviceLevelSeconds),
    })}`,
    total: { ...figures(report.total), occupancy: report.occupancy.total },
    queues: report.queues.map((queue) => ({
      queueId: queue.queueId,
      name: report.queueNames[queue.queueId] ?? queue.queueId,
      total: figures(queue.total),
      intervals: queue.intervals.map((i) => ({ start: i.start.toISOString(), ...figures(i) })),
    })),
  }
}

/** The same report as CSV (one line per queue and interval). */
export const csvLoader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const form = searchForm(new URL(request.url), true)
  const today = Analytics.dayIn(METRICS_TIME_ZONE)
  const text = (name: string, fallback: string) => form.get(name)?.toString().trim() || fallback
  try {
    const csv = await running.ringlane.analytics.slaCsv({
      from: text('from', today),
      to: text('to', today),
      timeZone: METRICS_TIME_ZONE,
      intervalMinutes: numberOr(text('intervalMinutes', '30')) as 15 | 30 | 60,
      serviceLevelSeconds: numberOr(text('serviceLevelSeconds', '20')) as number,
    })
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="sla-${text('from', today)}.csv"`,
        'Cache-Control': 'private, no-store',
      },
    })
  } catch (error) {
    if (!(error instanceof Analytics.InvalidMetricsRange)) throw error
    return new Response(error.message, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
}
