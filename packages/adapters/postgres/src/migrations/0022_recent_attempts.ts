import { type Kysely, sql } from 'kysely'

// Attempt caps count the lead's local calendar day, and Regulation F counts calls over 7 local days, so
// the contact history keeps when each recent call was placed instead of a count for one UTC day. Kept
// from the call sessions of the last 8 days; the UTC-day count goes.
export const up = async (db: Kysely<unknown>) => {
  await sql`alter table lead_activity add column recent_attempts timestamptz[] not null default '{}'`.execute(
    db,
  )
  await sql`update lead_activity l set recent_attempts = coalesce(
    (select array_agg(s.started_at order by s.started_at) from call_sessions s
      where s.lead_id = l.lead_id and s.started_at > now() - interval '8 days'),
    '{}')`.execute(db)
  await sql`alter table lead_activity drop column attempts_today, drop column attempts_day`.execute(db)
}
