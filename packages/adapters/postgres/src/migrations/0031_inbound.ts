import { type Kysely, sql } from 'kysely'

// Inbound: IVR flows with immutable published versions, the numbers each answers, every inbound call's
// flow version and the steps it took, voicemail boxes and the messages left in them.
export const up = async (db: Kysely<unknown>) => {
  await sql`create table inbound_flows (
    id text primary key,
    name text not null,
    numbers text[] not null default '{}',
    definition jsonb not null,
    published_version integer,
    updated_at timestamptz not null)`.execute(db)
  await sql`create table inbound_flow_versions (
    flow_id text not null references inbound_flows (id),
    version integer not null check (version >= 1),
    definition jsonb not null,
    published_at timestamptz not null,
    published_by text,
    primary key (flow_id, version))`.execute(db)
  // A published version never changes: refused by the database as well as by the store.
  await sql`create function inbound_flow_versions_immutable() returns trigger language plpgsql as $$
    begin raise exception 'a published flow version is never changed'; end $$`.execute(db)
  await sql`create trigger inbound_flow_versions_immutable before update on inbound_flow_versions
    for each row execute function inbound_flow_versions_immutable()`.execute(db)
  await sql`create table inbound_calls (
    session_id uuid primary key,
    flow_id text not null,
    flow_version integer not null,
    caller text not null,
    called text not null,
    lead_id text,
    preferred_agent_id uuid,
    started_at timestamptz not null,
    foreign key (flow_id, flow_version) references inbound_flow_versions (flow_id, version))`.execute(db)
  await sql`create table inbound_call_steps (
    session_id uuid not null references inbound_calls (session_id),
    position integer not null,
    step_id text not null,
    kind text not null,
    detail text not null,
    at timestamptz not null,
    primary key (session_id, position))`.execute(db)
  await sql`create table voicemail_boxes (
    id text primary key,
    name text not null,
    owner jsonb not null,
    greeting jsonb not null,
    max_length_seconds integer not null,
    retention_days integer not null)`.execute(db)
  await sql`create table voicemail_messages (
    id uuid primary key default gen_random_uuid(),
    box_id text not null references voicemail_boxes (id),
    session_id uuid not null,
    caller text not null,
    lead_id text,
    provider_recording_id text not null unique,
    duration_seconds integer,
    recorded_at timestamptz not null,
    heard_at timestamptz,
    heard_by uuid,
    callback_id uuid)`.execute(db)
  await sql`create index voicemail_messages_box on voicemail_messages (box_id, recorded_at desc)`.execute(db)
}
