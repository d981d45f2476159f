import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, numeric } from '../components/data-table'
import { DateRangeFields } from '../components/date-range-form'
import { AgentField, OutcomeField } from '../components/filter-fields'
import { Field, FilterForm } from '../components/forms'
import { Pager } from '../components/pager'
import { formatDuration, formatShortDateTime } from '../utils/dates'
import type { loader } from './supervisor.calls.server'

export { loader } from './supervisor.calls.server'

export const meta: MetaFunction = () => [{ title: 'Call log · Ringlane' }]

export default function CallLog() {
  const { asked, fields, agents, outcomes, calls, pages, csvHref } = useLoaderData<typeof loader>()
  return (
    <div className="grid">
      <h1>Call log</h1>
      <FilterForm label="Search calls" submit="Search">
        <Field id="leadName" label="Lead's name" error={fields.leadName}>
          {(input) => <input {...input} name="leadName" type="search" defaultValue={asked.leadName} />}
        </Field>
        <Field id="number" label="Number" error={fields.number}>
          {(input) => <input {...input} name="number" inputMode="tel" defaultValue={asked.number} />}
        </Field>
        <AgentField agents={agents} value={asked.agentId} fields={fields} />
        <OutcomeField outcomes={outcomes} value={asked.outcome} fields={fields} />
        <Field id="direction" label="Direction" error={fields.direction}>
          {(input) => (
            <select {...input} name="direction" defaultValue={asked.direction ?? ''}>
              <option value="">Both</option>
              <option value="inbound">Inbound</option>
              <option value="outbound">Outbound</option>
            </select>
          )}
        </Field>
        <DateRangeFields from={asked.from} to={asked.to} fields={fields} />
        <Field id="size" label="Per page" error={fields.size}>
          {(input) => (
            <select {...input} name="size" defaultValue={asked.size ?? '50'}>
              {['10', '25', '50', '100'].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          )}
        </Field>
      </FilterForm>
      <section className="panel" aria-label="Calls found">
        <DataTable
          columns={['Started', 'Direction', 'Lead', 'Number', 'Agent', 'Outcome', numeric('Talk'), 'Cost']}
          rows={calls}
          empty="No calls match."
          row={(c) => (
            <tr key={c.id} data-testid="call-row">
              <td>
                <Link
                  to={`/calls/${c.id}`}
                  aria-label={`Open the call with ${c.lead} at ${formatShortDateTime(c.startedAt)}`}
                >
                  {formatShortDateTime(c.startedAt)}
                </Link>
              </td>
              <td>{c.direction === 'inbound' ? 'Inbound' : 'Outbound'}</td>
              <td>{c.lead}</td>
              <td>{c.phone}</td>
              <td>{c.agent}</td>
              <td>{c.outcome ?? c.status}</td>
              <td className="num">{formatDuration(c.talkSeconds)}</td>
              <td>{c.cost ?? '—'}</td>
            </tr>
          )}
        />
        <Pager pages={pages} csvHref={csvHref} label="calls" />
      </section>
    </div>
  )
}
