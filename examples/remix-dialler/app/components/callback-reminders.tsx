import { Link } from '@remix-run/react'
import { type DiallerEventMessage, useDiallerEvents } from '@ringlane/react'
import { useState } from 'react'
import { formatHourMinute } from '../utils/dates'

/** A callback of this agent's that is about to fall due, as the reminder job announces it. */
interface CallbackDue {
  readonly callbackId: string
  readonly leadId: string
  readonly dueAt: Date
}

const parseCallbackDue = ({ type, data }: DiallerEventMessage): CallbackDue | null => {
  if (type !== 'callback-due' || typeof data !== 'object' || data === null) return null
  const { callbackId, leadId, dueAt } = data as Record<string, unknown>
  if (typeof callbackId !== 'string' || typeof leadId !== 'string' || typeof dueAt !== 'string') return null
  const due = new Date(dueAt)
  return Number.isNaN(+due) ? null : { callbackId, leadId, dueAt: due }
}

/**
 * Reminders of the agent's own callbacks, live from the event stream (the server sends an agent only
 * theirs), each shown until dismissed, on every agent page.
 */
export function CallbackReminders() {
  const [due, setDue] = useState<ReadonlyArray<CallbackDue>>([])
  useDiallerEvents('/api/events', {
    parse: parseCallbackDue,
    onEvent: (callback) =>
      setDue((shown) =>
        shown.some((c) => c.callbackId === callback.callbackId) ? shown : [...shown, callback],
      ),
  })
  if (due.length === 0) return null
  return (
    <section aria-label="Callback reminders" aria-live="polite" data-testid="callback-reminders">
      {due.map((callback) => (
        <p key={callback.callbackId} className="notice row">
          <span>
            Callback due at <strong>{formatHourMinute(callback.dueAt)}</strong> (lead {callback.leadId}).
          </span>
          <span className="spacer" />
          <Link to="/agent/callbacks">My callbacks</Link>
          <button
            type="button"
            className="secondary"
            onClick={() => setDue((shown) => shown.filter((c) => c.callbackId !== callback.callbackId))}
          >
            Dismiss
          </button>
        </p>
      ))}
    </section>
  )
}
