import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { BarChart, CategoryBars, Stat } from '../components/charts'
import { DataTable, numeric } from '../components/data-table'
import { DateRangeForm } from '../components/date-range-form'
import { ReportLines, shareOf } from '../components/report-lines'
import { hourLabel } from '../utils/dates'
import type { loader } from './supervisor.intelligence.server'

export { loader } from './supervisor.intelligence.server'

export const meta: MetaFunction = () => [{ title: 'Intelligence · Ringlane' }]

export default function Intelligence() {
  const { asked, fields, zone, range, csvHref, summary, outcomes, byQueue, byCampaign, byAgent, byHour } =
    useLoaderData<typeof loader>()
  return (
    <div className="grid">
      <h1>Intelligence</h1>
      <DateRangeForm asked={asked} fields={fields} />
      <p className="muted">
        Calls started from {range.from} to {range.to} inclusive ({zone} time). An action is a callback booked,
        or a link sent on the call opened or completed (a signature given, a document uploaded). A conversion
        is a lead called who converted afterwards in these days. <a href={csvHref}>Download CSV</a>
      </p>
      <section className="grid stats" aria-label="Summary">
        <Stat label="Calls" value={String(summary.calls)} hint={`${summary.connected} answered`} />
        <Stat
          label="Action rate"
          value={shareOf(summary.actions, summary.calls)}
          hint={`${summary.actions} calls led to an action`}
        />
        <Stat
          label="Conversion rate"
          value={shareOf(summary.conversions, summary.leads)}
          hint={`${summary.conversions} of ${summary.leads} leads called`}
        />
        <Stat
          label="Actions"
          value={String(summary.actions)}
          hint={`${summary.callbacks} callbacks, ${summary.linksOpened} links opened, ${summary.linksCompleted} completed`}
        />
      </section>
      <section className="panel">
        <BarChart
          title="Actions and conversions by hour of day"
          description={`Calls that led to an action, and leads converted after a call, by the hour the call started, ${zone} time.`}
          categoryLabel="Hour"
          data={byHour.map((h) => ({
            label: hourLabel(Number(h.key)),
            value: h.actions,
            secondary: h.conversions,
          }))}
          valueLabel="Actions"
          secondaryLabel="Conversions"
          labelEvery={3}
        />
      </section>
      <section className="panel" aria-label="Outcomes">
        <CategoryBars
          title="Outcomes"
          data={outcomes.map((o) => ({ label: `${o.label} (${o.reason})`, value: o.count }))}
        />
        <DataTable
          columns={['Outcome', 'How the call ended', numeric('Calls')]}
          rows={outcomes}
          empty="No calls in these days."
          row={(o) => (
            <tr key={`${o.outcome}|${o.reason}`}>
              <td>{o.label}</td>
              <td>{o.reason}</td>
              <td className="num">{o.count}</td>
            </tr>
          )}
        />
      </section>
      <ReportLines title="By queue" first="Queue" lines={byQueue} />
      <ReportLines title="By campaign" first="Campaign" lines={byCampaign} />
      <ReportLines title="By agent" first="Agent" lines={byAgent} />
      <ReportLines title="By hour" first="Hour" lines={byHour.filter((h) => h.calls > 0)} />
    </div>
  )
}
