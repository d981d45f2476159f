import { percent } from './charts'
import { numeric, TablePanel } from './data-table'

/** One line of a report by queue, campaign, agent or hour: calls, what they led to, conversions. */
export interface ReportLine {
  readonly key: string
  readonly label: string
  readonly calls: number
  readonly connected: number
  readonly actions: number
  readonly leads: number
  readonly conversions: number
}

/** A share as a percentage, or a dash when there was nothing to share. */
export const shareOf = (part: number, whole: number) => (whole === 0 ? '—' : percent(part / whole))

/** A titled table of report lines, with the action and conversion rates worked out. */
export const ReportLines = ({
  title,
  first,
  lines,
}: {
  readonly title: string
  readonly first: string
  readonly lines: ReadonlyArray<ReportLine>
}) => (
  <TablePanel
    title={title}
    columns={[
      first,
      numeric('Calls'),
      numeric('Answered'),
      numeric('Actions'),
      numeric('Action rate'),
      numeric('Leads'),
      numeric('Conversions'),
      numeric('Conversion rate'),
    ]}
    rows={lines}
    empty="No calls in these days."
    row={(l) => (
      <tr key={l.key}>
        <td>{l.label}</td>
        <td className="num">{l.calls}</td>
        <td className="num">{l.connected}</td>
        <td className="num">{l.actions}</td>
        <td className="num">{shareOf(l.actions, l.calls)}</td>
        <td className="num">{l.leads}</td>
        <td className="num">{l.conversions}</td>
        <td className="num">{shareOf(l.conversions, l.leads)}</td>
      </tr>
    )}
  />
)
