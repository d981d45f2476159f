import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import type { VoiceAi } from '@ringlane/core'
import { Schema } from 'effect'
import { decodeForm, messageOf, readForm } from '../server/forms.server'
import { supervisorAction, supervisorLoader } from '../server/supervisor.server'
import { trySimulatedCall } from '../server/voice-ai.server'

/** An AI session as the page shows it: names for the agent and queue, dates as ISO strings. */
const sessionView = (
  session: VoiceAi.VoiceAiSession,
  agentName: Readonly<Record<string, string>>,
  queueName: Readonly<Record<string, string>>,
) => ({
  id: session.id,
  callId: session.callId,
  agent: agentName[session.agentId] ?? session.agentId,
  status: session.status,
  startedAt: session.startedAt.toISOString(),
  longestSilenceMs: session.longestSilenceMs,
  attempts: session.attempts.map((a) => ({
    provider: a.provider,
    spokeAfterMs: a.firstAudioAt ? +a.firstAudioAt - +a.startedAt : null,
    failure: a.failure,
  })),
  turns: session.turns.map((t) => ({ speaker: t.speaker, text: t.text, atMs: t.atMs })),
  handoff: session.handoff && {
    queue: queueName[session.handoff.queueId] ?? session.handoff.queueId,
    reason: session.handoff.reason,
    summary: session.handoff.summary,
    failure: session.handoff.failure,
  },
})

/** AI agents (their provider chains and instructions) and the latest AI sessions. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const configured = running.voiceProviders.length > 0
  // `?callId=` shows one call's AI sessions (a link from a call); otherwise the latest.
  const asked = new URL(request.url).searchParams.get('callId') ?? ''
  // Control characters are no part of a call id (and no store keeps a NUL): they are dropped.
  const callId =
    [...asked]
      .filter((c) => c >= ' ')
      .join('')
      .trim() || null
  const [agents, queues, sessions] = configured
    ? await Promise.all([
        running.ringlane.voiceAi.agents(),
        running.ringlane.routing.queues(),
        callId
          ? running.ringlane.voiceAi.sessionsOfCall({ callId: callId.slice(0, 100) })
          : running.ringlane.voiceAi.recentSessions(20),
      ])
    : [[], [], []]
  const agentName = Object.fromEntries(agents.map((a) => [a.id, a.name]))
  const queueName = Object.fromEntries(queues.map((q) => [q.id, q.name]))
  return {
    configured,
    callId,
    canTry: running.simulator !== null,
    providers: running.voiceProviders,
    queues: queues.map((q) => ({ id: q.id as string, name: q.name })),
    agents: agents.map((a) => ({
      id: a.id as string,
      name: a.name,
      instructions: a.instructions,
      providers: [...a.providers],
      handoffQueue: queueName[a.handoffQueueId] ?? a.handoffQueueId,
      handoffQueueId: a.handoffQueueId as string,
    })),
    sessions: sessions.map((s) => sessionView(s, agentName, queueName)),
  }
}

const Save = Schema.Struct({
  intent: Schema.Literal('save'),
  id: Schema.String,
  name: Schema.String,
  instructions: Schema.String,
  provider1: Schema.String,
  provider2: Schema.optional(Schema.String),
  provider3: Schema.optional(Schema.String),
  handoffQueueId: Schema.String,
})
const Try = Schema.Struct({ intent: Schema.Literal('try'), agentId: Schema.String })

export type AiAgentsResult =
  | { ok: true; message: string }
  | { ok: false; error: string; fields?: Record<string, string> }

const fail = (status: number, result: AiAgentsResult) => data<AiAgentsResult>(result, { status })

/** Saves an AI agent (the SDK checks every field), or tries one on a simulated call in the demo. */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { running } = await supervisorAction({ request, context })
  const form = await readForm(request)
  const intent = String(form.get('intent') ?? '')
  try {
    if (intent === 'save') {
      const input = decodeForm(Save, form)
      if (!input.ok)
        return fail(400, { ok: false, error: 'Check the highlighted fields', fields: input.fields })
      const { provider1, provider2, provider3, intent: _, ...agent } = input.value
      const providers = [provider1, provider2, provider3].filter((p): p is string => !!p)
      const saved = await running.ringlane.voiceAi.saveAgent({ ...agent, providers })
      return data<AiAgentsResult>({ ok: true, message: `${saved.name} is saved.` })
    }
    if (intent === 'try') {
      const input = decodeForm(Try, form)
      if (!input.ok || !running.simulator)
        return fail(400, { ok: false, error: 'Only the demo can try an agent on a simulated call' })
      const session = await trySimulatedCall(running.ringlane, input.value.agentId)
      const outcome =
        session.status === 'handed-off'
          ? 'handed over to a person'
          : session.status === 'handoff-failed'
            ? 'could not be handed over'
            : 'finished'
      return data<AiAgentsResult>({ ok: true, message: `The simulated call ${outcome}.` })
    }
    return fail(400, { ok: false, error: 'Unknown action' })
  } catch (error) {
    // The SDK names the field it refused; the chain's fields are the page's provider selects.
    const named =
      (error as { _tag?: unknown })._tag === 'UnknownVoiceProvider'
        ? 'providers'
        : (error as { field?: unknown }).field
    const field = typeof named === 'string' ? (named.split('.')[0] ?? named) : undefined
    const fields = field ? { [field === 'providers' ? 'provider1' : field]: messageOf(error) } : undefined
    return fail(400, { ok: false, error: messageOf(error), ...(fields && { fields }) })
  }
}
