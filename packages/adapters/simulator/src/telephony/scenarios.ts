import type { E164 } from '@ringlane/core'

/** How a simulated call goes, in (simulated) seconds. */
export type CallScenario =
  /** The callee answers; hangs up after `talkSeconds`, or stays until the agent hangs up when null. */
  | {
      readonly outcome: 'answer'
      readonly ringSeconds: number
      readonly talkSeconds: number | null
      readonly answeredBy?: 'human' | 'machine'
      /** Seconds after answer that asynchronous machine detection reports who answered; 1 by default. */
      readonly detectionSeconds?: number
    }
  | { readonly outcome: 'busy'; readonly ringSeconds: number }
  | { readonly outcome: 'no-answer'; readonly ringSeconds: number }
  | { readonly outcome: 'failed'; readonly errorCode: string }

/**
 * The demo's default: most people answer and talk until the agent hangs up; the last digit of the
 * number picks the rest, so a tester can choose an outcome by dialling a lead whose number ends in it.
 */
export const scenarioByLastDigit = (to: E164): CallScenario => {
  switch (to.at(-1)) {
    case '7':
      return { outcome: 'busy', ringSeconds: 2 }
    case '8':
      return { outcome: 'no-answer', ringSeconds: 20 }
    case '9':
      return { outcome: 'answer', ringSeconds: 4, talkSeconds: 12, answeredBy: 'machine' }
    default:
      return { outcome: 'answer', ringSeconds: 3, talkSeconds: null, answeredBy: 'human' }
  }
}
