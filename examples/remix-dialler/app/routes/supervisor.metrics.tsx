import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { formatCallDuration } from '@ringlane/react'
import { BarChart, CategoryBars, percent, Stat } from '../components/charts'
import { decodeForm } from '../server/forms.server'
import { dashboardMetrics, defaultRange, METRICS_TIME_ZONE, MetricsRange } from '../server/metrics.server'
import { searchForm, supervisorLoader } from '../server/supervisor.server'

export const meta: MetaFunction = () => [{ title: 'Metrics · Ringlane' }]

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const url = new URL(request.url)
  const asked = url.searchParams.has('from') || url.searchParams.has('to')
  const decoded = asked ? decodeForm(MetricsRange, searchForm(url, true)) : null
  const range = decoded?.ok ? decoded.value : defaultRange()
  const [metrics, config] = await Promise.all([dashboardMetrics(running.db, range), running.dialler.config()])
  const labels = Object.fromEntries(config.settings.dispositions.map((d) => [d.code, d.label]))
  return {
    metrics,
    labels,
    asked: asked ? { from: url.searchParams.get('from') ?? '', to: url.searchParams.get('to') ?? '' } : range,
    fields: decoded && !decoded.ok ? decoded.fields : {},
    zone: METRICS_TIME_ZONE,
  }
}

export default function Metrics() {
  const { metrics, labels, asked, fields, zone } = useLoaderData<typeof loader>()
  const busy = useNavigation().state === 'loading'
  const { summary } = metrics
  return (
    <div className="grid">
      <h1>Metrics</h1>
      <Form method="get" className="panel filters" aria-label="Date range">
        <div>
          <label htmlFor="from">From</label>
          <input
            id="from"
            name="from"
            type="date"
            defaultValue={asked.from}
            aria-invalid={!!fields.from}
            aria-describedby={fields.from ? 'from-error' : undefined}
          />
          {fields.from && (
            <p id="from-error" className="field-error">
              {fields.from}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="to">To</label>
          <input
            id="to"
            name="to"
            type="date"
            defaultValue={asked.to}
            aria-invalid={!!fields.to}
            aria-describedby={fields.to ? 'to-error' : undefined}
          />
          {fields.to && (
            <p id="to-error" className="field-error">
              {fields.to}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>
            Show
          </button>
        </div>
      </Form>
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
        <Stat label="Talk time" value={formatCallDuration(summary.talkSeconds)} />
        <Stat
          label="Average talk"
          value={formatCallDuration(summary.averageTalkSeconds)}
          hint="answered calls"
        />
        <Stat
          label="Average handle time"
          value={formatCallDuration(summary.averageHandleSeconds)}
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
              label: String(h.hour).padStart(2, '0'),
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
          data={metrics.daily.map((d) => ({ label: d.day.slice(5), value: d.calls, secondary: d.connected }))}
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
            <table>
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col" className="num">
                    Calls
                  </th>
                  <th scope="col" className="num">
                    Answered
                  </th>
                  <th scope="col" className="num">
                    Connect rate
                  </th>
                  <th scope="col" className="num">
                    Talk time
                  </th>
                  <th scope="col" className="num">
                    Avg handle
                  </th>
                  <th scope="col" className="num">
                    Callbacks set
                  </th>
                </tr>
              </thead>
              <tbody>
                {metrics.agents.map((a) => (
                  <tr key={a.agentId}>
                    <th scope="row">{a.displayName}</th>
                    <td className="num">{a.calls}</td>
                    <td className="num">{a.connected}</td>
                    <td className="num">{percent(a.connectRate)}</td>
                    <td className="num">{formatCallDuration(a.talkSeconds)}</td>
                    <td className="num">{formatCallDuration(a.averageHandleSeconds)}</td>
                    <td className="num">{a.callbacks}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </div>
  )
}
