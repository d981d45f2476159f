import { Form, useNavigation } from '@remix-run/react'
import { useDiallerEvents } from '@ringlane/react'
import { useCallback, useEffect, useRef } from 'react'
import { useReload } from '../../utils/use-reload'
import { KeyHint, shortcut } from './shortcuts'
import type { Desk } from './types'

/**
 * Reloads the desk when the server says the agent is in a state the desk does not show (a supervisor
 * set it, their line ended, a wrap-up ran out). A state the agent's own click just set needs no reload:
 * the click's answer already shows it, and a reload then would drop its notice ("Outcome saved").
 * While a click is in flight its answer is awaited, then compared.
 */
const useReloadOnStateFromElsewhere = (shown: string, navigation: string) => {
  const reload = useReload()
  const told = useRef<string | null>(null)
  const compare = useCallback(() => {
    if (told.current === null || navigation !== 'idle') return
    if (told.current !== shown) reload()
    told.current = null
  }, [shown, navigation, reload])
  useEffect(compare, [compare])
  useDiallerEvents('/api/events', {
    parse: ({ type, data }) =>
      type === 'agent-state' && typeof (data as { state?: unknown } | null)?.state === 'string'
        ? (data as { state: string }).state
        : null,
    onEvent: (state) => {
      told.current = state
      compare()
    },
  })
}

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
  const navigation = useNavigation().state
  const busy = navigation !== 'idle'
  useReloadOnStateFromElsewhere(state, navigation)
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
