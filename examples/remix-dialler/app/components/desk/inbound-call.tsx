import { useDiallerEvents, useSoftphone } from '@ringlane/react'
import { useEffect } from 'react'
import { useReload } from '../../utils/use-reload'
import { CallHistory } from '../call-history'
import { CallControls } from './call-controls'
import { EngineCallPanel } from './call-panel'
import { LeadClaims } from './lead-card'
import { OutcomeForm } from './outcome-form'
import type { Desk, DeskResult } from './types'

/**
 * While the agent's line is open the desk follows their calls: it reloads as calls and queues move
 * (their state: see the state bar), and every few seconds while the line waits, so a connected caller shows at once. A closed line
 * listens to nothing, so a desk without one is never reloaded under the agent's hands.
 */
const LineListener = ({ onCall }: { onCall: boolean }) => {
  const reload = useReload()
  useDiallerEvents('/api/events', {
    parse: (message) => (['call', 'call-control', 'queue-contact'].includes(message.type) ? message : null),
    onEvent: reload,
  })
  useEffect(() => {
    if (onCall) return
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload()
    }, 2000)
    return () => clearInterval(timer)
  }, [onCall, reload])
  return null
}

/**
 * The agent's line for inbound calls: they open it when they want live callers, and while they are
 * available routing joins queued callers to it (no dialling, no ringing).
 */
export const InboundLine = ({ state, line, onCall }: { state: string; line: string; onCall: boolean }) => {
  const softphone = useSoftphone()
  const call = softphone.call
  // The softphone's call is the line only when it was dialled as one (not a preview call).
  const open = call !== null && call.state !== 'closed' && call.params.ringlaneInbound === '1'
  const busy = call !== null && call.state !== 'closed' && !open
  return (
    <section className="panel" aria-label="Inbound calls">
      {open && <LineListener onCall={onCall} />}
      <h2>Inbound calls</h2>
      <p className="row">
        <span className="pill" data-testid="inbound-line">
          {open ? 'line open' : 'line closed'}
        </span>
        {!open && (
          <button
            type="button"
            disabled={!softphone.ready || busy || state !== 'available'}
            onClick={() => void softphone.dial({ to: line, params: { ringlaneInbound: '1' } })}
          >
            Open my line
          </button>
        )}
        {open && !onCall && (
          <button type="button" onClick={() => softphone.hangUp()}>
            Close my line
          </button>
        )}
      </p>
      <p className="muted" data-testid="inbound-waiting">
        {open
          ? state === 'available'
            ? 'Callers in your queues come to you here: no need to dial.'
            : 'Go available to take callers.'
          : 'Open your line to take callers from the queues you work.'}
      </p>
    </section>
  )
}

type InboundCall = NonNullable<Desk['inbound']>

/**
 * An inbound call on the desk: who is calling (their lead, or an unknown caller's number), the call
 * with Hang up, call control, and the outcome once it ends.
 */
export const InboundCallDesk = ({
  desk,
  inbound,
  result,
}: {
  desk: Desk
  inbound: InboundCall
  result: DeskResult
}) => {
  return (
    <div className="grid two">
      <div className="grid">
        <section className="panel" aria-label="Caller">
          <div className="row">
            <h1 data-testid="caller-name">{inbound.lead ? inbound.lead.name : 'Unknown caller'}</h1>
            <span className="pill">inbound</span>
          </div>
          <dl className="facts">
            <dt>Phone</dt>
            <dd data-testid="caller-phone">{inbound.phone}</dd>
            {inbound.lead ? (
              <>
                <dt>Email</dt>
                <dd>{inbound.lead.email ?? '—'}</dd>
                <dt>Attempts</dt>
                <dd>{inbound.lead.attempts} total</dd>
              </>
            ) : (
              <>
                <dt>Lead</dt>
                <dd data-testid="caller-unknown">No lead has this number: ask who is calling.</dd>
              </>
            )}
          </dl>
        </section>
        {inbound.lead && <LeadClaims claims={inbound.lead.claims} />}
        {inbound.lead && <CallHistory calls={inbound.lead.history} />}
      </div>
      <div className="grid" style={{ alignContent: 'start' }}>
        <EngineCallPanel call={inbound} how="Inbound, connected by routing" keyed />
        {desk.control && <CallControls control={desk.control} result={result} />}
        <OutcomeForm
          sessionId={inbound.sessionId}
          suggested={null}
          dispositions={desk.dispositions}
          linkTypes={desk.linkTypes}
          result={result}
        />
      </div>
    </div>
  )
}
