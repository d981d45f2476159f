import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Schema } from 'effect'
import { dispositionLabels } from '../server/call-history.server'
import { decodeForm, messageOf, readForm, searchForm } from '../server/forms.server'
import { RecordingSearch, searchRecordings } from '../server/recording-search.server'
import { supervisorAction, supervisorLoader } from '../server/supervisor.server'

/** Recordings by day, agent, outcome and number. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const url = new URL(request.url)
  const decoded = decodeForm(RecordingSearch, searchForm(url))
  const [search, agents, config] = await Promise.all([
    searchRecordings(running, decoded.ok ? decoded.value : {}),
    running.ringlane.agents.list(),
    running.ringlane.config(),
  ])
  const labels = dispositionLabels(config)
  return {
    search: Object.fromEntries(url.searchParams),
    fields: decoded.ok ? search.fields : decoded.fields,
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

const Action = Schema.Struct({
  intent: Schema.Literal('play', 'refresh', 'download'),
  recordingId: Schema.UUID.annotations({ message: () => 'Choose a recording' }),
})

type ActionResult =
  | { ok: true; recordingId: string; url: string; refreshAt: string; expiresAt: string }
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
  const { intent, recordingId } = form.value
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
    })
  } catch (error) {
    return data<ActionResult>({ ok: false, recordingId, error: messageOf(error) }, { status: 409 })
  }
}
