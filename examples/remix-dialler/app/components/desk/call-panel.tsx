import { useFetcher } from '@remix-run/react'
import { useCallTimer, useSoftphone } from '@ringlane/react'
import { useEffect, useRef } from 'react'
import type { action } from '../../routes/agent._index.server'
import { isOpenCall, ServerCall } from './server-call'
import { KeyHint, shortcut } from './shortcuts'
import type { Desk, DeskResult, HeldLead } from './types'

/**
 * The call: the server first checks the lead may be called now (and says why not), then the browser
 * softphone dials; while it is live, hang up, mute and the keypad.
 */
export const CallPanel = ({
  lead,
  call,
  result,
}: {
  lead: HeldLead
  call: Desk['call']
  result: DeskResult
}) => {
  const start = useFetcher<typeof action>()
  const softphone = useSoftphone()
  const { formatted } = useCallTimer(softphone.call?.state === 'open' ? softphone.call.answeredAt : null)
  // A ref, not state: dial() updates the softphone store synchronously, and the re-render that
  // follows must already know this session was dialled.
  const dialled = useRef<string | null>(null)
  const refusals =
    (start.data && !start.data.ok && start.data.refusals) ||
    (result && !result.ok && result.intent === 'start-call' && result.refusals) ||
    null
  // Any other failure to start (another call still open, the store down...) is said, with what to do.
  const startError =
    start.data && !start.data.ok && !start.data.refusals
      ? (start.data.error ?? Object.values(start.data.fields ?? {}).join(' '))
      : null

  // Once the server has validated the lead and opened the call, the browser dials with the session id only.
  useEffect(() => {
    const started = start.data
    if (started?.ok && started.sessionId && started.phone && dialled.current !== started.sessionId) {
      dialled.current = started.sessionId
      void softphone.dial({ to: started.phone, params: { ringlaneSession: started.sessionId } })
    }
  }, [start.data, softphone])

  const live = softphone.call && softphone.call.state !== 'closed'
  // The server has this call open but this page never dialled it: a reload, or another tab.
  const elsewhere = call && isOpenCall(call.status) && dialled.current !== call.sessionId && !live
  return (
    <section className="panel" aria-label="Call">
      <h2>Call</h2>
      {refusals && (
        <div className="notice bad" role="alert">
          <strong>Not allowed to call now:</strong>
          <ul>
            {refusals.map((r) => (
              <li key={r.code}>{r.message}</li>
            ))}
          </ul>
        </div>
      )}
      {startError && (
        <p className="notice bad" role="alert" data-testid="start-call-error">
          {startError}
        </p>
      )}
      {elsewhere && <ServerCall call={call} />}
      <p className="row">
        <span className="muted">Softphone</span> <span className="pill">{softphone.deviceState}</span>
        {softphone.call && (
          <>
            <span
              data-testid="call-state"
              className={`pill ${softphone.call.state === 'open' ? 'good' : ''}`}
            >
              {softphone.call.state}
              {softphone.call.endReason ? ` (${softphone.call.endReason})` : ''}
            </span>
            {softphone.call.state === 'open' && (
              <span role="timer" aria-label="Call time">
                {formatted}
              </span>
            )}
          </>
        )}
      </p>
      {!call && (
        <start.Form method="post" className="row">
          <input type="hidden" name="entryId" value={lead.entry.id} />
          <button
            type="submit"
            name="intent"
            value="start-call"
            disabled={!softphone.ready || start.state !== 'idle'}
            {...shortcut('C')}
          >
            {start.state !== 'idle' ? 'Checking…' : `Call ${lead.entry.phone}`}
          </button>
          {/* Beside the button, so its text stays the number (people and tests read it). */}
          <KeyHint k="C" />
        </start.Form>
      )}
      {live && (
        <div className="row">
          <button type="button" className="danger" onClick={softphone.hangUp} {...shortcut('H')}>
            Hang up <KeyHint k="H" />
          </button>
          <button
            type="button"
            className="secondary"
            onClick={softphone.call?.muted ? softphone.unmute : softphone.mute}
          >
            {softphone.call?.muted ? 'Unmute' : 'Mute'}
          </button>
          <Keypad onDigit={(digit) => softphone.sendDigits(digit)} />
        </div>
      )}
      {softphone.error && (
        <p className="notice bad" role="alert">
          {softphone.error.hint}
        </p>
      )}
    </section>
  )
}

/** The dial pad, for menus the lead's line plays. */
const Keypad = ({ onDigit }: { onDigit: (digit: string) => void }) => (
  <details>
    <summary>Keypad</summary>
    <div className="row" style={{ maxWidth: 180 }}>
      {['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'].map((digit) => (
        <button
          key={digit}
          type="button"
          className="secondary"
          onClick={() => onDigit(digit)}
          aria-label={`Key ${digit}`}
        >
          {digit}
        </button>
      ))}
    </div>
  </details>
)

/**
 * A call the server connected this agent to (the engine placed it, or routing brought it in): its
 * state as the provider reports it, and hanging up through the server (the agent's own line stays open
 * for the next call). `how` says where it came from; `keyed` gives Hang up its key where no softphone
 * call holds it.
 */
export const EngineCallPanel = ({
  call,
  how = 'Connected by the dialler',
  keyed = false,
}: {
  call: { readonly sessionId: string; readonly status: string }
  how?: string
  keyed?: boolean
}) => {
  const hangUp = useFetcher<typeof action>()
  return (
    <section className="panel" aria-label="Call">
      <h2>Call</h2>
      <p className="row">
        <span className="muted">{how}</span>
        <span data-testid="call-state" className={`pill ${call.status === 'in-progress' ? 'good' : ''}`}>
          {call.status === 'in-progress' ? 'open' : call.status}
        </span>
      </p>
      {isOpenCall(call.status) && (
        <hangUp.Form method="post">
          <input type="hidden" name="sessionId" value={call.sessionId} />
          <button
            type="submit"
            name="intent"
            value="hang-up"
            className="danger"
            disabled={hangUp.state !== 'idle'}
            {...(keyed ? shortcut('H') : {})}
          >
            Hang up {keyed && <KeyHint k="H" />}
          </button>
        </hangUp.Form>
      )}
    </section>
  )
}
