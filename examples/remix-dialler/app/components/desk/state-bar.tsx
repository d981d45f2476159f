import { Form, useNavigation } from '@remix-run/react'
import { useDiallerEvents } from '@ringlane/react'
import { useReload } from '../../utils/use-reload'
import { KeyHint, shortcut } from './shortcuts'
import type { Desk } from './types'

const pillFor = (state: string) =>
  state === 'available' ? 'good' : state === 'paused' || state === 'offline' ? 'warn' : 'bad'

/**
 * The agent's state and how to change it (go available, pause with a reason), the queues' levels,
 * and Next lead when the desk is free (each with its key, see shortcuts.tsx). The state can change
 * without the agent's click (a supervisor sets it, their line ended, a wrap-up ran out): the server
 * says so on the event stream and the desk reloads, so it never shows a state the agent is not in.
 */
export const DeskStateBar = ({
  state,
  pauseReason,
  levels,
  holdsLead,
  auto = false,
  pauseReasons,
}: {
  pauseReasons: Desk['pauseReasons']
  state: Desk['state']
  pauseReason: Desk['pauseReason']
  levels: Desk['levels']
  holdsLead: boolean
  /** Auto mode: leads come with their calls, so there is no Next lead. */
  auto?: boolean
}) => {
  const busy = useNavigation().state !== 'idle'
  const reload = useReload()
  useDiallerEvents('/api/events', {
    parse: (message) => (message.type === 'agent-state' ? message : null),
    onEvent: reload,
  })
  return (
    <section className="panel row" aria-label="Your state">
      <strong>You are</strong>
      <span className={`pill ${pillFor(state)}`} data-testid="agent-state">
        {state.replace('_', ' ')}
      </span>
      {pauseReason && <span className="muted">({pauseReason})</span>}
      {state !== 'available' && state !== 'on_call' && (
        <Form method="post">
          <button type="submit" name="intent" value="available" disabled={busy} {...shortcut('A')}>
            Go available <KeyHint k="A" />
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
          <button
            type="submit"
            name="intent"
            value="pause"
            className="secondary"
            disabled={busy}
            {...shortcut('P')}
          >
            Pause <KeyHint k="P" />
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
      {!holdsLead && !auto && (
        <Form method="post">
          <button
            type="submit"
            name="intent"
            value="next"
            disabled={busy || state !== 'available'}
            {...shortcut('N')}
          >
            Next lead <KeyHint k="N" />
          </button>
        </Form>
      )}
    </section>
  )
}
