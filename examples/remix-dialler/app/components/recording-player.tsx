import { useFetcher } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import type { action } from '../routes/supervisor.recordings.server'
import { formatTime } from '../utils/dates'

/**
 * Plays a signed URL and swaps in a fresh one before it expires (or when the player reports it has
 * expired), keeping the position and whether it was playing. The fresh URL comes from the
 * recordings page's own action (`intent=refresh`).
 */
export const RecordingPlayer = ({
  recordingId,
  url,
  refreshAt,
  expiresAt,
}: {
  recordingId: string
  url: string
  refreshAt: string
  expiresAt: string
}) => {
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

  return (
    <section className="panel" aria-label="Player">
      <h2>Playing recording</h2>
      {/* biome-ignore lint/a11y/useMediaCaption: call recordings have no caption track to offer */}
      <audio
        ref={audio}
        controls
        preload="metadata"
        src={url}
        data-testid="recording-player"
        onError={() => {
          if (refresh.state === 'idle') submit({ intent: 'refresh', recordingId }, { method: 'post' })
        }}
      />
      <p className="muted">
        This link expires at {formatTime(current.expiresAt)} and is renewed while the page is open. Playing
        and downloading are recorded in the audit log.
      </p>
    </section>
  )
}
