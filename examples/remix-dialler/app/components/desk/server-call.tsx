import { useFetcher, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import type { action } from '../../routes/agent._index.server'
import { KeyHint, shortcut } from './shortcuts'

/** The statuses of a call that is not over yet. */
const OPEN = new Set(['initiated', 'queued', 'ringing', 'in-progress'])
export const isOpenCall = (status: string | undefined) => status !== undefined && OPEN.has(status)

/**
 * A call the server has open that this page's softphone does not hold (the page was reloaded, or the
 * call is in another tab): said plainly, with Hang up done by the server. While it is open the desk
 * reads the server again every few seconds, so a call ended elsewhere turns into the outcome form.
 */
export const ServerCall = ({
  call,
}: {
  call: { readonly sessionId: string; readonly status: string; readonly phone: string }
}) => {
  const hangUp = useFetcher<typeof action>()
  const { revalidate, state } = useRevalidator()
  useEffect(() => {
    const timer = setInterval(() => {
      if (state === 'idle' && document.visibilityState === 'visible') revalidate()
    }, 2000)
    return () => clearInterval(timer)
  }, [revalidate, state])
  const failed = hangUp.data && !hangUp.data.ok ? hangUp.data : null
  return (
    <div className="notice warn" role="status" data-testid="server-call">
      <p>
        <strong>
          Your call to {call.phone} is still {call.status.replace('-', ' ')}
        </strong>
        , but not on this page (it was reloaded, or the call is in another tab). Hang it up here, then record
        its outcome.
      </p>
      <hangUp.Form method="post" className="row">
        <input type="hidden" name="sessionId" value={call.sessionId} />
        <button
          type="submit"
          name="intent"
          value="hang-up"
          className="danger"
          disabled={hangUp.state !== 'idle'}
          {...shortcut('H')}
        >
          {hangUp.state !== 'idle' ? 'Hanging up…' : 'Hang up'} <KeyHint k="H" />
        </button>
      </hangUp.Form>
      {failed && (
        <p className="notice bad" role="alert">
          {failed.error ?? Object.values(failed.fields ?? {}).join(' ')} If it stays stuck, ask a supervisor
          to end the call from the live page.
        </p>
      )}
    </div>
  )
}
