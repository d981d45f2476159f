import { Schema } from 'effect'

/** What a person meant by a text, as far as the dialler acts on it without an agent. */
export const SmsIntent = Schema.Literal(
  'opt_out',
  'opt_in',
  'help',
  'confirmation',
  'callback_request',
  'general',
)
export type SmsIntent = typeof SmsIntent.Type

export const ConversationPriority = Schema.Literal('low', 'normal', 'high')
export type ConversationPriority = typeof ConversationPriority.Type

export interface IntentClassification {
  readonly intent: SmsIntent
  /** How soon an agent should look: callback requests first. */
  readonly priority: ConversationPriority
  /** The keyword or phrase that decided it, for the agent's view; null for `general`. */
  readonly matched: string | null
}

/** The carrier opt-out keywords: any of these alone (in any case, spacing or punctuation) opts out. */
export const optOutKeywords = [
  'stop',
  'unsubscribe',
  'end',
  'quit',
  'stopall',
  'revoke',
  'optout',
  'cancel',
] as const
export const optInKeywords = ['start', 'yes', 'unstop'] as const
export const helpKeywords = ['help', 'info'] as const
const confirmationWords = new Set(['yes', 'y', 'yep', 'yeah', 'ok', 'okay', 'sure', 'confirm', 'confirmed'])
// Words that mean "stop" even inside a short sentence ("please stop texting me"). END, QUIT, CANCEL and
// REVOKE are left out here: "cancel my appointment" is not an opt-out.
const unambiguousOptOut = new Set(['stop', 'stopall', 'unsubscribe', 'optout'])
const callbackPhrases = [
  'call me',
  'callback',
  'call back',
  'ring me',
  'phone me',
  'give me a call',
  'can you call',
  'please call',
]

export interface ClassifyOptions {
  /** Whether the sender is opted out now: then YES means opt back in rather than "confirmed". */
  readonly optedOut?: boolean
  /** A text at least this long goes to an agent as a callback request (default 100 characters). */
  readonly longMessageChars?: number
}

/**
 * Classifies an inbound text. Total: any string (empty, emoji, megabytes) gets an answer. Keywords are
 * matched on the letters alone, so "Stop!", " s t o p " and "OPT OUT." are all opt-outs.
 */
export const classifyIntent = (body: string, options: ClassifyOptions = {}): IntentClassification => {
  const text = body.normalize('NFKC').toLowerCase()
  const words = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0)
  const compact = words.join('')
  const is = (list: ReadonlyArray<string>) => list.find((k) => k === compact)

  const optOut = is(optOutKeywords)
  if (optOut) return { intent: 'opt_out', priority: 'low', matched: optOut }
  if (words.length <= 6) {
    const word = words.find((w, i) => unambiguousOptOut.has(w) || (w === 'opt' && words[i + 1] === 'out'))
    if (word) return { intent: 'opt_out', priority: 'low', matched: word === 'opt' ? 'opt out' : word }
  }
  const optIn = is(optInKeywords)
  if (optIn && (optIn !== 'yes' || options.optedOut === true)) {
    return { intent: 'opt_in', priority: 'low', matched: optIn }
  }
  const help = is(helpKeywords) ?? (text.trim() === '?' ? '?' : undefined)
  if (help) return { intent: 'help', priority: 'low', matched: help }
  if (words.length <= 3 && confirmationWords.has(compact)) {
    return { intent: 'confirmation', priority: 'normal', matched: compact }
  }
  const spaced = words.join(' ')
  const phrase = callbackPhrases.find((p) => spaced.includes(p))
  if (phrase) return { intent: 'callback_request', priority: 'high', matched: phrase }
  if (text.trim().length >= (options.longMessageChars ?? 100)) {
    return { intent: 'callback_request', priority: 'high', matched: 'long message' }
  }
  return { intent: 'general', priority: 'normal', matched: null }
}
