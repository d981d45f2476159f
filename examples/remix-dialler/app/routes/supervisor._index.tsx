import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useRevalidator } from '@remix-run/react'
import { useDiallerEvents } from '@ringlane/react'
import { useEffect, useRef, useState } from 'react'
import { applyDashboardEvent, parseDashboardEvent } from '../components/live-dashboard'
import { liveSnapshot, supervisorLoader } from '../server/supervisor.server'

export const meta: MetaFunction = () => [{ title: 'Live · Ringlane' }]

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  return liveSnapshot(running)
}

const statePill = (state: string) =>
  state === 'available' ? 'good' : state === 'on_call' ? 'bad' : state === 'offline' ? '' : 'warn'
const time = (iso: string | null) =>
  iso ? new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }) : '—'

export default function LiveDashboard() {
  const snapshot = useLoaderData<typeof loader>()
  const revalidator = useRevalidator()
  const [live, setLive] = useState(snapshot)
  const current = useRef(snapshot)
  // The server's view wins whenever it is fetched again.
  useEffect(() => {
    current.current = snapshot
    setLive(snapshot)
  }, [snapshot])
  const revalidate = useRef(revalidator.revalidate)
  revalidate.current = revalidator.revalidate

  const { status } = useDiallerEvents('/api/events', {
    parse: parseDashboardEvent,
    onEvent: (event) => {
      const next = applyDashboardEvent(current.current, event)
      current.current = next.live
      setLive(next.live)
      if (next.incomplete) revalidate.current()
    },
  })
  // After a break the stream may have missed more than it can replay: read the whole picture again.
  const previous = useRef(status)
  useEffect(() => {
    if (status === 'open' && previous.current === 'reconnecting') revalidate.current()
    previous.current = status
  }, [status])

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
      <div className="grid two">
        <section className="panel" aria-label="Agents">
          <h2>Agents</h2>
          {live.agents.length === 0 ? (
            <p className="muted">No active agents.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">State</th>
                  <th scope="col">Since</th>
                </tr>
              </thead>
              <tbody>
                {live.agents.map((agent) => (
                  <tr key={agent.id} data-testid={`agent-${agent.id}`}>
                    <th scope="row">{agent.name}</th>
                    <td>
                      <span className={`pill ${statePill(agent.state)}`} data-testid="agent-live-state">
                        {agent.state.replace('_', ' ')}
                      </span>
                      {agent.reason && <span className="muted"> ({agent.reason})</span>}
                    </td>
                    <td>{time(agent.since)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel" aria-label="Queue levels">
          <h2>Queue levels</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Queue</th>
                <th scope="col" className="num">
                  Waiting
                </th>
                <th scope="col" className="num">
                  Claimed
                </th>
              </tr>
            </thead>
            <tbody>
              {live.levels.map((level) => (
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
              ))}
            </tbody>
          </table>
          <p>
            <Link to="/supervisor/queues">Queue settings and regeneration</Link>
          </p>
        </section>
      </div>
      <section className="panel" aria-label="Calls in progress">
        <h2>Calls in progress</h2>
        {live.calls.length === 0 ? (
          <p className="muted">No calls right now.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Status</th>
                <th scope="col">Queue</th>
                <th scope="col">Lead</th>
                <th scope="col">Started</th>
                <th scope="col">Answered</th>
              </tr>
            </thead>
            <tbody>
              {live.calls.map((call) => (
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
                      <Link to={`/supervisor/leads/${call.leadId}`}>Lead {call.leadId}</Link>
                    ) : (
                      '…'
                    )}
                  </td>
                  <td>{time(call.startedAt)}</td>
                  <td>{time(call.answeredAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}
