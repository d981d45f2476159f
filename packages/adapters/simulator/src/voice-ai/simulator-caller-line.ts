import type { VoiceAi } from '@ringlane/core'
import { Clock, Effect } from 'effect'

export interface SimulatorCallerLineOptions {
  /** The caller hangs up this long after the line opens; they stay until the AI session ends by default. */
  readonly hangUpAfterMs?: number
}

/**
 * A simulated caller's end of a call, as the line an AI agent talks on: the caller sends 100 ms of
 * (silent) µ-law audio at a time and hears what is played, in real time on Effect's clock. `heard`
 * says how much agent audio reached them, for a demo or a test to show.
 */
export const simulatorCallerLine = (options: SimulatorCallerLineOptions = {}) => {
  const frame = btoa(String.fromCharCode(...new Array<number>(800).fill(0xff)))
  let openedAt: number | null = null
  let heardMs = 0
  const line: VoiceAi.CallAudioLine = {
    listen: Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      openedAt ??= now
      if (options.hangUpAfterMs !== undefined && now - openedAt >= options.hangUpAfterMs)
        return { _tag: 'Ended' }
      yield* Effect.sleep('100 millis')
      return { _tag: 'Audio', payload: frame }
    }),
    play: (payload) =>
      Effect.sync(() => {
        heardMs += (atob(payload).length / 8) | 0
      }),
    clear: Effect.void,
  }
  return { line, heard: () => ({ ms: heardMs }) }
}
