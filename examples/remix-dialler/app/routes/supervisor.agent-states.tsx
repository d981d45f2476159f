import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { percent } from '../components/charts'
import { DataTable, numeric } from '../components/data-table'
import { DateRangeForm } from '../components/date-range-form'
import { formatDuration } from '../utils/dates'
import type { loader } from './supervisor.agent-states.server'

export { loader } from './supervisor.agent-states.server'

export const meta: MetaFunction = () => [{ title: 'Agent time · Ringlane' }]

/** Occupancy, pause time and sign-ins per agent, from the state history. */
export default function AgentTime() {
  const { rows, reasons, asked, fields, range, zone } = useLoaderData<typeof loader>()
  const csv = `/supervisor/agent-states.csv?${new URLSearchParams({ from: range.from, to: range.to })}`
  return (
    <div className="grid">
      <h1>Agent time</h1>
      <DateRangeForm asked={asked} fields={fields} />
      <p className="muted">
        From {range.from} to {range.to} inclusive ({zone} time). Occupancy is time on calls and wrap-up over
        that plus time available.{' '}
        <a href={csv} download>
          Download CSV
        </a>
      </p>
      <section className="panel" aria-label="Agent time">
        <DataTable
          columns={[
            'Agent',
            numeric('Sign-ins'),
            numeric('Signed in'),
            numeric('Available'),
            numeric('On calls'),
            numeric('Wrap-up'),
            numeric('Paused'),
            ...reasons.map((r) => numeric(`Paused: ${r}`)),
            numeric('Occupancy'),
          ]}
          rows={rows}
          empty="No agent was signed in or on the floor in these days."
          row={(r) => (
            <tr key={r.agentId} data-testid="agent-time">
              <th scope="row">{r.name}</th>
              <td className="num">{r.signIns}</td>
              <td className="num">{formatDuration(r.signedInSeconds)}</td>
              <td className="num">{formatDuration(r.availableSeconds)}</td>
              <td className="num">{formatDuration(r.onCallSeconds)}</td>
              <td className="num">{formatDuration(r.wrapUpSeconds)}</td>
              <td className="num">{formatDuration(r.pausedSeconds)}</td>
              {reasons.map((reason) => (
                <td key={reason} className="num">
                  {formatDuration(r.pausedByReason[reason] ?? 0)}
                </td>
              ))}
              <td className="num">{r.occupancy === null ? '—' : percent(r.occupancy)}</td>
            </tr>
          )}
        />
      </section>
    </div>
  )
}
