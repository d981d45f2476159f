import { Link } from '@remix-run/react'
import { formatDateTime, formatDuration } from '../utils/dates'
import { DataTable, numeric } from './data-table'

/** One call to a lead, as the desk and the lead page list them. */
export interface PastCall {
  readonly id: string
  readonly startedAt: string
  readonly status: string
  readonly talkSeconds: number | null
  /** The outcome's label, when one was recorded. */
  readonly outcome: string | null
  readonly notes: string | null
}

/** A lead's calls, newest first: when, how it ended, how long they talked, the outcome and notes. */
export const CallHistory = ({
  calls,
  linked = false,
}: {
  calls: ReadonlyArray<PastCall>
  /** Each call's time opens its page (for viewers who may open every call listed). */
  linked?: boolean
}) => (
  <section className="panel" aria-label="Call history">
    <h2>Call history</h2>
    <DataTable
      columns={['Started', 'Status', numeric('Talk'), 'Outcome', 'Notes']}
      rows={calls}
      empty="Never called."
      row={(call) => (
        <tr key={call.id}>
          <td>
            {linked ? (
              <Link to={`/calls/${call.id}`}>{formatDateTime(call.startedAt)}</Link>
            ) : (
              formatDateTime(call.startedAt)
            )}
          </td>
          <td>{call.status}</td>
          <td className="num">{formatDuration(call.talkSeconds)}</td>
          <td>{call.outcome ?? '—'}</td>
          <td>{call.notes ?? ''}</td>
        </tr>
      )}
    />
  </section>
)
