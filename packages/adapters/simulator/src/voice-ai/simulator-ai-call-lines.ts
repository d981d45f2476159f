import type { VoiceAi } from '@ringlane/core'
import { Effect, Option } from 'effect'
import { type SimulatorCallerLineOptions, simulatorCallerLine } from './simulator-caller-line.js'

const over = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled'])

export interface SimulatorAiCallLinesOptions extends SimulatorCallerLineOptions {
  /** The simulated telephony whose calls the lines are: a line ends when its call does. */
  readonly calls?: { readonly serverCall: (callId: string) => { readonly status: string } | null }
}

/**
 * The simulator's side of `AiCallLines`: an answered call's audio is at hand at once, a simulated
 * caller on the line (`simulatorCallerLine`), so the engine runs the AI session itself. With `calls`,
 * the caller hangs up when the simulated call ends.
 */
export const simulatorAiCallLines = (
  options: SimulatorAiCallLinesOptions = {},
): VoiceAi.AiCallLinesService => ({
  connect: (route) =>
    Effect.sync(() => {
      const { line } = simulatorCallerLine(options)
      const { calls } = options
      if (!calls) return Option.some(line)
      const ended = () => {
        const call = calls.serverCall(route.request.providerCallId)
        return call !== null && over.has(call.status)
      }
      return Option.some<VoiceAi.CallAudioLine>({
        ...line,
        listen: Effect.suspend(() => (ended() ? Effect.succeed({ _tag: 'Ended' as const }) : line.listen)),
      })
    }),
})
