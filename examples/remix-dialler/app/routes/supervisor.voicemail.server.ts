import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Schema } from 'effect'
import { decodeForm, messageOf, readForm } from '../server/forms.server'
import { DEMO_LINE, testerInputs } from '../server/inbound.server'
import { supervisorAction, supervisorLoader } from '../server/supervisor.server'
import { voicemailRows } from '../server/voicemail-rows.server'

/** The voicemail inbox, newest first, with who called, the box, the transcript and any callback made. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running, user } = await supervisorLoader(request)
  const { ringlane } = running
  const [messages, boxes] = await Promise.all([
    ringlane.inbound.voicemails({ limit: 100 }),
    ringlane.inbound.boxes(),
  ])
  const rows = await voicemailRows(ringlane, user.id, messages, boxes)
  return { messages: rows, simulated: running.simulator !== null, line: DEMO_LINE }
}

const Action = Schema.Union(
  Schema.Struct({ intent: Schema.Literal('heard', 'callback'), messageId: Schema.UUID }),
  Schema.Struct({ intent: Schema.Literal('play'), messageId: Schema.UUID, recordingId: Schema.UUID }),
  Schema.Struct({
    intent: Schema.Literal('call-in'),
    from: Schema.Trim.pipe(
      Schema.pattern(/^\+[1-9]\d{6,14}$/, { message: () => 'Enter the caller as +447700900123' }),
    ),
    /** The dialler's number called: the demo line unless another flow's number is given. */
    to: Schema.optionalWith(
      Schema.Trim.pipe(
        Schema.pattern(/^\+[1-9]\d{6,14}$/, { message: () => 'Enter the number called as +447700900000' }),
      ),
      { default: () => DEMO_LINE },
    ),
    answers: Schema.optionalWith(Schema.String, { default: () => '' }),
  }),
)

export type VoicemailResult =
  | { ok: true; message: string; play?: { messageId: string; url: string } }
  | { ok: false; error: string }

/** Mark heard, make a callback, play (a signed, audited URL), or (simulator) call the demo line. */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction({ request, context })
  const form = decodeForm(Action, await readForm(request))
  if (!form.ok)
    return data<VoicemailResult>({ ok: false, error: Object.values(form.fields).join('; ') }, { status: 400 })
  const { ringlane } = running
  try {
    const input = form.value
    switch (input.intent) {
      case 'heard':
        await ringlane.inbound.markHeard(user.id, input.messageId)
        return data<VoicemailResult>({ ok: true, message: 'Marked heard.' })
      case 'callback': {
        const made = await ringlane.inbound.callback(user.id, input.messageId, { ownerAgentId: null })
        return data<VoicemailResult>({
          ok: true,
          message: made.created
            ? 'Callback made for whoever is free, due now.'
            : 'A callback was already made from this message.',
        })
      }
      case 'play': {
        const signed = await ringlane.recordings.playbackUrl({
          recordingId: input.recordingId,
          actor: user.id,
          purpose: 'playback',
        })
        await ringlane.inbound.markHeard(user.id, input.messageId)
        return data<VoicemailResult>({
          ok: true,
          message: 'Playing.',
          play: { messageId: input.messageId, url: signed.url },
        })
      }
      case 'call-in': {
        if (!running.simulator)
          return data<VoicemailResult>(
            { ok: false, error: 'Telephony is not simulated here.' },
            { status: 404 },
          )
        await running.simulator.placeInboundCall({
          from: input.from,
          to: input.to,
          answers: testerInputs(input.answers),
        })
        return data<VoicemailResult>({ ok: true, message: `${input.from} is calling ${input.to}.` })
      }
    }
  } catch (error) {
    return data<VoicemailResult>({ ok: false, error: messageOf(error) }, { status: 409 })
  }
}
