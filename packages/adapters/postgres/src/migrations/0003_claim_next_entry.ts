import { type Kysely, sql } from 'kysely'

/**
 * Claiming in one round trip. The store used to try an agent's queues one statement at a time, so
 * every claim paid a round trip for each higher-priority queue that was empty (the callbacks queue,
 * most of the day). This function runs the same statement per queue, in the given order, inside the
 * database, and stops at the first queue that hands out an entry.
 */
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create function claim_next_entry(claimant uuid, queue_ids text[], claimed_now timestamptz)
    returns setof queue_entries
    language plpgsql
    as $$
    declare
      wanted text;
      claimed queue_entries;
    begin
      foreach wanted in array queue_ids loop
        update queue_entries set status = 'claimed', claimed_by = claimant, claimed_at = claimed_now
        where id = (
          select e.id from queue_entries e
          where e.queue_id = wanted
            and e.generation = (select q.current_generation from queues q where q.id = wanted)
            and e.status = 'waiting'
            and (e.reserved_for is null or e.reserved_for = claimant)
          order by e.score desc, e.lead_created_at desc, e.lead_id
          limit 1
          for update skip locked
        )
        returning * into claimed;
        if found then
          return next claimed;
          return;
        end if;
      end loop;
    end
    $$`.execute(db)
}
