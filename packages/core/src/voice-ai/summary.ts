import type { FailureReason, Speaker } from './provider.js'
import type { HandoffReason } from './session.js'

const MAX_LINES = 12
const MAX_LENGTH = 2000

const reasonWords: Record<FailureReason, string> = {
  NoFirstResponse: 'did not answer in time',
  Disconnected: 'disconnected',
  MalformedMessage: 'sent a message it should not have',
  ProviderRefused: 'refused the session',
  ConnectFailed: 'could not be reached',
}

/**
 * The note a person reads before taking over from the AI agent: why the call came to them, what the
 * call is about, and the conversation so far (the latest lines when it was long).
 */
export const handoffSummary = (facts: {
  readonly reason: HandoffReason
  readonly detail: string
  readonly context: string
  readonly failures: ReadonlyArray<{ readonly provider: string; readonly reason: FailureReason }>
  readonly transcript: ReadonlyArray<{ readonly speaker: Speaker; readonly text: string }>
}): string => {
  const why =
    facts.reason === 'caller-asked'
      ? `The caller asked for a person${facts.detail ? ` (${facts.detail})` : ''}.`
      : 'The AI agent could not continue the call.'
  const failures = facts.failures.map((f) => `${f.provider} ${reasonWords[f.reason]}`)
  const lines = facts.transcript
    .slice(-MAX_LINES)
    .map((t) => `${t.speaker === 'caller' ? 'Caller' : 'Agent'}: ${t.text}`)
  const earlier = facts.transcript.length - lines.length
  const parts = [
    why,
    failures.length > 0 ? `AI providers: ${failures.join('; ')}.` : '',
    facts.context ? `About the call: ${facts.context}` : '',
    lines.length === 0
      ? 'Nothing was said yet.'
      : `Said so far${earlier > 0 ? ` (last ${lines.length} of ${facts.transcript.length} lines)` : ''}:\n${lines.join('\n')}`,
  ].filter(Boolean)
  const summary = parts.join('\n')
  return summary.length > MAX_LENGTH ? `${summary.slice(0, MAX_LENGTH - 1)}…` : summary
}
