import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Schema } from 'effect'
import { dispositionLabels } from '../server/call-history.server'
import type { DiallerApp } from '../server/dialler.server'
import { decodeForm, messageOf, readForm, searchForm } from '../server/forms.server'
import { cursorFrom, PAGE_SIZE, pageLinks } from '../server/paging.server'
import { playbackAction } from '../server/recording-playback.server'
import { RecordingSearch, searchRecordings } from '../server/recording-search.server'
import { supervisorAction, supervisorLoader } from '../server/supervisor.server'

/** Recordings by day, agent, outcome and number. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const url = new URL(request.url)
  const asked = searchForm(url)
  asked.delete('cursor')
  const decoded = decodeForm(RecordingSearch, asked)
  const said = decodeForm(TranscriptQuery, searchForm(url))
  const [search, agents, config, heard] = await Promise.all([
    searchRecordings(running, decoded.ok ? decoded.value : {}, { cursor: cursorFrom(url), limit: PAGE_SIZE }),
    running.ringlane.agents.list(),
    running.ringlane.config(),
    said.ok && said.value.said ? searchTranscripts(running, said.value.said) : null,
  ])
  const labels = dispositionLabels(config)
  const csv = new URLSearchParams(url.searchParams)
  csv.delete('cursor')
  return {
    pages: pageLinks(url, search.nextCursor),
    csvHref: decoded.ok ? `/supervisor/recordings.csv${csv.size > 0 ? `?${csv}` : ''}` : null,
    search: Object.fromEntries(url.searchParams),
    fields: decoded.ok ? search.fields : decoded.fields,
    said: said.ok ? (said.value.said ?? '') : '',
    saidError: said.ok ? (heard && 'error' in heard ? heard.error : null) : (said.fields.said ?? null),
    heard:
      heard && 'matches' in heard
        ? heard.matches.map((m) => ({
            recordingId: m.recordingId,
            startSeconds: m.startSeconds,
            speaker: m.speaker,
            text: m.text,
            completedAt: m.completedAt.toISOString(),
          }))
        : null,
    agents: agents
      .filter((a) => a.role === 'agent')
      .map((a) => ({ id: a.id as string, name: a.displayName })),
    outcomes: config.settings.dispositions.map((d) => ({ code: d.code, label: d.label })),
    recordings: search.found.map((r) => ({
      id: r.recordingId,
      status: r.status,
      recordedAt: r.recordedAt.toISOString(),
      durationSeconds: r.durationSeconds,
      failureReason: r.failureReason,
      phone: r.phone,
      leadId: r.leadId,
      agent: r.agentName,
      outcome: r.disposition ? (labels[r.disposition] ?? r.disposition) : null,
    })),
  }
}

/** Words said on a call: the transcript search box. */
const TranscriptQuery = Schema.Struct({
  said: Schema.optional(
    Schema.Trim.pipe(Schema.maxLength(200, { message: () => 'Search for at most 200 characters' })),
  ),
})

/** Turns that match, or the search's own refusal (a query with no word in it). */
const searchTranscripts = async (running: Pick<DiallerApp, 'ringlane'>, said: string) => {
  try {
    return { matches: await running.ringlane.transcripts.search({ query: said, limit: 50 }) }
  } catch (error) {
    // No transcription configured: nothing can match.
    if ((error as { _tag?: string })._tag === 'NotConfigured') return { matches: [] }
    return { error: messageOf(error) }
  }
}

/** Play, refresh or download a recording: the shared playback action (signed, expiring, audited URLs). */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction({ request, context })
  return playbackAction(running, user.id, await readForm(request))
}
