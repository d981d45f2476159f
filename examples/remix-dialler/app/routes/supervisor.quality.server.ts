import type { LoaderFunctionArgs } from '@remix-run/node'
import { csvDownload, csvHrefFor, METRICS_TIME_ZONE, rangeFromSearch } from '../server/metrics.server'
import { supervisorLoader } from '../server/supervisor.server'

/** What each kind of system error is called on the page. */
export const KIND_LABELS = {
  'failed-call': 'Failed calls',
  'rejected-webhook': 'Rejected webhooks',
  'recording-fetch-failed': 'Recording fetch failures',
  'provider-error': 'Provider errors',
  'validation-refused': 'Refused input',
} as const

const serialise = <E extends { occurredAt: Date; kind: keyof typeof KIND_LABELS }>(error: E) => ({
  ...error,
  occurredAt: error.occurredAt.toISOString(),
  kindLabel: KIND_LABELS[error.kind],
})

/**
 * System errors over a range of days (the last seven by default), and the one asked for by
 * `?error=` opened. Supervisors and admins.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const url = new URL(request.url)
  const { range, asked, fields } = rangeFromSearch(url)
  const errorId = url.searchParams.get('error')?.slice(0, 100) ?? ''
  const [report, opened] = await Promise.all([
    running.ringlane.analytics.systemErrors(range),
    errorId ? running.ringlane.analytics.systemError(errorId) : Promise.resolve(null),
  ])
  const csvHref = csvHrefFor('/supervisor/quality.csv', report.range)
  return {
    asked,
    fields,
    zone: METRICS_TIME_ZONE,
    range: report.range,
    csvHref,
    byKind: report.byKind.map((k) => ({ ...k, label: KIND_LABELS[k.kind] })),
    byCause: report.byCause.map((c) => ({
      ...c,
      lastAt: c.lastAt.toISOString(),
      kindLabel: KIND_LABELS[c.kind],
    })),
    daily: report.daily,
    latest: report.latest.map(serialise),
    opened: opened ? serialise(opened) : null,
    openedMissing: errorId !== '' && opened === null,
  }
}

/** The same report as CSV. */
export const csvLoader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  return csvDownload(new URL(request.url), 'quality', (range) =>
    running.ringlane.analytics.systemErrorsCsv(range),
  )
}
