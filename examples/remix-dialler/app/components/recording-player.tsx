import { useFetcher } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import type { action } from '../routes/supervisor.recordings.server'
import { formatTime } from '../utils/dates'
import { TranscriptTurns, type TranscriptView } from './transcript'

/** A recording to play: its signed URL and when to renew it, its transcript, where to start. */
interface PlayerProps {
  readonly recordingId: string
  readonly url: string
  readonly refreshAt: string
  readonly expiresAt: string
  readonly transcript: TranscriptView | null
  readonly startAt: number | null
}

/**
 * Plays a signed URL and swaps in a fresh one before it expires (or when the player reports it has
 * expired), keeping the position and whether it was playing. The fresh URL comes from the
 * recordings page's own action (`intent=refresh`). The transcript sits beside it: a turn moves the
 * player there; `startAt` (a search hit's turn) is where it starts.
 */
export const RecordingPlayer = ({
  recordingId,
  url,
  refreshAt,
  expiresAt,
  transcript,
  startAt,
}: PlayerProps) => {
  const [playingAt, setPlayingAt] = useState(startAt ?? 0)
  const started = useRef(false)
  const refresh = useFetcher<typeof action>()
  const audio = useRef<HTMLAudioElement>(null)
  const fresh = refresh.data?.ok && refresh.data.recordingId === recordingId ? refresh.data : null
  const current = fresh ?? { url, refreshAt, expiresAt }
  const { submit } = refresh

  useEffect(() => {
    const wait = Math.max(1_000, Date.parse(current.refreshAt) - Date.now())
    const timer = setTimeout(() => submit({ intent: 'refresh', recordingId }, { method: 'post' }), wait)
    return () => clearTimeout(timer)
  }, [current.refreshAt, recordingId, submit])

  useEffect(() => {
    const player = audio.current
    if (!player || player.getAttribute('src') === current.url) return
    const at = player.currentTime
    const playing = !player.paused
    player.src = current.url
    player.currentTime = at
    if (playing) void player.play()
  }, [current.url])

  const seek = (seconds: number) => {
    const player = audio.current
    if (!player) return
    player.currentTime = seconds
    setPlayingAt(seconds)
    void player.play().catch(() => undefined)
  }

  return (
    <section className="panel grid two" aria-label="Player">
      <div>
        <h2>Playing recording</h2>
        {/* biome-ignore lint/a11y/useMediaCaption: the transcript beside the player is its text */}
        <audio
          ref={audio}
          controls
          preload="metadata"
          src={url}
          data-testid="recording-player"
          onLoadedMetadata={(event) => {
            // A search hit opens the player at its turn, once.
            if (startAt !== null && !started.current) event.currentTarget.currentTime = startAt
            started.current = true
          }}
          onTimeUpdate={(event) => setPlayingAt(event.currentTarget.currentTime)}
          onSeeked={(event) => setPlayingAt(event.currentTarget.currentTime)}
          onError={() => {
            if (refresh.state === 'idle') submit({ intent: 'refresh', recordingId }, { method: 'post' })
          }}
        />
        <p className="muted">
          This link expires at {formatTime(current.expiresAt)} and is renewed while the page is open. Playing
          and downloading are recorded in the audit log.
        </p>
      </div>
      <div>
        <h2>Transcript</h2>
        <TranscriptTurns transcript={transcript} playingAt={playingAt} onSeek={seek} />
      </div>
    </section>
  )
}

/** What a page's Play action answered: a signed URL to play (with the transcript), or why not. */
export type Played = ({ ok: true } & PlayerProps) | { ok: false; recordingId: string | null; error: string }

/** The Play action's answer on the page: the player, or the reason it could not play. */
export const PlayedRecording = ({ played }: { played: Played | undefined }) =>
  played?.ok ? (
    <RecordingPlayer
      key={`${played.recordingId}@${played.startAt ?? 0}`}
      recordingId={played.recordingId}
      url={played.url}
      refreshAt={played.refreshAt}
      expiresAt={played.expiresAt}
      transcript={played.transcript}
      startAt={played.startAt}
    />
  ) : played ? (
    <p className="notice bad" role="alert">
      {played.error}
    </p>
  ) : null
