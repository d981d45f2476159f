import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { BarChart, CategoryBars, Stat } from '../components/charts'
import { DataTable, numeric } from '../components/data-table'
import { DateRangeForm } from '../components/date-range-form'
import { dayLabel, formatDateTime, formatShortDateTime } from '../utils/dates'
import type { loader } from './supervisor.quality.server'

export { loader } from './supervisor.quality.server'

export const meta: MetaFunction = () => [{ title: 'Quality · Ringlane' }]

type Opened = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['opened']>

/** One error opened: everything kept about it, and the lead it concerns. */
const OpenedError = ({ error }: { error: Opened }) => (
  <section className="panel" aria-label="Error opened" data-testid="opened-error">
    <h2>
      {error.kindLabel}: {error.cause}
    </h2>
    <dl>
      <dt>When</dt>
      <dd>{formatDateTime(error.occurredAt)}</dd>
      <dt>What happened</dt>
      <dd>{error.message}</dd>
      <dt>Where</dt>
      <dd>{error.source}</dd>
      {error.leadId && (
        <>
          <dt>Lead</dt>
          <dd>
            <Link to={`/supervisor/leads/${encodeURIComponent(error.leadId)}`}>Open the lead</Link>
          </dd>
        </>
      )}
    </dl>
  </section>
)

export default function Quality() {
  const { asked, fields, zone, range, csvHref, byKind, byCause, daily, latest, opened, openedMissing } =
    useLoaderData<typeof loader>()
  const days = [...new Set(daily.map((d) => d.day))]
  const open = (id: string) => `?${new URLSearchParams({ from: range.from, to: range.to, error: id })}`
  return (
    <div className="grid">
      <h1>Quality</h1>
      <DateRangeForm asked={asked} fields={fields} />
      <p className="muted">
        System errors from {range.from} to {range.to} inclusive ({zone} time): calls the provider could not
        place or carry, webhooks refused, recordings not fetched, providers failing and input refused.{' '}
        <a href={csvHref}>Download CSV</a>
      </p>
      <section className="grid stats" aria-label="By kind">
        {byKind.map((k) => (
          <Stat key={k.kind} label={k.label} value={String(k.count)} />
        ))}
      </section>
      {opened && <OpenedError error={opened} />}
      {openedMissing && <p role="alert">That error is not kept (any more).</p>}
      <section className="panel">
        <BarChart
          title="System errors by day"
          description={`System errors on each day of the range, ${zone} time, with rejected webhooks and refused input beside them.`}
          categoryLabel="Day"
          data={days.map((day) => {
            const ofDay = daily.filter((d) => d.day === day)
            return {
              label: dayLabel(day),
              value: ofDay.reduce((sum, d) => sum + d.count, 0),
              secondary: ofDay
                .filter((d) => d.kind === 'rejected-webhook' || d.kind === 'validation-refused')
                .reduce((sum, d) => sum + d.count, 0),
            }
          })}
          valueLabel="All errors"
          secondaryLabel="Refused webhooks and input"
          labelEvery={Math.max(1, Math.ceil(days.length / 14))}
        />
      </section>
      <section className="panel" aria-label="By cause">
        <CategoryBars
          title="By cause"
          data={byCause.map((c) => ({ label: `${c.kindLabel}: ${c.cause}`, value: c.count }))}
        />
        <DataTable
          columns={['Kind', 'Cause', numeric('Count'), 'Last']}
          rows={byCause}
          empty="No system errors in these days."
          row={(c) => (
            <tr key={`${c.kind}|${c.cause}`}>
              <td>{c.kindLabel}</td>
              <td>{c.cause}</td>
              <td className="num">{c.count}</td>
              <td>{formatShortDateTime(c.lastAt)}</td>
            </tr>
          )}
        />
      </section>
      <section className="panel" aria-label="Latest errors">
        <h2>Latest errors</h2>
        <DataTable
          columns={['When', 'Kind', 'Cause', 'Where', '']}
          rows={latest}
          empty="No system errors in these days."
          row={(e) => (
            <tr key={e.id} data-testid="system-error">
              <td>{formatShortDateTime(e.occurredAt)}</td>
              <td>{e.kindLabel}</td>
              <td>{e.cause}</td>
              <td>{e.source}</td>
              <td>
                <Link to={open(e.id)}>Open</Link>
              </td>
            </tr>
          )}
        />
      </section>
    </div>
  )
}
