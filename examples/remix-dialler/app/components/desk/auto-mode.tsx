import { useDiallerEvents, useSoftphone } from '@ringlane/react'
import { useEffect, useRef, useState } from 'react'
import { useReload } from '../../utils/use-reload'
import type { Desk } from './types'

/**
 * Auto mode: while the agent is available, their browser leg waits in their own conference and the
 * engine's answered calls join it, with no dialling. The desk reloads when the engine offers a call
 * (the lead shows before the audio) and as the call moves on. After a reload during a call, the page
 * opens a new line into the conference and the caller is heard again (the provider hands the
 * conference to the newest line).
 */
export const AutoMode = ({
  auto,
  state,
  onLead,
}: {
  auto: NonNullable<Desk['auto']>
  state: string
  onLead: boolean
}) => {
  const softphone = useSoftphone()
  const reload = useReload()
  useDiallerEvents('/api/events', {
    parse: (message) => (['call-offered', 'call', 'call-control'].includes(message.type) ? message : null),
    onEvent: reload,
  })
  const leg = !!softphone.call && softphone.call.state !== 'closed'
  // A line this page had that closed (another window took it, or it dropped) is not reopened on its
  // own: two windows would take it from each other for ever. The agent reopens it, or goes available.
  const [lost, setLost] = useState(false)
  const had = useRef(false)
  useEffect(() => {
    if (leg) had.current = true
    else if (had.current) setLost(true)
  }, [leg])
  const before = useRef(state)
  useEffect(() => {
    if (state === 'available' && before.current !== 'available') setLost(false)
    before.current = state
  }, [state])
  const open = () => {
    setLost(false)
    had.current = false
    void softphone.dial({ to: auto.line, params: { ringlaneAuto: '1' } }).catch(() => undefined)
  }
  // Ready, or on a call after a reload, and registered: join the conference (the leg stays across calls).
  useEffect(() => {
    if ((state === 'available' || state === 'on_call') && softphone.ready && !leg && !lost)
      void softphone.dial({ to: auto.line, params: { ringlaneAuto: '1' } }).catch(() => undefined)
  }, [state, softphone, leg, lost, auto.line])
  const rate = auto.answeredLive === 0 ? 0 : (100 * auto.abandoned) / auto.answeredLive
  return (
    <section className="panel" aria-label="Auto mode">
      <h2>Auto mode</h2>
      <p className="row">
        <span className="pill">{auto.campaign}</span>
        <span className="muted">{auto.mode}</span>
        <span className="pill" data-testid="auto-leg">
          {leg ? 'line open' : 'line closed'}
        </span>
        {lost && !leg && (
          <button type="button" className="secondary" onClick={open}>
            Open the line here
          </button>
        )}
      </p>
      {lost && !leg && (
        <p className="notice" role="status">
          Your line closed: another window may have taken it, or the connection dropped. Open it here to take
          calls in this window.
        </p>
      )}
      {!onLead && (
        <p className="muted" data-testid="auto-waiting">
          {state === 'available'
            ? 'Waiting for the next call: calls come to you, no need to dial.'
            : 'Go available to receive calls.'}
        </p>
      )}
      <p className="muted" data-testid="auto-abandons">
        Abandoned {auto.abandoned} of {auto.answeredLive} answered in the last {auto.windowHours} h (
        {rate.toFixed(1)} %)
      </p>
    </section>
  )
}
