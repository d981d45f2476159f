import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { app } from '../server/app.server'
import { checkOrigin, limitActions, requireRole, type SignedIn } from '../server/auth.server'
import { callRow, filterChoices } from '../server/call-log.server'
import type { DiallerApp } from '../server/dialler.server'
import { readForm } from '../server/forms.server'
import { playbackAction, transcriptOf } from '../server/recording-playback.server'
import { auditAccess } from '../server/supervisor.server'

const EVERYONE = ['agent', 'supervisor', 'admin'] as const
const notFound = () => new Response('There is no such call.', { status: 404 })

/**
 * The call, if this person may see it: supervisors and admins see every call, an agent only their own
 * (another agent's call answers as if it did not exist, so ids cannot be probed).
 */
const callFor = async (running: DiallerApp, user: SignedIn, sessionId: string | undefined) => {
  if (!sessionId || !/^[0-9a-f-]{36}$/i.test(sessionId)) throw notFound()
  const call = await running.ringlane.calls.details(sessionId)
  if (!call || (user.role === 'agent' && call.session.agentId !== user.id)) throw notFound()
  return call
}

/** What nothing configured to record or transcribe answers: nothing to show. */
const orNothing =
  <A>(fallback: A) =>
  (error: unknown) => {
    if ((error as { _tag?: string })._tag === 'NotConfigured') return fallback
    throw error
  }

/** One call: who, when, outcome, cost, its recordings with their transcripts, and its events in order. */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const running = await app()
  const user = await requireRole(running, running.publicBaseUrl, request, EVERYONE)
  const call = await callFor(running, user, params.sessionId)
  // Whoever opens a call sees a person's details and what they said: the audit log keeps who looked.
  await auditAccess(running, { actor: user.id, action: 'call.viewed', subject: call.session.id })
  const [{ labels }, recordings] = await Promise.all([
    filterChoices(running),
    running.ringlane.recordings.list({ sessionId: call.session.id }).catch(orNothing([])),
  ])
  const kept = recordings.filter((r) => r.status !== 'deleted')
  return {
    backTo: user.role === 'agent' ? '/agent/history' : '/supervisor/calls',
    leadHref: user.role === 'agent' ? null : `/supervisor/leads/${encodeURIComponent(call.session.leadId)}`,
    call: {
      ...callRow(call, labels),
      notes: call.outcome?.notes ?? null,
      answeredAt: call.session.answeredAt?.toISOString() ?? null,
      endedAt: call.session.endedAt?.toISOString() ?? null,
      ringSeconds: call.session.ringSeconds,
      endReason: call.session.endReason,
    },
    events: call.events.map((e) => ({
      status: e.status as string,
      occurredAt: e.occurredAt.toISOString(),
      answeredBy: e.answeredBy,
      errorCode: e.errorCode,
    })),
    recordings: await Promise.all(
      kept.map(async (r) => ({
        id: r.id as string,
        status: r.status as string,
        recordedAt: r.recordedAt.toISOString(),
        durationSeconds: r.durationSeconds,
        transcript: await transcriptOf(running.ringlane, r.id),
      })),
    ),
  }
}

/** Play a recording of this call (signed, expiring, audited), if the person may see the call. */
export const action = async ({ request, params, context }: ActionFunctionArgs) => {
  const running = await app()
  checkOrigin(request, running.publicBaseUrl)
  limitActions(running, request, context)
  const user = await requireRole(running, running.publicBaseUrl, request, EVERYONE)
  const call = await callFor(running, user, params.sessionId)
  const recordings = await running.ringlane.recordings
    .list({ sessionId: call.session.id })
    .catch(orNothing([]))
  const ours = new Set(recordings.map((r) => r.id as string))
  return playbackAction(running, user.id, await readForm(request), (id) => ours.has(id))
}
