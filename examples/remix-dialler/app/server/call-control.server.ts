import { Schema } from 'effect'
import type { DiallerApp } from './dialler.server'
import { decodeForm } from './forms.server'

/** The desk's call-control buttons, one intent each (the desk's action hands them here). */
export const CALL_CONTROL_INTENTS = [
  'hold',
  'resume',
  'transfer',
  'transfer-to-queue',
  'complete-transfer',
  'cancel-transfer',
  'add-to-call',
  'remove-from-call',
] as const
export type CallControlIntent = (typeof CALL_CONTROL_INTENTS)[number]

/**
 * What the desk shows for a live call the dialler connected: held or not, who else is on it (by name),
 * and the colleagues signed in, with their state (the SDK refuses one who is not free when asked).
 * Null for no such call (none, or a preview call).
 */
export const deskCallControl = async ({ ringlane }: DiallerApp, agentId: string) => {
  const status = await ringlane.callControl.status(agentId)
  if (!status) return null
  const [{ agents }, queues] = await Promise.all([
    ringlane.analytics.liveSnapshot(),
    ringlane.routing.queues().catch(() => []),
  ])
  const nameOf = (id: string) => agents.find((a) => a.agentId === id)?.displayName ?? 'Another agent'
  return {
    sessionId: status.sessionId,
    held: status.held,
    otherAgent: status.otherAgentId && { id: status.otherAgentId, name: nameOf(status.otherAgentId) },
    guests: status.guests.map((label) => ({ label, phone: label.replace(/^guest:/, '') })),
    colleagues: agents
      .filter((a) => a.state !== 'offline' && a.agentId !== agentId)
      .map((a) => ({ id: a.agentId as string, name: a.displayName, state: a.state.replace('_', ' ') })),
    /** The live-call queues a call can be transferred to (routing), by name. */
    queues: queues.map((q) => ({ id: q.id as string, name: q.name })),
  }
}

const Transfer = Schema.Struct({
  toAgentId: Schema.UUID.annotations({ message: () => 'Choose who to transfer the call to' }),
  mode: Schema.Literal('cold', 'warm').annotations({ message: () => 'Choose a cold or a warm transfer' }),
})
const ToQueue = Schema.Struct({
  queueId: Schema.String.pipe(Schema.minLength(1, { message: () => 'Choose a queue' })),
})
const AddToCall = Schema.Struct({
  addAgentId: Schema.optionalWith(Schema.String, { default: () => '' }),
  phone: Schema.optionalWith(Schema.String.pipe(Schema.maxLength(40)), { default: () => '' }),
})
const Guest = Schema.Struct({ label: Schema.String.pipe(Schema.pattern(/^guest:\+\d{6,15}$/)) })

type Done = { readonly ok: true; readonly notice: string }
type Refused = { readonly ok: false; readonly fields: Record<string, string> }

/**
 * Runs one call-control intent for the agent; the SDK checks the call is theirs and the other agent is
 * free, and audits it. Refusals from the SDK are thrown for the desk's action to show.
 */
export const performCallControl = async (
  { ringlane }: DiallerApp,
  agentId: string,
  intent: CallControlIntent,
  form: FormData,
): Promise<Done | Refused> => {
  const { callControl } = ringlane
  switch (intent) {
    case 'hold':
      await callControl.hold(agentId)
      return { ok: true, notice: 'The caller is on hold.' }
    case 'resume':
      await callControl.resume(agentId)
      return { ok: true, notice: 'The caller is back with you.' }
    case 'transfer': {
      const transfer = decodeForm(Transfer, form)
      if (!transfer.ok) return { ok: false, fields: transfer.fields }
      const { toAgentId, mode } = transfer.value
      await callControl.transferToAgent(agentId, toAgentId, mode)
      return {
        ok: true,
        notice:
          mode === 'cold'
            ? 'Call transferred. Wrap up, then go available.'
            : 'The caller is on hold while you speak to your colleague: complete or cancel the transfer.',
      }
    }
    case 'transfer-to-queue': {
      const to = decodeForm(ToQueue, form)
      if (!to.ok) return { ok: false, fields: to.fields }
      await callControl.transferToQueue(agentId, to.value.queueId)
      return { ok: true, notice: 'Call sent to the queue. Wrap up, then go available.' }
    }
    case 'complete-transfer':
      await callControl.completeTransfer(agentId)
      return { ok: true, notice: 'Call transferred. Wrap up, then go available.' }
    case 'cancel-transfer':
      await callControl.cancelTransfer(agentId)
      return { ok: true, notice: 'Transfer cancelled; the caller is back with you.' }
    case 'add-to-call': {
      const add = decodeForm(AddToCall, form)
      if (!add.ok) return { ok: false, fields: add.fields }
      const { addAgentId, phone } = add.value
      if (!addAgentId === !phone.trim())
        return { ok: false, fields: { phone: 'Choose a colleague or type a number, not both' } }
      await callControl.addToCall(agentId, addAgentId ? { agentId: addAgentId } : { phone })
      return {
        ok: true,
        notice: addAgentId ? 'Your colleague joined the call.' : 'Calling the number into the call.',
      }
    }
    case 'remove-from-call': {
      const guest = decodeForm(Guest, form)
      if (!guest.ok) return { ok: false, fields: { label: 'Choose who to take off the call' } }
      await callControl.removeFromCall(agentId, guest.value.label)
      return { ok: true, notice: 'Taken off the call.' }
    }
  }
}
