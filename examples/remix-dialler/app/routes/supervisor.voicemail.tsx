import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { VoicemailBox } from '../components/voicemail-messages'
import type { loader, VoicemailResult } from './supervisor.voicemail.server'

export { action, loader } from './supervisor.voicemail.server'

export default function Voicemail() {
  const { messages, simulated, line } = useLoaderData<typeof loader>()
  const result = useActionData<VoicemailResult>()
  const busy = useNavigation().state !== 'idle'
  return (
    <main className="page">
      <h1>Voicemail</h1>
      <VoicemailBox
        messages={messages}
        result={result}
        busy={busy}
        callbackLabel="Make a callback"
        empty="Nobody has left a message."
      />
      {simulated && (
        <Form method="post" className="panel" aria-label="Call the line">
          <h2>Call a line (the simulated carrier)</h2>
          <div className="row">
            <label>
              From <input name="from" defaultValue="+447700900555" />
            </label>
            <label>
              To <input name="to" defaultValue={line} />
            </label>
            <label>
              Answers at the menu <input name="answers" placeholder="2 (or 1, claim, - for silence)" />
            </label>
            <button type="submit" name="intent" value="call-in" disabled={busy}>
              Call in
            </button>
          </div>
        </Form>
      )}
    </main>
  )
}
