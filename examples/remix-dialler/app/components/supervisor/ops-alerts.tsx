import type { Analytics } from '@ringlane/core'
import type { OpsDelivery } from '../../server/ops-alerts.server'
import { formatHourMinute } from '../../utils/dates'

/**
 * What needs an operator now: queues that stayed below their thresholds, a spike of rejected webhooks,
 * failing jobs, the lead source's breaker. With an ops webhook set, its last delivery too (failures
 * shown, so a tool that stopped hearing is noticed here).
 */
export const OpsAlerts = ({
  alerts,
  delivery,
}: {
  alerts: ReadonlyArray<Analytics.OpsAlert>
  delivery: OpsDelivery | null
}) => (
  <section className="panel" aria-label="Operations alerts">
    <h2>Operations alerts</h2>
    {alerts.length === 0 ? (
      <p className="muted">Nothing needs attention.</p>
    ) : (
      <ul className="alerts">
        {alerts.map((alert) => (
          <li key={alert.id} data-testid={`ops-alert-${alert.kind}`}>
            <span className={`pill ${alert.severity === 'critical' ? 'bad' : 'warn'}`}>{alert.severity}</span>{' '}
            {alert.message}
          </li>
        ))}
      </ul>
    )}
    {delivery && (
      <p className={delivery.ok ? 'muted' : 'notice bad'} data-testid="ops-delivery">
        {delivery.ok
          ? `Sent to the ops tool at ${formatHourMinute(delivery.at)}.`
          : `Not delivered to the ops tool at ${formatHourMinute(delivery.at)} (try ${delivery.attempts}): ${delivery.error}. It is tried again at the next queue check.`}
      </p>
    )}
  </section>
)
