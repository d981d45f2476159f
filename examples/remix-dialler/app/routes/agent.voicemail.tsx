import type { MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { formatDateTime, formatDuration } from '../utils/dates'
import type { AgentVoicemailResult, loader } from './agent.voicemail.server'

export { action, loader } from './agent.voicemail.server'

export const meta: MetaFunction = () => [{ title: 'My voicemail · Ringlane' }]

export default function AgentVoicemail() {
  const { boxes, messages } = useLoaderData<typeof loader>()
  const result = useActionData<AgentVoicemailResult>()
  const busy = useNavigation().state !== 'idle'
  const unheard = messages.filter((m) => !m.heard).length
  return (
    <main className="page">
      <h1>My voicemail</h1>
      <p className="muted" data-testid="my-boxes">
        {boxes.length === 0 ? 'You have no voicemail boxes.' : `Boxes: ${boxes.join(', ')}.`}
      </p>
      <p data-testid="unheard">
        {unheard === 0 ? 'No new messages.' : `${unheard} new ${unheard === 1 ? 'message' : 'messages'}.`}
      </p>
      {result && (
        <p className={`notice ${result.ok ? 'good' : 'bad'}`} role="status">
          {result.ok ? result.message : result.error}
        </p>
      )}
      {messages.length === 0 ? (
        <p className="muted">Nobody has left you a message.</p>
      ) : (
        <table className="data-table" aria-label="Messages">
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">Box</th>
              <th scope="col">Left</th>
              <th scope="col">Length</th>
              <th scope="col">Said</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id} data-testid="voicemail" className={m.heard ? undefined : 'unheard'}>
                <td>
                  {m.caller ? `${m.caller} (${m.from})` : m.from}
                  {m.heard ? '' : ' · new'}
                </td>
                <td>{m.box}</td>
                <td>{formatDateTime(m.recordedAt)}</td>
                <td>{formatDuration(m.durationSeconds ?? 0)}</td>
                <td>{m.transcript ?? <span className="muted">No transcript yet</span>}</td>
                <td>
                  <Form method="post" className="row">
                    <input type="hidden" name="messageId" value={m.id} />
                    {m.playable && (
                      <button type="submit" name="intent" value="play" disabled={busy}>
                        Play
                      </button>
                    )}
                    {!m.heard && (
                      <button type="submit" name="intent" value="heard" disabled={busy}>
                        Mark heard
                      </button>
                    )}
                    {m.callbackMade ? (
                      <span>Callback made</span>
                    ) : (
                      <button type="submit" name="intent" value="callback" disabled={busy}>
                        Call them back
                      </button>
                    )}
                  </Form>
                  {result?.ok && result.play?.messageId === m.id && (
                    // biome-ignore lint/a11y/useMediaCaption: the transcript beside it is the caption
                    <audio controls autoPlay src={result.play.url} data-testid="voicemail-audio" />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  )
}
