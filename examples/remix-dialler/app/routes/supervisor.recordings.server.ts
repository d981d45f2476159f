import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import type { Transcripts } from '@ringlane/core'
import { Schema } from 'effect'
import type { TranscriptView } from '../components/transcript'
import { dispositionLabels } from '../server/call-history.server'
import type { DiallerApp } from '../server/dialler.server'
import { decodeForm, messageOf, readForm, searchForm } from '../server/forms.server'
import { RecordingSearch, searchRecordings } from '../server/recording-search.server'
import { supervisorAction, supervisorLoader } from '../server/supervisor.server'

/** Recordings by day, agent, outcome and number. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const url = new URL(request.url)
  const decoded = decodeForm(RecordingSearch, searchForm(url))
  const said = decodeForm(TranscriptQuery, searchForm(url))
  const [search, agents, config, heard] = await Promise.all([
    searchRecordings(running, decoded.ok ? decoded.value : {}),
    running.ringlane.agents.list(),
    running.ringlane.config(),
    said.ok && said.value.said ? searchTranscripts(running, said.value.said) : null,
  ])
  const labels = dispositionLabels(config)
  return {
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

/** The transcript as the page shows it; null when nothing transcribes or it has none yet. */
const transcriptOf = async (
  ringlane: DiallerApp['ringlane'],
  recordingId: string,
): Promise<TranscriptView | null> => {
  const transcript: Transcripts.Transcript | null = await ringlane.transcripts
    .ofRecording(recordingId)
    // Nothing transcribes here: no transcript to show. Any other failure is the action's to report.
    .catch((error: unknown) => {
      if ((error as { _tag?: string })._tag === 'NotConfigured') return null
      throw error
    })
  return (
    transcript && {
      status: transcript.status,
      failureReason: transcript.failureReason,
      nextAttemptAt: transcript.nextAttemptAt?.toISOString() ?? null,
      turns: transcript.turns,
    }
  )
}

const Action = Schema.Struct({
  intent: Schema.Literal('play', 'refresh', 'download'),
  recordingId: Schema.UUID.annotations({ message: () => 'Choose a recording' }),
  /** Where to start playing: a transcript search hit's turn. */
  at: Schema.optional(
    Schema.NumberFromString.pipe(Schema.finite(), Schema.between(0, 86_400)).annotations({
      message: () => 'Start at a moment in the recording',
    }),
  ),
})

type ActionResult =
  | {
      ok: true
      recordingId: string
      url: string
      refreshAt: string
      expiresAt: string
      transcript: TranscriptView | null
      startAt: number | null
    }
  | { ok: false; recordingId: string | null; error: string }

/**
 * Every URL handed out is signed, expiring and audited by the recordings service (played, refreshed
 * or downloaded, by whom): no entry, no URL.
 */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction({ request, context })
  const form = decodeForm(Action, await readForm(request))
  if (!form.ok)
    return data<ActionResult>(
      { ok: false, recordingId: null, error: Object.values(form.fields).join('; ') },
      { status: 400 },
    )
  const { intent, recordingId, at } = form.value
  try {
    const ask = {
      recordingId,
      actor: user.id,
      purpose: intent === 'download' ? ('download' as const) : ('playback' as const),
    }
    const signed =
      intent === 'refresh'
        ? await running.ringlane.recordings.refreshPlaybackUrl(ask)
        : await running.ringlane.recordings.playbackUrl(ask)
    if (intent === 'download')
      return redirect(`${signed.url}${signed.url.includes('?') ? '&' : '?'}download=1`)
    return data<ActionResult>({
      ok: true,
      recordingId,
      url: signed.url,
      refreshAt: signed.refreshAt.toISOString(),
      expiresAt: signed.expiresAt.toISOString(),
      // A refresh only swaps the URL; the transcript is already on the page.
      transcript: intent === 'refresh' ? null : await transcriptOf(running.ringlane, recordingId),
      startAt: at ?? null,
    })
  } catch (error) {
    return data<ActionResult>({ ok: false, recordingId, error: messageOf(error) }, { status: 409 })
  }
}
