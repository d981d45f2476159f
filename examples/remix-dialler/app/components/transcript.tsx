import { formatDuration } from '../utils/dates'

/** A transcript as the recordings page sends it to the browser. */
export interface TranscriptView {
  readonly status: 'queued' | 'requested' | 'completed' | 'failed'
  readonly failureReason: string | null
  readonly nextAttemptAt: string | null
  readonly turns: ReadonlyArray<{
    readonly speaker: 'agent' | 'customer' | 'unknown'
    readonly startSeconds: number
    readonly endSeconds: number
    readonly text: string
  }>
}

const speakerLabel = { agent: 'Agent', customer: 'Customer', unknown: 'Speaker' } as const

/** m:ss of a moment in the recording. */
const clock = (seconds: number) => formatDuration(Math.floor(seconds), '0:00')

/**
 * What was said, turn by turn, beside the player: a turn's button moves the player to where it starts.
 * A transcript still being made, or one that failed, says so (with why and when it is tried again).
 */
export const TranscriptTurns = ({
  transcript,
  playingAt,
  onSeek,
}: {
  transcript: TranscriptView | null
  playingAt: number
  onSeek: (seconds: number) => void
}) => {
  if (!transcript) return <p className="muted">This recording has no transcript.</p>
  if (transcript.status === 'failed')
    return (
      <p className="notice bad" role="status" data-testid="transcript-failed">
        The transcript failed: {transcript.failureReason ?? 'no reason given'}.{' '}
        {transcript.nextAttemptAt
          ? `It is tried again after ${new Date(transcript.nextAttemptAt).toLocaleTimeString('en-GB')}.`
          : 'It will not be tried again.'}
      </p>
    )
  if (transcript.status !== 'completed')
    return <p className="muted">The transcript is being made; reload in a moment.</p>
  if (transcript.turns.length === 0) return <p className="muted">Nobody spoke on this recording.</p>
  return (
    <ol className="transcript" aria-label="Transcript" data-testid="transcript">
      {transcript.turns.map((turn, index) => {
        const current = playingAt >= turn.startSeconds && playingAt < turn.endSeconds
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: turns are a fixed list in time order
          <li key={index} className={current ? 'current' : undefined}>
            <button
              type="button"
              className="turn"
              data-testid="transcript-turn"
              data-start={turn.startSeconds}
              aria-current={current ? 'true' : undefined}
              aria-label={`Play from ${clock(turn.startSeconds)}: ${speakerLabel[turn.speaker]}, ${turn.text}`}
              onClick={() => onSeek(turn.startSeconds)}
            >
              <span className="muted">{clock(turn.startSeconds)}</span>{' '}
              <strong>{speakerLabel[turn.speaker]}</strong> {turn.text}
            </button>
          </li>
        )
      })}
    </ol>
  )
}
