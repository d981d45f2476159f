import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { formatDateTime, formatDuration } from '../utils/dates'
import type { loader, VoicemailResult } from './supervisor.voicemail.server'

export { action, loader } from './supervisor.voicemail.server'

export default function Voicemail() {
  const { messages, simulated, line } = useLoaderData<typeof loader>()
  const result = useActionData<VoicemailResult>()
  const busy = useNavigation().state !== 'idle'
  const unheard = messages.filter((m) => !m.heard).length
  return (
    <main className="page">
      <h1>Voicemail</h1>
      <p data-testid="unheard">
        {unheard === 0 ? 'No new messages.' : `${unheard} new ${unheard === 1 ? 'message' : 'messages'}.`}
      </p>
      {result && (
        <p className={`notice ${result.ok ? 'good' : 'bad'}`} role="status">
          {result.ok ? result.message : result.error}
        </p>
      )}
      {messages.length === 0 ? (
        <p className="muted">Nobody has left a message.</p>
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
                    {m.recordingId && (
                      <>
                        <input type="hidden" name="recordingId" value={m.recordingId} />
                        <button type="submit" name="intent" value="play" disabled={busy}>
                          Play
                        </button>
                      </>
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
                        Make a callback
                      </button>
                    )}
                  </Form>
                  {result?.ok && result.play?.messageId === m.id && (
                    // biome-ignore lint/a11y/useMediaCaption: the transcript beside it is the caption
                    <audio controls autoPlay src={result.play.url} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
