import type { Calls } from '@ringlane/core'
import { Schema } from 'effect'
import { addDays, CALL_CENTRE_TIME_ZONE, zonedDateTime } from '../utils/dates'
import { dispositionLabels } from './call-history.server'
import type { DiallerApp } from './dialler.server'
import { decodeForm, searchForm } from './forms.server'
import { daysInOrder, sharedFilters } from './search-filters.server'

/** The call log's filters as the page's GET form sends them; every field optional. */
export const CallLogFilters = Schema.Struct({
  ...sharedFilters,
  leadName: Schema.optional(
    Schema.Trim.pipe(
      Schema.minLength(2, { message: () => 'Enter at least 2 letters of the name' }),
      Schema.maxLength(100, { message: () => 'Enter at most 100 characters' }),
    ),
  ),
  direction: Schema.optional(
    Schema.Literal('inbound', 'outbound').annotations({ message: () => 'Choose inbound or outbound' }),
  ),
  /** Calls a page (the form offers 10, 25, 50 and 100). */
  size: Schema.optional(
    Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, 100)).annotations({
      message: () => 'Show between 1 and 100 calls a page',
    }),
  ),
}).pipe(Schema.filter(daysInOrder))
export type CallLogFilters = typeof CallLogFilters.Type

/** What the query asks for (the filters), or the fields it got wrong; the cursor is read apart. */
export const filtersFrom = (url: URL) => {
  const form = searchForm(url)
  form.delete('cursor')
  return decodeForm(CallLogFilters, form)
}

/** The SDK's search for these filters: days are whole days in the call centre's zone. */
export const searchOf = (filters: CallLogFilters, cursor: string | undefined, limit: number) => {
  const midnight = (d: string) => zonedDateTime(`${d}T00:00`, CALL_CENTRE_TIME_ZONE)
  const from = filters.from ? midnight(filters.from) : undefined
  const to = filters.to ? midnight(addDays(filters.to, 1)) : undefined
  return {
    ...(filters.leadName ? { leadName: filters.leadName } : {}),
    ...(filters.number ? { number: filters.number } : {}),
    ...(filters.agentId ? { agentId: filters.agentId } : {}),
    ...(filters.outcome ? { outcome: filters.outcome } : {}),
    ...(filters.direction ? { direction: filters.direction } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(cursor ? { cursor } : {}),
    limit,
  }
}

/** A call as the log's table and CSV show it: names, not ids; the outcome's label. */
export const callRow = (call: Calls.CallLogEntry, labels: Readonly<Record<string, string>>) => ({
  id: call.session.id,
  startedAt: call.session.startedAt.toISOString(),
  direction: call.session.direction,
  lead: call.leadName ?? 'Unknown lead',
  phone: call.session.phone as string,
  agent: call.agentName ?? (call.session.campaignId ? 'Nobody (dialler)' : 'Nobody'),
  status: call.session.status as string,
  outcome: call.outcome ? (labels[call.outcome.disposition] ?? call.outcome.disposition) : null,
  talkSeconds: call.session.talkSeconds,
  cost: call.cost ? `${call.cost.amount} ${call.cost.currency}` : null,
})
export type CallRow = ReturnType<typeof callRow>

/** The outcome labels and the agents to choose from, for the filters. */
export const filterChoices = async ({ ringlane }: DiallerApp) => {
  const [config, agents] = await Promise.all([ringlane.config(), ringlane.agents.list()])
  return {
    labels: dispositionLabels(config),
    outcomes: config.settings.dispositions.map((d) => ({ code: d.code, label: d.label })),
    agents: agents.map((a) => ({ id: a.id as string, name: a.displayName })),
  }
}
