import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Schema } from 'effect'
import { decodeForm, messageOf, readForm } from '../server/forms.server'
import { currentOpsAlerts, lastOpsDelivery } from '../server/ops-alerts.server'
import { liveSnapshot, supervisorAction, supervisorLoader } from '../server/supervisor.server'

/** The live dashboard's first view; its event stream keeps it current. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running, user } = await supervisorLoader(request)
  const [snapshot, pauseReasons, alerts] = await Promise.all([
    // Seen by this supervisor: the leads on calls by name.
    liveSnapshot(running, user.id),
    running.ringlane.agents.pauseReasons(),
    currentOpsAlerts(running, () => running.jobs.lastRuns()),
  ])
  return { ...snapshot, pauseReasons, ops: { alerts, delivery: lastOpsDelivery() } }
}

const Intent = Schema.Struct({ intent: Schema.Literal('end-call', 'set-state', 'supervise') })
const EndCall = Schema.Struct({ sessionId: Schema.UUID })
const Supervise = Schema.Struct({
  sessionId: Schema.UUID,
  mode: Schema.Literal('listen', 'whisper', 'barge', 'leave').annotations({
    message: () => 'Choose listen, whisper, barge or leave',
  }),
})
const supervised = {
  listen: 'You are listening; nobody hears you.',
  whisper: 'You are whispering; only the agent hears you.',
  barge: 'You are on the call; everyone hears you.',
} as const
const SetState = Schema.Struct({
  agentId: Schema.UUID,
  // `paused:<reason>` carries the pause reason chosen with it.
  state: Schema.String.pipe(
    Schema.filter((s) => /^(available|offline|paused:.+)$/s.test(s) || 'Choose a state for the agent'),
  ),
})

type Result = { ok: true; notice: string } | { ok: false; error: string }

/**
 * A supervisor ends an agent's stuck call, sets an agent's state, or listens to, whispers to, barges
 * into or leaves a call; all audited by the SDK.
 */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction({ request, context })
  const form = await readForm(request)
  const intent = decodeForm(Intent, form)
  if (!intent.ok) return data<Result>({ ok: false, error: 'Unknown action' }, { status: 400 })
  const bad = (fields: Record<string, string>) =>
    data<Result>({ ok: false, error: Object.values(fields).join(' ') }, { status: 400 })
  try {
    if (intent.value.intent === 'end-call') {
      const call = decodeForm(EndCall, form)
      if (!call.ok) return bad(call.fields)
      const ended = await running.ringlane.calls.endForAgent(user.id, call.value.sessionId)
      return data<Result>({
        ok: true,
        notice: `Call ended (${ended.status}); the agent records its outcome.`,
      })
    }
    if (intent.value.intent === 'supervise') {
      const supervise = decodeForm(Supervise, form)
      if (!supervise.ok) return bad(supervise.fields)
      const { sessionId, mode } = supervise.value
      if (mode === 'leave') {
        const left = await running.ringlane.callControl.stopSupervising(user.id, sessionId)
        return data<Result>({ ok: true, notice: left ? 'You left the call.' : 'You were not on that call.' })
      }
      await running.ringlane.callControl.supervise(user.id, sessionId, mode)
      return data<Result>({ ok: true, notice: supervised[mode] })
    }
    const set = decodeForm(SetState, form)
    if (!set.ok) return bad(set.fields)
    const [state, ...reason] = set.value.state.split(':')
    const after = await running.ringlane.agents.setStateFor(
      user.id,
      set.value.agentId,
      state as 'available' | 'paused' | 'offline',
      ...(reason.length > 0 ? [reason.join(':')] : []),
    )
    return data<Result>({ ok: true, notice: `Agent is now ${after.state.replace('_', ' ')}.` })
  } catch (error) {
    return data<Result>({ ok: false, error: messageOf(error) }, { status: 400 })
  }
}
