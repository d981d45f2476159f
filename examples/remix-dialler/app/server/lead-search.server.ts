import type { Leads } from '@ringlane/core'
import type { DiallerApp } from './dialler.server'
import { messageOf } from './forms.server'

/** What the desk's lead search shows: the text searched, the leads found, or why it could not search. */
export interface LeadSearchResult {
  readonly query: string
  readonly matches: ReadonlyArray<Leads.LeadMatch>
  readonly error: string | null
}

/**
 * The desk's lead search (`?q=` on the desk), for the agent signed in. No query, no search. A query the
 * SDK refuses (too short, too long) comes back as a message for the field, never a 500; each lead
 * found is audited by the SDK.
 */
export const searchFromUrl = async (
  running: Pick<DiallerApp, 'ringlane'>,
  agentId: string,
  url: URL,
): Promise<LeadSearchResult | null> => {
  const query = url.searchParams.get('q')
  if (query === null || query.trim() === '') return null
  try {
    return { query, matches: await running.ringlane.leads.search(agentId, query), error: null }
  } catch (error) {
    const tag = (error as { _tag?: string })._tag
    if (tag === 'InvalidLeadSearch' || tag === 'LeadSearchUnavailable')
      return { query, matches: [], error: messageOf(error).replace(/^query: /, '') }
    throw error
  }
}
