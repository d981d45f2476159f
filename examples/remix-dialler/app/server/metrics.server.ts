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
