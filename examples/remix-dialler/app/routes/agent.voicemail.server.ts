import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Schema } from 'effect'
import { app } from '../server/app.server'
import { checkOrigin, limitActions, requireRole } from '../server/auth.server'
import { decodeForm, messageOf, readForm } from '../server/forms.server'
import { voicemailRows } from '../server/voicemail-rows.server'

/**
 * The agent's voicemail: the messages of their own box and of the queues they work, newest first,
 * with who called (their lead's name when the number is known), the transcript and any callback.
 * Agents only; the SDK gives an agent no other box's messages.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  const agent = await requireRole(running, running.publicBaseUrl, request, ['agent'])
  const { ringlane } = running
  const { boxes, messages } = await ringlane.inbound.inbox(agent.id, { limit: 100 })
  const rows = await voicemailRows(ringlane, agent.id, messages, boxes)
  return { boxes: boxes.map((box) => box.name), messages: rows }
}

const Action = Schema.Struct({
  intent: Schema.Literal('play', 'heard', 'callback'),
  messageId: Schema.UUID,
})

export type AgentVoicemailResult =
  | { ok: true; message: string; play?: { messageId: string; url: string } }
  | { ok: false; error: string }

/**
 * Play (a signed, audited URL for the message's own recording), mark heard, or make a callback that
 * stays with the agent, due now. The message must be in one of the agent's boxes (the SDK refuses
 * another box's as unknown). Agents only, from our own origin.
 */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const running = await app()
  checkOrigin(request, running.publicBaseUrl)
  limitActions(running, request, context)
  const agent = await requireRole(running, running.publicBaseUrl, request, ['agent'])
  const form = decodeForm(Action, await readForm(request))
  if (!form.ok)
    return data<AgentVoicemailResult>(
      { ok: false, error: Object.values(form.fields).join('; ') },
      { status: 400 },
    )
  const { ringlane } = running
  const { intent, messageId } = form.value
  try {
    switch (intent) {
      case 'heard':
        await ringlane.inbound.markHeard(agent.id, messageId)
        return data<AgentVoicemailResult>({ ok: true, message: 'Marked heard.' })
      case 'callback': {
        const made = await ringlane.inbound.callback(agent.id, messageId)
        return data<AgentVoicemailResult>({
          ok: true,
          message: made.created
            ? 'Callback made for you, due now: it is in your callbacks.'
            : 'A callback was already made from this message.',
        })
      }
      case 'play': {
        // Marking heard first checks the message is the agent's; the recording is the message's own.
        const message = await ringlane.inbound.markHeard(agent.id, messageId)
        const [recording] = await ringlane.recordings.list({ sessionId: message.sessionId, limit: 1 })
        if (recording?.status !== 'stored')
          return data<AgentVoicemailResult>(
            { ok: false, error: 'This message cannot be played yet: its recording is not stored.' },
            { status: 409 },
          )
        const signed = await ringlane.recordings.playbackUrl({
          recordingId: recording.id,
          actor: agent.id,
          purpose: 'playback',
        })
        return data<AgentVoicemailResult>({
          ok: true,
          message: 'Playing.',
          play: { messageId, url: signed.url },
        })
      }
    }
  } catch (error) {
    return data<AgentVoicemailResult>({ ok: false, error: messageOf(error) }, { status: 409 })
  }
}
