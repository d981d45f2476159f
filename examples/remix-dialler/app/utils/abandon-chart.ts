/**
 * The abandon chart's arithmetic: the campaign's window cut into equal slices back from now (hourly
 * for a 24 h window; wider when the window is long, so the chart keeps a readable number of bars and
 * the page a bounded number of ledger reads), and each slice's rate on the live-answered denominator.
 */

const HOUR = 3_600_000

export interface WindowSlice {
  readonly since: Date
  readonly until: Date
  /** How far back the slice starts, e.g. "-24h". */
  readonly label: string
}

/** `[now - hours, now)` as at most `most` slices of whole hours, oldest first; the oldest may be shorter. */
export const windowSlices = (now: Date, hours: number, most = 24): WindowSlice[] => {
  if (!(hours > 0)) return []
  const width = Math.ceil(hours / Math.max(1, most))
  const start = +now - hours * HOUR
  const slices: WindowSlice[] = []
  for (let until = +now; until > start; until -= width * HOUR) {
    const since = Math.max(start, until - width * HOUR)
    slices.push({
      since: new Date(since),
      until: new Date(until),
      label: `-${Math.round((+now - since) / HOUR)}h`,
    })
  }
  return slices.reverse()
}

/** Answered calls the engine placed, by outcome (the abandon ledger's counts). */
export interface LiveAnswered {
  readonly connected: number
  readonly abandoned: number
}

/** Abandoned / (connected + abandoned) in percent; null when nobody answered live (no rate to speak of). */
export const abandonPercent = ({ connected, abandoned }: LiveAnswered) =>
  connected + abandoned === 0 ? null : (100 * abandoned) / (connected + abandoned)
