import { type Kysely, sql } from 'kysely'

// The call engine's calls are calls in the one call log: a campaign's, placed before anyone knows
// which agent will take them (the agent is set when a person answers, or never). Its shared
// calls-per-second budget is a row per second that every instance counts against.
export const up = async (db: Kysely<unknown>) => {
  await sql`alter table call_sessions alter column agent_id drop not null`.execute(db)
  await sql`alter table call_sessions
    add column campaign_id text,
    add column direction text not null default 'outbound' check (direction in ('outbound', 'inbound'))`.execute(
    db,
  )
  await sql`create index call_sessions_campaign_open on call_sessions (campaign_id, started_at)
    where campaign_id is not null and status in ('initiated', 'queued', 'ringing', 'in-progress')`.execute(db)
  await sql`create table engine_call_rate (
    scope text not null,
    second bigint not null,
    placed integer not null,
    primary key (scope, second))`.execute(db)
}
