import { Form } from '@remix-run/react'
import type { VoicemailRow } from '../server/voicemail-rows.server'
import { formatDateTime, formatDuration } from '../utils/dates'

/** How many messages nobody has heard yet. */
export const Unheard = ({ messages }: { messages: ReadonlyArray<VoicemailRow> }) => {
  const unheard = messages.filter((m) => !m.heard).length
  return (
    <p data-testid="unheard">
      {unheard === 0 ? 'No new messages.' : `${unheard} new ${unheard === 1 ? 'message' : 'messages'}.`}
    </p>
  )
}

/**
 * Voicemail messages with what can be done to each: play (the player opens beside the message that
 * was asked for), mark heard, make a callback (`callbackLabel` says whose).
 */
export const VoicemailMessages = ({
  messages,
  busy,
  playing,
  callbackLabel,
  empty,
}: {
  messages: ReadonlyArray<VoicemailRow>
  busy: boolean
  playing: { messageId: string; url: string } | undefined
  callbackLabel: string
  empty: string
}) =>
  messages.length === 0 ? (
    <p className="muted">{empty}</p>
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
                    {callbackLabel}
                  </button>
                )}
              </Form>
              {playing?.messageId === m.id && (
                // biome-ignore lint/a11y/useMediaCaption: the transcript beside it is the caption
                <audio controls autoPlay src={playing.url} data-testid="voicemail-audio" />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )

/** What a voicemail action answers: done (with the player's URL after a play), or why not. */
export type VoicemailActionResult =
  | { ok: true; message: string; play?: { messageId: string; url: string } }
  | { ok: false; error: string }

/** A voicemail page's messages: how many are new, what the last action did, and each message. */
export const VoicemailBox = ({
  messages,
  result,
  busy,
  callbackLabel,
  empty,
}: {
  messages: ReadonlyArray<VoicemailRow>
  result: VoicemailActionResult | undefined
  busy: boolean
  callbackLabel: string
  empty: string
}) => (
  <>
    <Unheard messages={messages} />
    {result && (
      <p className={`notice ${result.ok ? 'good' : 'bad'}`} role="status">
        {result.ok ? result.message : result.error}
      </p>
    )}
    <VoicemailMessages
      messages={messages}
      busy={busy}
      playing={result?.ok ? result.play : undefined}
      callbackLabel={callbackLabel}
      empty={empty}
    />
  </>
)
