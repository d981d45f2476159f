import { type Kysely, sql } from 'kysely'

// Agent states that add up: every state an agent was in, from when to when and why, and every
// stretch they were signed in. The history is written by a trigger on agent_states, in the same
// statement as the move, so no code path (a compare-and-set, a supervisor, a job) can skip it.
export const up = async (db: Kysely<unknown>) => {
  await sql`create table agent_state_history (
    id bigserial primary key,
    agent_id uuid not null references agents(id) on delete cascade,
    state text not null,
    reason text,
    started_at timestamptz not null,
    ended_at timestamptz
  )`.execute(db)
  await sql`create index agent_state_history_started on agent_state_history (started_at, agent_id)`.execute(
    db,
  )
  await sql`create index agent_state_history_open on agent_state_history (agent_id) where ended_at is null`.execute(
    db,
  )
  await sql`create function agent_state_history_write() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and new.state = old.state and new.reason is not distinct from old.reason
    and new.since = old.since then
    return new;
  end if;
  update agent_state_history set ended_at = greatest(started_at, new.since)
    where agent_id = new.agent_id and ended_at is null;
  insert into agent_state_history (agent_id, state, reason, started_at)
    values (new.agent_id, new.state, new.reason, new.since);
  return new;
end $$`.execute(db)
  await sql`create trigger agent_state_history_write after insert or update on agent_states
    for each row execute function agent_state_history_write()`.execute(db)
  // Where agents already are becomes the first entry of their history.
  await sql`insert into agent_state_history (agent_id, state, reason, started_at)
    select agent_id, state, reason, since from agent_states`.execute(db)

  await sql`create table agent_sign_ins (
    id bigserial primary key,
    agent_id uuid not null references agents(id) on delete cascade,
    signed_in_at timestamptz not null,
    signed_out_at timestamptz,
    sign_out_reason text
  )`.execute(db)
  await sql`create index agent_sign_ins_started on agent_sign_ins (signed_in_at, agent_id)`.execute(db)
  await sql`create unique index agent_sign_ins_open on agent_sign_ins (agent_id) where signed_out_at is null`.execute(
    db,
  )
}
