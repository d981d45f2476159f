import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { BarChart, percent, Stat } from '../components/charts'
import { decodeForm } from '../server/forms.server'
import { defaultRange, MetricsRange, rangeBounds } from '../server/metrics.server'
import { searchForm, supervisorLoader } from '../server/supervisor.server'

export const meta: MetaFunction = () => [{ title: 'Magic links · Ringlane' }]

const daysOf = (range: { from: string; to: string }) => {
  const days: string[] = []
  for (
    let at = Date.parse(`${range.from}T00:00:00Z`);
    at <= Date.parse(`${range.to}T00:00:00Z`);
    at += 86_400_000
  )
    days.push(new Date(at).toISOString().slice(0, 10))
  return days
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const url = new URL(request.url)
  const asked = url.searchParams.has('from') || url.searchParams.has('to')
  const decoded = asked ? decodeForm(MetricsRange, searchForm(url, true)) : null
  const range = decoded?.ok ? decoded.value : defaultRange()
  const bounds = await rangeBounds(running.db, range)
  const [analytics, agents] = await Promise.all([
    running.magicLinks.analytics(bounds),
    running.db.selectFrom('agents').select(['id', 'display_name']).execute(),
  ])
  const typeLabel = Object.fromEntries(running.linkTypes.map((t) => [t.type, t.label]))
  const name = Object.fromEntries(agents.map((a) => [a.id, a.display_name]))
  const rates = <
    T extends {
      sent: number
      accessed: number
      converted: number
      accessRate: number
      conversionRate: number
    },
  >(
    row: T,
  ) => ({
    sent: row.sent,
    accessed: row.accessed,
    converted: row.converted,
    accessRate: row.accessRate,
    conversionRate: row.conversionRate,
  })
  return {
    range,
    asked: asked ? { from: url.searchParams.get('from') ?? '', to: url.searchParams.get('to') ?? '' } : range,
    fields: decoded && !decoded.ok ? decoded.fields : {},
    total: { ...rates(analytics.total), totalAccesses: analytics.total.totalAccesses },
    byType: analytics.byType.map((t) => ({ label: typeLabel[t.linkType] ?? t.linkType, ...rates(t) })),
    byAgent: analytics.byAgent.map((a) => ({
      label: a.agentId ? (name[a.agentId] ?? 'Former agent') : 'The dialler',
      ...rates(a),
    })),
    // Every day of the range gets a bar, so quiet days show as quiet.
    byDay: daysOf(range).map((day) => {
      const counts = analytics.byDay.find((d) => d.day === day)
      return { day, sent: counts?.sent ?? 0, accessed: counts?.accessed ?? 0 }
    }),
  }
}

type Row = {
  label: string
  sent: number
  accessed: number
  converted: number
  accessRate: number
  conversionRate: number
}

const RatesTable = ({ title, rows, first }: { title: string; rows: ReadonlyArray<Row>; first: string }) => (
  <section className="panel" aria-label={title}>
    <h2>{title}</h2>
    {rows.length === 0 ? (
      <p className="muted">No links sent in this period.</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col" className="num">
              Sent
            </th>
            <th scope="col" className="num">
              Opened
            </th>
            <th scope="col" className="num">
              Converted
            </th>
            <th scope="col" className="num">
              Open rate
            </th>
            <th scope="col" className="num">
              Conversion
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td className="num">{r.sent}</td>
              <td className="num">{r.accessed}</td>
              <td className="num">{r.converted}</td>
              <td className="num">{percent(r.accessRate)}</td>
              <td className="num">{percent(r.conversionRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
)

export default function MagicLinkAnalytics() {
  const { range, asked, fields, total, byType, byAgent, byDay } = useLoaderData<typeof loader>()
  const busy = useNavigation().state === 'loading'
  return (
    <div className="grid">
      <h1>Magic links</h1>
      <Form method="get" className="panel filters" aria-label="Date range">
        <div>
          <label htmlFor="from">From</label>
          <input id="from" name="from" type="date" defaultValue={asked.from} aria-invalid={!!fields.from} />
          {fields.from && <p className="field-error">{fields.from}</p>}
        </div>
        <div>
          <label htmlFor="to">To</label>
          <input id="to" name="to" type="date" defaultValue={asked.to} aria-invalid={!!fields.to} />
          {fields.to && <p className="field-error">{fields.to}</p>}
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>
            Show
          </button>
        </div>
      </Form>
      <p className="muted">
        Links sent from {range.from} to {range.to} inclusive.
      </p>
      <div className="grid stats">
        <Stat label="Sent" value={String(total.sent)} />
        <Stat label="Opened" value={String(total.accessed)} hint={`${total.totalAccesses} openings in all`} />
        <Stat label="Open rate" value={percent(total.accessRate)} />
        <Stat label="Converted" value={String(total.converted)} />
        <Stat label="Conversion" value={percent(total.conversionRate)} hint="of links opened" />
      </div>
      <section className="panel">
        <BarChart
          title="Links by day"
          description="Magic links sent on each day, with how many of them were opened."
          categoryLabel="Day"
          data={byDay.map((d) => ({ label: d.day.slice(5), value: d.sent, secondary: d.accessed }))}
          valueLabel="Sent"
          secondaryLabel="Opened"
          labelEvery={Math.max(1, Math.ceil(byDay.length / 14))}
        />
      </section>
      <div className="grid two">
        <RatesTable title="By link type" rows={byType} first="Link" />
        <RatesTable title="By agent" rows={byAgent} first="Agent" />
      </div>
    </div>
  )
}
