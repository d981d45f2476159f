import type { LoaderFunctionArgs } from '@remix-run/node'
import { METRICS_TIME_ZONE, rangeFromSearch } from '../server/metrics.server'
import { supervisorLoader } from '../server/supervisor.server'

const csvCell = (value: string | number) => {
  const text = String(value)
  // Quoted when needed; a leading formula character is defused for spreadsheets.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text
  return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/**
 * Each agent's time over a range of days (the last seven by default): signed in, available, on calls,
 * wrapping up, paused by reason, occupancy. Supervisors and admins.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  return agentTime(running, new URL(request.url))
}

/** The report's rows and pause-reason columns for the range the query asks. */
const agentTime = async (running: Awaited<ReturnType<typeof supervisorLoader>>['running'], url: URL) => {
  const { range, asked, fields } = rangeFromSearch(url)
  const [agents, pauseReasons] = await Promise.all([
    running.ringlane.analytics.agentStates(range),
    running.ringlane.agents.pauseReasons(),
  ])
  const rows = agents.map((a) => ({
    agentId: a.agentId as string,
    name: a.displayName,
    signIns: a.signIns,
    signedInSeconds: a.signedInSeconds,
    availableSeconds: a.availableSeconds,
    onCallSeconds: a.onCallSeconds,
    wrapUpSeconds: a.wrapUpSeconds,
    pausedSeconds: a.pausedSeconds,
    pausedByReason: a.pausedByReason,
    occupancy: a.occupancy,
  }))
  // Reasons configured first, then any an older setting left in the history.
  const reasons = [
    ...pauseReasons,
    ...new Set(rows.flatMap((r) => Object.keys(r.pausedByReason)).filter((r) => !pauseReasons.includes(r))),
  ]
  return { rows, reasons, asked, fields, range, zone: METRICS_TIME_ZONE }
}

/** The same report as CSV (`/supervisor/agent-states.csv?from=…&to=…`). Supervisors and admins. */
export const csvLoader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const { rows, reasons, range } = await agentTime(running, new URL(request.url))
  const header = [
    'agent',
    'sign_ins',
    'signed_in_seconds',
    'available_seconds',
    'on_call_seconds',
    'wrap_up_seconds',
    'paused_seconds',
    ...reasons.map((r) => `paused_${r}_seconds`),
    'occupancy',
  ]
  const lines = rows.map((r) =>
    [
      r.name,
      r.signIns,
      r.signedInSeconds,
      r.availableSeconds,
      r.onCallSeconds,
      r.wrapUpSeconds,
      r.pausedSeconds,
      ...reasons.map((reason) => r.pausedByReason[reason] ?? 0),
      r.occupancy === null ? '' : r.occupancy.toFixed(4),
    ]
      .map(csvCell)
      .join(','),
  )
  return new Response(`${[header.map(csvCell).join(','), ...lines].join('\r\n')}\r\n`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="agent-time-${range.from}-to-${range.to}.csv"`,
    },
  })
}
