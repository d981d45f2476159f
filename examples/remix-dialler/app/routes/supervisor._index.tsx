import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useDiallerEvents } from '@ringlane/react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { DataTable, numeric } from '../components/data-table'
import { EndCallButton, SetAgentState, SuperviseCall } from '../components/supervisor/floor-controls'
import { OpsAlerts } from '../components/supervisor/ops-alerts'
import { formatHourMinute } from '../utils/dates'
import { applyDashboardEvent, parseDashboardEvent } from '../utils/live-dashboard'
import { useReload } from '../utils/use-reload'
import type { loader } from './supervisor._index.server'

export { action, loader } from './supervisor._index.server'

export const meta: MetaFunction = () => [{ title: 'Live · Ringlane' }]

const statePill = (state: string) =>
  state === 'available' ? 'good' : state === 'on_call' ? 'bad' : state === 'offline' ? '' : 'warn'

export default function LiveDashboard() {
  const loaded = useLoaderData<typeof loader>()
  const { pauseReasons, ops } = loaded
  // The floor as the event stream updates it; the pause reasons are settings, the alerts read per load.
  const snapshot = useMemo(() => {
    const { pauseReasons: _, ops: __, ...floor } = loaded
    return floor
  }, [loaded])
  const [live, setLive] = useState(snapshot)
  const current = useRef(snapshot)
  // The server's view wins whenever it is fetched again.
  useEffect(() => {
    current.current = snapshot
    setLive(snapshot)
  }, [snapshot])
  const reload = useReload()

  const { status } = useDiallerEvents('/api/events', {
    parse: parseDashboardEvent,
    onEvent: (event) => {
      const next = applyDashboardEvent(current.current, event)
      current.current = next.live
      setLive(next.live)
      if (next.incomplete) reload()
    },
  })
  // After a break the stream may have missed more than it can replay: read the whole picture again.
  const previous = useRef(status)
  useEffect(() => {
    if (status === 'open' && previous.current === 'reconnecting') reload()
    previous.current = status
  }, [status, reload])

  const byState = live.agents.reduce<Record<string, number>>((counts, a) => {
    counts[a.state] = (counts[a.state] ?? 0) + 1
    return counts
  }, {})

  return (
    <div className="grid">
      <div className="row">
        <h1>Live</h1>
        <span
          className={`pill live-status ${status === 'open' ? 'good' : 'warn'}`}
          data-testid="live-status"
          role="status"
        >
          {status === 'open' ? 'live' : status}
        </span>
        <span className="spacer" />
        <span className="muted">
          {['available', 'on_call', 'wrap_up', 'paused', 'offline'].map((state) => (
            <span key={state} className={`pill ${statePill(state)}`} style={{ marginLeft: 4 }}>
              {state.replace('_', ' ')} {byState[state] ?? 0}
            </span>
          ))}
        </span>
      </div>
      <OpsAlerts alerts={ops.alerts} delivery={ops.delivery} />
      <div className="grid two">
        <section className="panel" aria-label="Agents">
          <h2>Agents</h2>
          <DataTable
            columns={['Agent', 'State', 'Since', 'Set state']}
            rows={live.agents}
            empty="No active agents."
            row={(agent) => (
              <tr key={agent.id} data-testid={`agent-${agent.id}`}>
                <th scope="row">{agent.name}</th>
                <td>
                  <span className={`pill ${statePill(agent.state)}`} data-testid="agent-live-state">
                    {agent.state.replace('_', ' ')}
                  </span>
                  {agent.reason && <span className="muted"> ({agent.reason})</span>}
                </td>
                <td>{formatHourMinute(agent.since)}</td>
                <td>
                  <SetAgentState agentId={agent.id} agentName={agent.name} pauseReasons={pauseReasons} />
                </td>
              </tr>
            )}
          />
        </section>
        <section className="panel" aria-label="Queue levels">
          <h2>Queue levels</h2>
          <DataTable
            columns={['Queue', numeric('Waiting'), numeric('Claimed')]}
            rows={live.levels}
            row={(level) => (
              <tr key={level.queueId} data-testid={`queue-${level.queueId}`}>
                <th scope="row">
                  {level.label}{' '}
                  {level.waiting < level.threshold && (
                    <span className="pill warn" title={`Below its threshold of ${level.threshold}`}>
                      low
                    </span>
                  )}
                </th>
                <td className="num" data-testid="queue-waiting">
                  {level.waiting.toLocaleString('en-GB')}
                </td>
                <td className="num">{level.claimed.toLocaleString('en-GB')}</td>
              </tr>
            )}
          />
          <p>
            <Link to="/supervisor/queues">Queue settings and regeneration</Link>
          </p>
        </section>
      </div>
      <section className="panel" aria-label="Calls in progress">
        <h2>Calls in progress</h2>
        <DataTable
          columns={['Agent', 'Status', 'Queue', 'Lead', 'Started', 'Answered', '']}
          rows={live.calls}
          empty="No calls right now."
          row={(call) => (
            <tr key={call.sessionId} data-testid="live-call">
              <th scope="row">{call.agentName}</th>
              <td>
                <span className={`pill ${call.status === 'in-progress' ? 'good' : 'warn'}`}>
                  {call.status}
                </span>
              </td>
              <td>{call.queueId || '…'}</td>
              <td>
                {call.leadId ? (
                  <Link to={`/supervisor/leads/${call.leadId}`}>
                    {call.leadName ?? `Lead ${call.leadId}`}
                  </Link>
                ) : (
                  '…'
                )}
              </td>
              <td>{formatHourMinute(call.startedAt)}</td>
              <td>{formatHourMinute(call.answeredAt)}</td>
              <td>
                {call.answeredAt && <SuperviseCall sessionId={call.sessionId} agentName={call.agentName} />}
                <EndCallButton sessionId={call.sessionId} agentName={call.agentName} />
              </td>
            </tr>
          )}
        />
      </section>
    </div>
  )
}
