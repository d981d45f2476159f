import { Analytics } from '@ringlane/core'
import { CALL_CENTRE_TIME_ZONE } from '../utils/dates'
import { decodeForm, searchForm } from './forms.server'

/** Dates are read as days in the call centre's zone; the hourly chart uses the same zone. */
export const METRICS_TIME_ZONE = CALL_CENTRE_TIME_ZONE

/** The last seven days, ending today, in the call centre's zone. */
export const defaultRange = (now = new Date()): Analytics.MetricsRange =>
  Analytics.lastDays(7, METRICS_TIME_ZONE, now)

/**
 * The range a report page's query asks for, checked by the SDK's rules (days that exist, in order,
 * at most 366) in the call centre's zone: the range to show (the last seven days when none was asked
 * or it was wrong), what was typed, to show it back, and what was wrong with it.
 */
export const rangeFromSearch = (url: URL) => {
  const asked = url.searchParams.has('from') || url.searchParams.has('to')
  const form = searchForm(url, true)
  form.set('timeZone', METRICS_TIME_ZONE)
  const decoded = asked ? decodeForm(Analytics.MetricsRange, form) : null
  const range = decoded?.ok ? decoded.value : defaultRange()
  return {
    range,
    asked: asked
      ? { from: url.searchParams.get('from') ?? '', to: url.searchParams.get('to') ?? '' }
      : { from: range.from, to: range.to },
    fields: decoded && !decoded.ok ? decoded.fields : {},
  }
}

/**
 * A report over the days in the URL as a CSV download (`name-FROM-to-TO.csv`), for the supervisor's
 * report pages; days that are not a range answer 400 naming the field.
 */
export const csvDownload = (
  url: URL,
  name: string,
  make: (range: Analytics.MetricsRange) => Promise<string>,
): Promise<Response> | Response => {
  const { range, fields } = rangeFromSearch(url)
  if (Object.keys(fields).length > 0) {
    return new Response(Object.values(fields).join('; '), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
  return make(range).then(
    (csv) =>
      new Response(csv, {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${name}-${range.from}-to-${range.to}.csv"`,
          'Cache-Control': 'private, no-store',
        },
      }),
  )
}

/** The CSV link for the days a report page shows. */
export const csvHrefFor = (path: string, range: Analytics.MetricsRange) =>
  `${path}?${new URLSearchParams({ from: range.from, to: range.to })}`
