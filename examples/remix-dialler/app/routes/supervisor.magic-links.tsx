import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BarChart, percent, Stat } from '../components/charts'
import { numeric, TablePanel } from '../components/data-table'
import { DateRangeForm } from '../components/date-range-form'
import { MagicLinksTable } from '../components/magic-links-table'
import { Pager } from '../components/pager'
import { dayLabel } from '../utils/dates'
import type { action, loader } from './supervisor.magic-links.server'

export { action, loader } from './supervisor.magic-links.server'

export const meta: MetaFunction = () => [{ title: 'Magic links · Ringlane' }]

type Row = {
  label: string
  sent: number
  accessed: number
  converted: number
  accessRate: number
  conversionRate: number
}

const RatesTable = ({ title, rows, first }: { title: string; rows: ReadonlyArray<Row>; first: string }) => (
  <TablePanel
    title={title}
    columns={[
      first,
      numeric('Sent'),
      numeric('Opened'),
      numeric('Converted'),
      numeric('Open rate'),
      numeric('Conversion'),
    ]}
    rows={rows}
    empty="No links sent in this period."
    row={(r) => (
      <tr key={r.label}>
        <th scope="row">{r.label}</th>
        <td className="num">{r.sent}</td>
        <td className="num">{r.accessed}</td>
        <td className="num">{r.converted}</td>
        <td className="num">{percent(r.accessRate)}</td>
        <td className="num">{percent(r.conversionRate)}</td>
      </tr>
    )}
  />
)

export default function MagicLinkAnalytics() {
  const { range, asked, fields, total, byType, byAgent, byDay, links, pages, csvHref } =
    useLoaderData<typeof loader>()
  const withdrawn = useActionData<typeof action>()
  return (
    <div className="grid">
      <h1>Magic links</h1>
      <DateRangeForm asked={asked} fields={fields} />
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
          data={byDay.map((d) => ({ label: dayLabel(d.day), value: d.sent, secondary: d.accessed }))}
          valueLabel="Sent"
          secondaryLabel="Opened"
          labelEvery={Math.max(1, Math.ceil(byDay.length / 14))}
        />
      </section>
      <div className="grid two">
        <RatesTable title="By link type" rows={byType} first="Link" />
        <RatesTable title="By agent" rows={byAgent} first="Agent" />
      </div>
      <section className="panel" aria-label="Links sent">
        <h2>Links sent</h2>
        <MagicLinksTable links={links} showLead withdrawn={withdrawn} />
        <Pager pages={pages} csvHref={csvHref} label="links" />
      </section>
    </div>
  )
}
