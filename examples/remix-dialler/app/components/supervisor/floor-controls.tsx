import { useFetcher } from '@remix-run/react'
import type { action } from '../../routes/supervisor._index.server'

/** Ends an agent's call from the live page (a stuck call, a desk that lost it); the agent wraps up. */
export const EndCallButton = ({ sessionId, agentName }: { sessionId: string; agentName: string }) => {
  const end = useFetcher<typeof action>()
  const failed = end.data && !end.data.ok ? end.data.error : null
  return (
    <end.Form method="post">
      <input type="hidden" name="sessionId" value={sessionId} />
      <button
        type="submit"
        name="intent"
        value="end-call"
        className="danger"
        disabled={end.state !== 'idle'}
        aria-label={`End ${agentName}'s call`}
      >
        End call
      </button>
      {failed && (
        <span className="notice bad" role="alert">
          {failed}
        </span>
      )}
    </end.Form>
  )
}

/** Sets an agent's state from the live page (someone who left without signing out, a stuck desk). */
export const SetAgentState = ({
  agentId,
  agentName,
  pauseReasons,
}: {
  agentId: string
  agentName: string
  pauseReasons: ReadonlyArray<string>
}) => {
  const set = useFetcher<typeof action>()
  const failed = set.data && !set.data.ok ? set.data.error : null
  return (
    <set.Form method="post" className="row" aria-label={`Set ${agentName}'s state`}>
      <input type="hidden" name="agentId" value={agentId} />
      <label className="sr-only" htmlFor={`state-${agentId}`}>
        {agentName}'s new state
      </label>
      <select id={`state-${agentId}`} name="state" defaultValue="offline" style={{ width: 'auto' }}>
        <option value="available">available</option>
        {pauseReasons.map((reason) => (
          <option key={reason} value={`paused:${reason}`}>
            paused ({reason})
          </option>
        ))}
        <option value="offline">offline</option>
      </select>
      <button
        type="submit"
        name="intent"
        value="set-state"
        className="secondary"
        disabled={set.state !== 'idle'}
      >
        Set
      </button>
      {failed && (
        <span className="notice bad" role="alert">
          {failed}
        </span>
      )}
    </set.Form>
  )
}

/**
 * Listen (muted), whisper (only the agent hears), barge (everyone hears) or leave an agent's call, from
 * the live page. The supervisor's softphone is rung into the call the first time.
 */
export const SuperviseCall = ({ sessionId, agentName }: { sessionId: string; agentName: string }) => {
  const supervise = useFetcher<typeof action>()
  const result = supervise.data
  return (
    <supervise.Form method="post" className="row" aria-label={`Supervise ${agentName}'s call`}>
      <input type="hidden" name="intent" value="supervise" />
      <input type="hidden" name="sessionId" value={sessionId} />
      {(['listen', 'whisper', 'barge', 'leave'] as const).map((mode) => (
        <button
          key={mode}
          type="submit"
          name="mode"
          value={mode}
          className="secondary"
          disabled={supervise.state !== 'idle'}
          aria-label={`${mode[0]?.toUpperCase()}${mode.slice(1)} ${agentName}'s call`}
        >
          {mode[0]?.toUpperCase()}
          {mode.slice(1)}
        </button>
      ))}
      {result && (
        <span className={`notice ${result.ok ? '' : 'bad'}`} role={result.ok ? 'status' : 'alert'}>
          {result.ok ? result.notice : result.error}
        </span>
      )}
    </supervise.Form>
  )
}
