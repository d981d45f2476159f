// What the supervisor's reports (metrics, intelligence, costs) reckon the same way, as SQL fragments.
import { sql } from 'kysely'

/** A range of days in a zone, as the reports take it. */
interface DayRange {
  readonly from: string
  readonly to: string
  readonly timeZone: string
}

/** The range's first instant and the instant after its last, in its zone, as SQL. */
export const rangeBounds = (range: DayRange) => ({
  since: sql`((${range.from}::date)::timestamp at time zone ${range.timeZone})`,
  until: sql`((${range.to}::date + 1)::timestamp at time zone ${range.timeZone})`,
})

/** Each lead converted in the range, with its first conversion there (0026's rule): a CTE's query. */
export const conversionsIn = (range: DayRange) => {
  const { since, until } = rangeBounds(range)
  return sql`select lead_id, min(converted_at) as converted_at from lead_conversions
    where converted_at >= ${since} and converted_at < ${until}
    group by lead_id`
}

/** A report's lines by queue over the calls named `calls`: the key, the label, the join that gives it. */
export const linesByQueue = (calls: string) => {
  const queueId = sql.ref(`${calls}.queue_id`)
  return [queueId, sql`coalesce(q.label, ${queueId})`, sql`left join queues q on q.id = ${queueId}`] as const
}

/** A report's lines by campaign over the calls named `calls`; calls of no campaign make one line. */
export const linesByCampaign = (calls: string) => {
  const campaignId = sql.ref(`${calls}.campaign_id`)
  return [
    sql`coalesce(${campaignId}, '')`,
    sql`coalesce(cp.name, 'No campaign')`,
    sql`left join campaigns cp on cp.id = ${campaignId}`,
  ] as const
}
