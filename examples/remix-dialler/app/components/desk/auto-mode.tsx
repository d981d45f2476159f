import { useDiallerEvents, useSoftphone } from '@ringlane/react'
import { useEffect } from 'react'
import { useReload } from '../../utils/use-reload'
import type { Desk } from './types'

/**
 * Auto mode: while the agent is available, their browser leg waits in their own conference and the
 * engine's answered calls join it, with no dialling. The desk reloads when the engine offers a call
 * (the lead shows before the audio) and as the call moves on.
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
  const leg = softphone.call && softphone.call.state !== 'closed'
  // Ready and registered: join the conference (once; the leg stays across calls).
  useEffect(() => {
    if (state === 'available' && softphone.ready && !leg)
      void softphone.dial({ to: auto.line, params: { ringlaneAuto: '1' } }).catch(() => undefined)
  }, [state, softphone, leg, auto.line])
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
      </p>
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
