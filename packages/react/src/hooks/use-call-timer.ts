import { useEffect, useState } from 'react'

/** `m:ss` under an hour, `h:mm:ss` past it: how agents read a call's length. */
export const formatCallDuration = (totalSeconds: number): string => {
  const seconds = Math.max(0, Math.floor(totalSeconds))
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = String(seconds % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/**
 * Seconds since a call was answered, ticking once a second while it lasts. Pass `null` when no call
 * is open; the timer stops and reads 0.
 */
export const useCallTimer = (answeredAt: Date | number | null) => {
  const start = answeredAt === null ? null : Number(answeredAt)
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (start === null) return
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [start])
  const seconds = start === null ? 0 : Math.max(0, Math.floor((now - start) / 1000))
  return { seconds, formatted: formatCallDuration(seconds) }
}
