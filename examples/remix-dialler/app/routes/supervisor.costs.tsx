import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Stat } from '../components/charts'
import { DataTable, numeric, TablePanel } from '../components/data-table'
import { DateRangeForm } from '../components/date-range-form'
import { Pager } from '../components/pager'
import { formatDuration, formatShortDateTime } from '../utils/dates'
import type { loader } from './supervisor.costs.server'

export { loader } from './supervisor.costs.server'

export const meta: MetaFunction = () => [{ title: 'Costs · Ringlane' }]

type Line = ReturnType<typeof useLoaderData<typeof loader>>['byDay'][number]

/** An exact amount as money: to the penny (cent) shown, the exact figure on hover and in the CSV. */
const money = (amount: string | null, currency: string | null) => {
  if (amount === null || currency === null) return 'not priced yet'
  return new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
  }).format(Number(amount))
}

const count = (n: number, thing: string) => `${n} ${thing}${n === 1 ? '' : 's'}`

const LineTable = ({ title, lines, first }: { title: string; lines: ReadonlyArray<Line>; first: string }) => (
  <TablePanel
    title={title}
    columns={[
      first,
      numeric('Calls'),
      numeric('Texts'),
      numeric('Cost'),
      numeric('Conversions'),
      numeric('Per conversion'),
    ]}
    rows={lines}
    empty="No calls in these days."
    row={(l) => (
      <tr key={`${l.key}|${l.currency}`}>
        <td>{l.label}</td>
        <td className="num">{l.calls}</td>
        <td className="num">{l.messages}</td>
        <td className="num" title={l.currency ? `${l.cost} ${l.currency}` : undefined}>
          {money(l.cost, l.currency)}
        </td>
        <td className="num">{l.conversions}</td>
        <td className="num">{l.costPerConversion === null ? '—' : money(l.costPerConversion, l.currency)}</td>
      </tr>
    )}
  />
)

export default function Costs() {
  const {
    asked,
    fields,
    zone,
    range,
    csvHref,
    totals,
    byDay,
    byOutcome,
    byAgent,
    byQueue,
    byCampaign,
    calls,
    pages,
  } = useLoaderData<typeof loader>()
  return (
    <div className="grid">
      <h1>Costs</h1>
      <DateRangeForm asked={asked} fields={fields} />
      <p className="muted">
        Calls started from {range.from} to {range.to} inclusive ({zone} time), at the prices the provider
        charged. Prices arrive a few minutes after a call ends. <a href={csvHref}>Download CSV</a>
      </p>
      <section className="grid stats" aria-label="Totals">
        {totals.length === 0 && <Stat label="Cost" value="—" hint="no calls" />}
        {totals.map((t) => (
          <Stat
            key={t.currency ?? 'unpriced'}
            label={t.currency ? `Cost (${t.currency})` : 'Not priced yet'}
            value={t.currency ? money(t.cost, t.currency) : count(t.calls, 'call')}
            hint={
              t.currency
                ? `${count(t.calls, 'call')}, ${count(t.messages, 'text')}${t.costPerConversion ? `, ${money(t.costPerConversion, t.currency)} per conversion` : ''}`
                : 'asked again at the next collection'
            }
          />
        ))}
      </section>
      <LineTable title="By day" lines={byDay} first="Day" />
      <LineTable title="By agent" lines={byAgent} first="Agent" />
      <LineTable title="By queue" lines={byQueue} first="Queue" />
      <LineTable title="By campaign" lines={byCampaign} first="Campaign" />
      <LineTable title="By outcome" lines={byOutcome} first="Outcome" />
      <section className="panel" aria-label="Calls">
        <h2>Calls</h2>
        <DataTable
          columns={['Started', 'Agent', 'Number', 'Outcome', numeric('Talk'), numeric('Cost')]}
          rows={calls}
          empty="No calls in these days."
          row={(c) => (
            <tr key={c.sessionId} data-testid="call-cost">
              <td>{formatShortDateTime(c.startedAt)}</td>
              <td>{c.agentName}</td>
              <td>{c.phone}</td>
              <td>{c.outcome ?? '—'}</td>
              <td className="num">{formatDuration(c.talkSeconds)}</td>
              <td className="num" title={c.amount ? `${c.amount} ${c.currency}` : undefined}>
                {money(c.amount, c.currency)}
              </td>
            </tr>
          )}
        />
        <Pager pages={pages} label="calls" />
      </section>
    </div>
  )
}
