import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { VoicemailBox } from '../components/voicemail-messages'
import type { AgentVoicemailResult, loader } from './agent.voicemail.server'

export { action, loader } from './agent.voicemail.server'

export const meta: MetaFunction = () => [{ title: 'My voicemail · Ringlane' }]

export default function AgentVoicemail() {
  const { boxes, messages } = useLoaderData<typeof loader>()
  const result = useActionData<AgentVoicemailResult>()
  const busy = useNavigation().state !== 'idle'
  return (
    <main className="page">
      <h1>My voicemail</h1>
      <p className="muted" data-testid="my-boxes">
        {boxes.length === 0 ? 'You have no voicemail boxes.' : `Boxes: ${boxes.join(', ')}.`}
      </p>
      <VoicemailBox
        messages={messages}
        result={result}
        busy={busy}
        callbackLabel="Call them back"
        empty="Nobody has left you a message."
      />
    </main>
  )
}
