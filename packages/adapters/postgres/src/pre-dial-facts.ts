import { Dialing } from '@ringlane/core'
import { Option } from 'effect'
import { CompiledQuery, type Kysely, type Selectable } from 'kysely'
import { prepared } from './connection.js'
import { type ActivityRow, attemptWith, toActivity, toAgent, toEntry } from './rows.js'
import type { DiallerDatabase } from './schema.js'

const attempt = attemptWith(Dialing.PreDialFactsError, 'dialler store')

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * `preDialFacts` in one statement: `$1` the agent, `$2` the entry (null when not a UUID), `$3` the
 * conversions cutoff. Always one row; the agent's and entry's columns are null when they do not exist.
 */
const PRE_DIAL_FACTS = prepared(
  'ringlane_pre_dial_facts',
  `select
  a.id as agent_id, a.email as agent_email, a.display_name as agent_display_name, a.role as agent_role,
  a.active as agent_active, a.queue_ids as agent_queue_ids,
  e.id, e.queue_id, e.lead_id, e.phone, e.score, e.reasons, e.lead_created_at, e.status, e.claimed_by,
  e.claimed_at, e.reserved_for, e.callback_id,
  l.lead_id as activity_lead_id, l.last_contact_at, l.attempts_total,
  to_json(l.recent_attempts) as recent_attempts, l.last_outcome, l.next_call_after,
  exists (select 1 from lead_conversions c
    where c.queue_id = e.queue_id and c.lead_id = e.lead_id and c.converted_at >= $3) as converted,
  exists (select 1 from opt_outs o where o.phone = e.phone) as opted_out,
  coalesce((select json_agg(json_build_object('listId', s.list_id, 'reason', s.reason) order by s.list_id)
    from suppression_entries s where s.phone = e.phone), '[]'::json) as listed_on,
  coalesce((select json_agg(json_build_object('id', sl.id, 'screenedAt', sl.screened_at) order by sl.id)
    from suppression_lists sl), '[]'::json) as lists
from (select 1) as one
left join agents a on a.id = $1
left join queue_entries e on e.id = $2
left join lead_activity l on l.lead_id = e.lead_id`,
)

type EntryRow = Selectable<DiallerDatabase['queue_entries']>
type AgentRow = Selectable<DiallerDatabase['agents']>
type PreDialRow = { [K in keyof EntryRow]: EntryRow[K] | null } & {
  readonly agent_id: string | null
  readonly agent_email: string
  readonly agent_display_name: string
  readonly agent_role: AgentRow['role']
  readonly agent_active: boolean
  readonly agent_queue_ids: string[]
  readonly activity_lead_id: string | null
  readonly converted: boolean
  readonly opted_out: boolean
  readonly listed_on: ReadonlyArray<{ listId: string; reason: string }>
  readonly lists: ReadonlyArray<{ id: string; screenedAt: string | null }>
} & Omit<ActivityRow, 'lead_id'>

const toPreDialFacts = (row: PreDialRow): Dialing.PreDialFacts => ({
  agent:
    row.agent_id === null
      ? Option.none()
      : Option.some(
          toAgent({
            id: row.agent_id,
            email: row.agent_email,
            display_name: row.agent_display_name,
            role: row.agent_role,
            active: row.agent_active,
            queue_ids: row.agent_queue_ids,
          } as AgentRow),
        ),
  entry: row.id === null ? Option.none() : Option.some(toEntry(row as EntryRow)),
  activity: row.activity_lead_id === null ? null : toActivity({ ...row, lead_id: row.activity_lead_id }),
  converted: row.converted,
  optedOut: row.opted_out,
  screening: {
    listedOn: row.listed_on,
    lists: row.lists.map((list) => ({
      id: list.id,
      screenedAt: list.screenedAt === null ? null : new Date(list.screenedAt),
    })),
  },
})

/** What decides a dial, in one prepared statement on Postgres or PGlite. */
export const preDialFactsReader = (db: Kysely<DiallerDatabase>): Dialing.PreDialFactsReaderService => ({
  preDialFacts: (agentId, entryId, convertedSince) =>
    attempt('read what decides a dial', async () => {
      const { rows } = await db.executeQuery<PreDialRow>(
        CompiledQuery.raw(PRE_DIAL_FACTS, [
          agentId !== null && UUID.test(agentId) ? agentId : null,
          UUID.test(entryId) ? entryId : null,
          convertedSince,
        ]),
      )
      return toPreDialFacts(rows[0] as PreDialRow)
    }),
})
