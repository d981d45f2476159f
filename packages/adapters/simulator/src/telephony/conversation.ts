import type { E164, Transcripts } from '@ringlane/core'

/** One line of a simulated call's script: who says it. */
export interface ScriptLine {
  readonly speaker: 'agent' | 'customer'
  readonly text: string
}

/** What the simulated people say on an answered call, in order, until one of them hangs up. */
export const defaultScript: ReadonlyArray<ScriptLine> = [
  { speaker: 'agent', text: 'Hello, this is the claims team calling about your refund claim.' },
  { speaker: 'customer', text: 'Oh hello, yes, I was expecting your call.' },
  { speaker: 'agent', text: 'We still need your signature on the claim form before we can go ahead.' },
  { speaker: 'customer', text: 'I can sign it today if you send me the link.' },
  { speaker: 'agent', text: 'I will text you a secure link now; it takes two minutes to complete.' },
  { speaker: 'customer', text: 'Perfect, thank you very much.' },
  { speaker: 'agent', text: 'Thank you for your time. Goodbye.' },
]

/** A machine's greeting, for calls answered by voicemail. */
export const voicemailScript: ReadonlyArray<ScriptLine> = [
  { speaker: 'customer', text: 'You have reached my voicemail. Please leave a message after the tone.' },
]

/** Speaking pace and the pause between speakers, as people speak on the phone. */
const WORDS_PER_SECOND = 2.5
const PAUSE_SECONDS = 0.4

const round = (seconds: number) => Math.round(seconds * 100) / 100

/**
 * What was said on a call that lasted `talkSeconds`: the script's lines timed at a speaking pace,
 * one after another, the last one cut where the call ended. This is the simulator's transcript.
 */
export const timedConversation = (
  script: ReadonlyArray<ScriptLine>,
  talkSeconds: number,
): ReadonlyArray<Transcripts.TranscriptTurn> => {
  const turns: Array<Transcripts.TranscriptTurn> = []
  let at = 0
  for (const line of script) {
    if (at >= talkSeconds) break
    const words = line.text.split(/\s+/).filter(Boolean).length
    const end = Math.min(at + words / WORDS_PER_SECOND, talkSeconds)
    turns.push({ speaker: line.speaker, startSeconds: round(at), endSeconds: round(end), text: line.text })
    at = end + PAUSE_SECONDS
  }
  return turns
}

/** The demo's script for a call: a machine's greeting when a machine answered, else the default. */
export const scriptFor = (_to: E164, answeredBy: 'human' | 'machine'): ReadonlyArray<ScriptLine> =>
  answeredBy === 'machine' ? voicemailScript : defaultScript
