import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Stat } from '../components/charts'
import { DataTable, numeric } from '../components/data-table'
import { DateRangeFields } from '../components/date-range-form'
import { Field, FilterForm } from '../components/forms'
import { formatDateTime } from '../utils/dates'
import type { loader } from './supervisor.compliance.server'

export { loader } from './supervisor.compliance.server'

export const meta: MetaFunction = () => [{ title: 'Compliance · Ringlane' }]

const pct = (value: number) => `${value.toFixed(2)} %`

export default function Compliance() {
  const {
    zone,
    range,
    asked,
    fields,
    csvHref,
    profile,
    decisions,
    abandon,
    lists,
    internalListEntries,
    exceptions,
  } = useLoaderData<typeof loader>()
  return (
    <div className="grid">
      <div className="row">
        <h1>Compliance</h1>
        <span className="spacer" />
        <Link to="/supervisor/do-not-call">Do-not-call list</Link>
        <a href={csvHref} download>
          Export CSV
        </a>
      </div>
      <FilterForm label="Report scope" submit="Show">
        <DateRangeFields from={asked.from} to={asked.to} fields={fields} />
        <Field id="campaign" label="Campaign" error={fields.campaign}>
          {(input) => <input {...input} name="campaign" defaultValue={asked.campaign} placeholder="all" />}
        </Field>
        <Field id="queue" label="Queue" error={fields.queue}>
          {(input) => <input {...input} name="queue" defaultValue={asked.queue} placeholder="all" />}
        </Field>
      </FilterForm>
      <p className="muted">
        Dial decisions from {range.from} to {range.to} inclusive ({zone} time), checked against {profile.id}{' '}
        {profile.version}.
      </p>
      <section className="grid stats" aria-label="Dial decisions">
        <Stat label="Dial decisions" value={decisions.decisions.toLocaleString('en-GB')} />
        <Stat label="Allowed" value={decisions.allowed.toLocaleString('en-GB')} />
        <Stat label="Refused" value={decisions.refused.toLocaleString('en-GB')} />
        <Stat
          label="Internal do-not-call list"
          value={internalListEntries.toLocaleString('en-GB')}
          hint="numbers"
        />
      </section>
      <section className="panel" aria-label="Refusals by rule">
        <h2>Refusals by rule</h2>
        <DataTable
          columns={['Rule', 'Reason', numeric('Refusals')]}
          rows={decisions.refusalsByRule}
          empty="No dial was refused in this period."
          row={(r) => (
            <tr key={`${r.ruleId}-${r.code}`}>
              <th scope="row">{r.ruleId}</th>
              <td>{r.code}</td>
              <td className="num">{r.count.toLocaleString('en-GB')}</td>
            </tr>
          )}
        />
      </section>
      <section className="panel" aria-label="Abandon rate">
        <h2>Abandon rate</h2>
        {abandon ? (
          <>
            <p>
              In the period: {pct(abandon.period.ratePercent)} ({abandon.period.abandoned.toFixed(1)}{' '}
              abandoned of {abandon.period.liveAnswered.toFixed(1)} live-answered calls).
            </p>
            <DataTable
              columns={['Window', numeric('Live answered'), numeric('Abandoned'), numeric('Rate')]}
              rows={abandon.windows}
              row={(w) => (
                <tr key={w.hours}>
                  <th scope="row">Rolling {w.hours === 24 ? '24 hours' : `${w.hours / 24} days`}</th>
                  <td className="num">{w.liveAnswered.toFixed(1)}</td>
                  <td className="num">{w.abandoned.toFixed(1)}</td>
                  <td className="num">{pct(w.ratePercent)}</td>
                </tr>
              )}
            />
            <DataTable
              columns={['Rule', numeric('Rate'), numeric('Limit'), numeric('Budget left'), 'Standing']}
              rows={abandon.rules}
              row={(r) => (
                <tr key={r.ruleId}>
                  <th scope="row">{r.ruleId}</th>
                  <td className="num">{pct(r.ratePercent)}</td>
                  <td className="num">
                    {r.maxPercent} % over {r.periodHours} h
                  </td>
                  <td className="num">{r.budget.toLocaleString('en-GB')}</td>
                  <td>
                    {r.withinLimit ? (
                      <span className="pill good">within</span>
                    ) : (
                      <span className="pill bad">over</span>
                    )}
                  </td>
                </tr>
              )}
            />
          </>
        ) : (
          <p className="muted">Choose a campaign to see its abandon rate (preview calls have no campaign).</p>
        )}
      </section>
      <section className="panel" aria-label="List freshness">
        <h2>List freshness</h2>
        <DataTable
          columns={['List', 'Rule', 'Screened', numeric('Entries'), 'Standing']}
          rows={lists}
          empty="The profile screens against no register."
          row={(l) => (
            <tr key={`${l.ruleId}-${l.listId}`}>
              <th scope="row">{l.listId}</th>
              <td>{l.ruleId}</td>
              <td>
                {formatDateTime(l.screenedAt, 'never')}{' '}
                <span className="muted">(at most {l.maxAgeDays} days)</span>
              </td>
              <td className="num">{l.entries.toLocaleString('en-GB')}</td>
              <td>
                {!l.applies ? (
                  <span className="pill">not applied: service calls</span>
                ) : l.fresh ? (
                  <span className="pill good">fresh</span>
                ) : (
                  <span className="pill bad">stale: dials refused</span>
                )}
              </td>
            </tr>
          )}
        />
      </section>
      <section className="panel" aria-label="Exceptions">
        <h2>Exceptions</h2>
        {exceptions.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul>
            {exceptions.map((e) => (
              <li key={`${e.kind}-${e.ruleId}`}>
                <strong>{e.kind}</strong> ({e.ruleId}): {e.detail}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
