import { useFetcher } from '@remix-run/react'
import { useEffect } from 'react'
import type { CampaignLive } from '../server/campaign-live.server'
import { formatTime } from '../utils/dates'
import { BarChart, Stat } from './charts'
import { DataTable } from './data-table'

/** How often the panel asks for fresh numbers. */
const REFRESH_MS = 2000

const percentText = (p: number | null) => (p === null ? 'no calls' : `${p.toFixed(1)}%`)

/**
 * THE LIVE PANEL on a campaign's page: the engine's view of the campaign now (mode, agents by state,
 * lines in flight, the live dial level, answered calls waiting) and the abandon rate over the
 * campaign's window, whole and as a chart. Server-rendered from the page's loader, then refreshed
 * every 2 s from the campaign's live route once the page has hydrated.
 */
export const CampaignLivePanel = ({
  campaignId,
  initial,
}: {
  readonly campaignId: string
  readonly initial: CampaignLive
}) => {
  const fetcher = useFetcher<CampaignLive>()
  const { load } = fetcher
  useEffect(() => {
    if (!initial.dialled) return
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') load(`/supervisor/campaigns/${campaignId}/live`)
    }, REFRESH_MS)
    return () => clearInterval(timer)
  }, [campaignId, initial.dialled, load])
  // The newer of the two: the page's own loader reruns after a pause or a save.
  const fetched = fetcher.data
  const live = fetched?.dialled && initial.dialled && fetched.at > initial.at ? fetched : initial

  if (!live.dialled)
    return (
      <section className="panel" aria-label="Live" data-testid="campaign-live">
        <h2>Live</h2>
        <p className="muted">
          Preview campaign: agents dial each lead from their desk, so the call engine does not dial it and
          there are no lines in flight to show.
        </p>
      </section>
    )

  const { agents, abandon } = live
  const over = abandon.percent !== null && abandon.percent > abandon.targetPercent
  return (
    <section className="panel" aria-label="Live" data-testid="campaign-live">
      <div className="row">
        <h2>Live</h2>
        <span className="pill" data-testid="live-mode">
          {live.mode}
        </span>
        <span className={live.dialling ? 'pill good' : 'pill'} data-testid="live-dialling">
          {live.dialling ? 'dialling' : 'not dialling (paused)'}
        </span>
      </div>
      <div className="grid stats" data-testid="live-numbers">
        <div data-testid="live-in-flight">
          <Stat label="Lines in flight" value={String(live.inFlight)} hint="placed, not yet answered" />
        </div>
        <div data-testid="live-dial-level">
          <Stat
            label="Live dial level"
            value={live.dialLevel === null ? '–' : live.dialLevel.toFixed(2)}
            hint={live.dialLevel === null ? 'no agent ready' : 'lines in flight per ready agent'}
          />
        </div>
        <div data-testid="live-waiting">
          <Stat label="Answered, waiting for an agent" value={String(live.waiting)} />
        </div>
        <div data-testid="live-abandon-rate">
          <Stat
            label={`Abandon rate, last ${abandon.windowHours} h`}
            value={percentText(abandon.percent)}
            hint={`${abandon.abandoned} of ${abandon.connected + abandon.abandoned} answered · target ${abandon.targetPercent}%${
              abandon.cap ? ` · cap ${abandon.cap.percent}% over ${abandon.cap.hours} h` : ''
            }${over ? ' · over target' : ''}`}
          />
        </div>
      </div>
      <p data-testid="live-agents">
        Agents: <strong>{agents.ready}</strong> ready · <strong>{agents.onCall}</strong> on call ·{' '}
        <strong>{agents.wrapUp}</strong> wrap-up · <strong>{agents.paused}</strong> paused ·{' '}
        <span className="muted">{agents.signedOut} signed out</span>
      </p>
      <h3>Calls without an agent</h3>
      <div data-testid="live-calls-without-agent">
        <DataTable
          columns={['Number', 'Now', 'Since']}
          rows={live.withoutAgent}
          empty="No call is ringing or waiting for an agent."
          row={(call) => (
            <tr key={call.sessionId}>
              <td>{call.phone}</td>
              <td>{call.state === 'ringing' ? 'ringing' : 'answered, waiting for an agent'}</td>
              <td>{formatTime(call.since)}</td>
            </tr>
          )}
        />
      </div>
      <BarChart
        title={`Abandon rate over the last ${abandon.windowHours} h`}
        description={`Abandoned calls as a share of calls answered by a person, per slice of the campaign's ${abandon.windowHours} hour window; the target is ${abandon.targetPercent}%. Slices with no answered calls show no rate.`}
        data={live.chart.map((slice) => ({
          label: slice.label,
          value: slice.percent ?? 0,
          text: slice.percent === null ? 'no calls' : `${percentText(slice.percent)} of ${slice.answered}`,
        }))}
        categoryLabel="From"
        valueLabel="Abandon rate"
        format={(v) => `${Number(v.toFixed(1))}%`}
        labelEvery={Math.max(1, Math.ceil(live.chart.length / 8))}
        height={140}
      />
    </section>
  )
}
