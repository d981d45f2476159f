import { Form, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import type { Desk } from './types'

const pillFor = (state: string) =>
  state === 'available' ? 'good' : state === 'paused' || state === 'offline' ? 'warn' : 'bad'

/**
 * The agent's state and how to change it (go available, pause with a reason), the queues' levels,
 * and Next lead when the desk is free; N presses it from anywhere but a field.
 */
export const DeskStateBar = ({
  state,
  pauseReason,
  levels,
  holdsLead,
  pauseReasons,
}: {
  pauseReasons: Desk['pauseReasons']
  state: Desk['state']
  pauseReason: Desk['pauseReason']
  levels: Desk['levels']
  holdsLead: boolean
}) => {
  const busy = useNavigation().state !== 'idle'
  const nextButton = useRef<HTMLButtonElement>(null)

  // N takes the next lead when the desk is free: the hot path without the mouse.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing =
        event.target instanceof HTMLInputElement ||
        event.target instanceof HTMLTextAreaElement ||
        event.target instanceof HTMLSelectElement
      if (!typing && event.key.toLowerCase() === 'n' && !event.ctrlKey && !event.metaKey)
        nextButton.current?.click()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  return (
    <section className="panel row" aria-label="Your state">
      <strong>You are</strong>
      <span className={`pill ${pillFor(state)}`} data-testid="agent-state">
        {state.replace('_', ' ')}
      </span>
      {pauseReason && <span className="muted">({pauseReason})</span>}
      {state !== 'available' && state !== 'on_call' && (
        <Form method="post">
          <button type="submit" name="intent" value="available" disabled={busy}>
            Go available
          </button>
        </Form>
      )}
      {state === 'available' && (
        <Form method="post" className="row">
          <label htmlFor="pause-reason" className="sr-only">
            Pause reason
          </label>
          <select id="pause-reason" name="reason" style={{ width: 'auto' }}>
            {pauseReasons.map((reason) => (
              <option key={reason}>{reason}</option>
            ))}
          </select>
          <button type="submit" name="intent" value="pause" className="secondary" disabled={busy}>
            Pause
          </button>
        </Form>
      )}
      <span className="spacer" />
      <span className="muted">
        Waiting:{' '}
        {levels.map((level) => (
          <span key={level.queueId} className="pill" style={{ marginLeft: 4 }}>
            {level.queueId} {level.waiting}
          </span>
        ))}
      </span>
      {!holdsLead && (
        <Form method="post">
          <button
            ref={nextButton}
            type="submit"
            name="intent"
            value="next"
            disabled={busy || state !== 'available'}
          >
            Next lead <kbd>N</kbd>
          </button>
        </Form>
      )}
    </section>
  )
}
