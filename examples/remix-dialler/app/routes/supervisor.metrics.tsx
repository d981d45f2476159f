import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { BarChart, CategoryBars, percent, Stat } from '../components/charts'
import { DataTable, numeric } from '../components/data-table'
import { DateRangeForm } from '../components/date-range-form'
import { dayLabel, formatDuration, hourLabel } from '../utils/dates'
import type { loader } from './supervisor.metrics.server'

export { loader } from './supervisor.metrics.server'

export const meta: MetaFunction = () => [{ title: 'Metrics · Ringlane' }]

export default function Metrics() {
  const { metrics, labels, asked, fields, zone } = useLoaderData<typeof loader>()
  const { summary } = metrics
  return (
    <div className="grid">
      <h1>Metrics</h1>
      <DateRangeForm asked={asked} fields={fields} />
      <p className="muted">
        Calls started from {metrics.range.from} to {metrics.range.to} inclusive ({zone} time).
      </p>
      <section className="grid stats" aria-label="Summary">
        <Stat label="Calls" value={summary.calls.toLocaleString('en-GB')} />
        <Stat
          label="Connect rate"
          value={percent(summary.connectRate)}
          hint={`${summary.connected} answered`}
        />
        <Stat label="Talk time" value={formatDuration(summary.talkSeconds)} />
        <Stat label="Average talk" value={formatDuration(summary.averageTalkSeconds)} hint="answered calls" />
        <Stat
          label="Average handle time"
          value={formatDuration(summary.averageHandleSeconds)}
          hint="talk plus wrap-up"
        />
        <Stat label="Outcomes recorded" value={summary.outcomes.toLocaleString('en-GB')} />
      </section>
      <div className="grid two">
        <section className="panel">
          <BarChart
            title="Calls by hour of day"
            description={`Calls started in each hour of the day, ${zone} time, with how many were answered.`}
            categoryLabel="Hour"
            data={metrics.hourly.map((h) => ({
              label: hourLabel(h.hour),
              value: h.calls,
              secondary: h.connected,
            }))}
            valueLabel="Calls"
            secondaryLabel="Answered"
            labelEvery={3}
          />
        </section>
        <section className="panel">
          <CategoryBars
            title="Outcomes"
            data={metrics.outcomes.map((o) => ({
              label: labels[o.disposition] ?? o.disposition,
              value: o.count,
            }))}
          />
        </section>
      </div>
      <section className="panel">
        <BarChart
          title="Calls by day"
          description="Calls started on each day of the range, with how many were answered."
          categoryLabel="Day"
          data={metrics.daily.map((d) => ({
            label: dayLabel(d.day),
            value: d.calls,
            secondary: d.connected,
          }))}
          valueLabel="Calls"
          secondaryLabel="Answered"
          labelEvery={Math.max(1, Math.ceil(metrics.daily.length / 14))}
        />
      </section>
      <section className="panel" aria-label="Agent performance">
        <h2>Agent performance</h2>
        {metrics.agents.length === 0 ? (
          <p className="muted">No calls in this period.</p>
        ) : (
          <>
            <CategoryBars
              title="Calls per agent"
              data={metrics.agents.map((a) => ({ label: a.displayName, value: a.calls }))}
            />
            <DataTable
              columns={[
                'Agent',
                numeric('Calls'),
                numeric('Answered'),
                numeric('Connect rate'),
                numeric('Talk time'),
                numeric('Avg handle'),
                numeric('Callbacks set'),
              ]}
              rows={metrics.agents}
              row={(a) => (
                <tr key={a.agentId}>
                  <th scope="row">{a.displayName}</th>
                  <td className="num">{a.calls}</td>
                  <td className="num">{a.connected}</td>
                  <td className="num">{percent(a.connectRate)}</td>
                  <td className="num">{formatDuration(a.talkSeconds)}</td>
                  <td className="num">{formatDuration(a.averageHandleSeconds)}</td>
                  <td className="num">{a.callbacks}</td>
                </tr>
              )}
            />
          </>
        )}
      </section>
    </div>
  )
}
