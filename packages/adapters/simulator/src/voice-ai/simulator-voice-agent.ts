import { VoiceAi } from '@ringlane/core'
import { Clock, Effect, Schema, Stream } from 'effect'

/**
 * What can go wrong with a simulated provider, to test a chain's fallback:
 * - `silence`: the session opens and the agent never speaks.
 * - `slow-first-response`: the agent's first words come `delayMs` after the session opens.
 * - `disconnect`: the connection drops `afterMs` after the agent first spoke.
 * - `garbage`: `afterMs` after it first spoke, it sends a message outside its protocol.
 * - `refuse`: the provider refuses the session (as for a bad key or no quota).
 * - `unreachable`: the connection cannot be made.
 */
export type VoiceAgentFault =
  | { readonly kind: 'silence' }
  | { readonly kind: 'slow-first-response'; readonly delayMs: number }
  | { readonly kind: 'disconnect'; readonly afterMs: number }
  | { readonly kind: 'garbage'; readonly afterMs: number }
  | { readonly kind: 'refuse' }
  | { readonly kind: 'unreachable' }

/** A line of the simulated conversation: the agent's (spoken, as audio) or the caller's (heard). */
export interface AgentScriptLine {
  readonly speaker: 'agent' | 'caller'
  readonly text: string
}

export interface SimulatorVoiceAgentOptions {
  /** The provider's name in an AI agent's chain; `simulator` by default. */
  readonly name?: string
  readonly fault?: VoiceAgentFault
  /** How long after the session opens the agent first speaks, without a fault; 300 ms by default. */
  readonly firstResponseMs?: number
  /** The conversation; a short claims call by default. */
  readonly script?: ReadonlyArray<AgentScriptLine>
  /** After this many script lines the caller asks for a person (the agent hands over); never by default. */
  readonly callerAsksForPersonAfter?: number
  /** Sees each event the provider sends, with when (Effect's clock, ms): tests check the call's record against it. */
  readonly onEvent?: (event: VoiceAi.VoiceAgentEvent, atMs: number) => void
}

const defaultScript: ReadonlyArray<AgentScriptLine> = [
  { speaker: 'agent', text: 'Hello, this is the claims team calling about your refund.' },
  { speaker: 'caller', text: 'Oh yes, I sent the forms last week.' },
  { speaker: 'agent', text: 'Thank you. I can see them; the payment is being prepared.' },
  { speaker: 'caller', text: 'When will it arrive?' },
  { speaker: 'agent', text: 'Within five working days. Is there anything else?' },
  { speaker: 'caller', text: 'No, that is all, thanks.' },
]

/** Speech runs about 60 ms a character; a caller's line takes as long, with the agent listening. */
const speakingMs = (text: string) => Math.min(4000, Math.max(400, text.length * 60))
/** Audio goes out in frames of 200 ms, as a provider streams it. */
const FRAME_MS = 200

// The simulator's own wire messages: every event is decoded from what it "sent", so garbage is
// refused by the same decoding a real adapter does.
const WireMessage = Schema.parseJson(
  Schema.Union(
    Schema.Struct({ type: Schema.Literal('audio'), payload: Schema.String }),
    Schema.Struct({ type: Schema.Literal('transcript'), speaker: VoiceAi.Speaker, text: Schema.String }),
    Schema.Struct({ type: Schema.Literal('handoff'), detail: Schema.String }),
  ),
)

type Step =
  | { readonly waitMs: number; readonly wire: string }
  | { readonly waitMs: number; readonly fail: VoiceAi.FailureReason }

/**
 * A simulated AI voice agent provider: it speaks a scripted conversation (real µ-law audio, its lines
 * as transcript events) on Effect's clock, so tests run it on a virtual clock, and fails as told.
 */
export const simulatorVoiceAgent = (
  options: SimulatorVoiceAgentOptions = {},
): VoiceAi.VoiceAgentProviderService => {
  const name = options.name ?? 'simulator'
  const fault = options.fault
  const failure = (reason: VoiceAi.FailureReason, message: string) =>
    new VoiceAi.VoiceAgentFailure({ provider: name, reason, message })

  const steps = (brief: VoiceAi.AgentBrief): ReadonlyArray<Step> => {
    const script = options.script ?? defaultScript
    // A provider taking over picks up after what was already said.
    const said = brief.transcript.length
    const lines: ReadonlyArray<AgentScriptLine> =
      said === 0
        ? script
        : [{ speaker: 'agent', text: 'Sorry about that, I am back. Where were we?' }, ...script.slice(said)]
    const first = fault?.kind === 'slow-first-response' ? fault.delayMs : (options.firstResponseMs ?? 300)
    const out: Array<Step> = []
    let elapsed = 0
    let spokeAt: number | null = null
    const push = (waitMs: number, wire: string) => {
      out.push({ waitMs, wire })
      elapsed += waitMs
    }
    lines.forEach((line, index) => {
      if (line.speaker === 'agent') {
        const frames = Math.ceil(speakingMs(line.text) / FRAME_MS)
        for (let frame = 0; frame < frames; frame++) {
          push(
            frame === 0 ? (index === 0 ? first : 0) : FRAME_MS,
            JSON.stringify({ type: 'audio', payload: VoiceAi.comfortTone(FRAME_MS) }),
          )
          spokeAt ??= elapsed
        }
        push(FRAME_MS, JSON.stringify({ type: 'transcript', speaker: 'agent', text: line.text }))
      } else {
        push(
          speakingMs(line.text),
          JSON.stringify({ type: 'transcript', speaker: 'caller', text: line.text }),
        )
      }
      if (
        options.callerAsksForPersonAfter !== undefined &&
        index + 1 === options.callerAsksForPersonAfter - said
      ) {
        push(
          300,
          JSON.stringify({ type: 'transcript', speaker: 'caller', text: 'Can I speak to a person, please?' }),
        )
        push(0, JSON.stringify({ type: 'handoff', detail: 'the caller asked to speak to a person' }))
      }
    })
    if (fault?.kind === 'disconnect' || fault?.kind === 'garbage') {
      // The fault lands `afterMs` after the first words, wherever in the script that falls.
      const at = (spokeAt ?? 0) + fault.afterMs
      // A connection lost after the conversation ended changes nothing: the call finished.
      if (at >= elapsed) return out
      let time = 0
      const kept: Array<Step> = []
      for (const step of out) {
        if (time + step.waitMs > at) break
        kept.push(step)
        time += step.waitMs
      }
      kept.push(
        fault.kind === 'disconnect'
          ? { waitMs: at - time, fail: 'Disconnected' }
          : { waitMs: at - time, wire: '{"type":"audio","payload":' },
      )
      return kept
    }
    return out
  }

  const decode = (wire: string) =>
    Effect.mapError(Schema.decodeUnknown(WireMessage)(wire), (error) =>
      failure(
        'MalformedMessage',
        `the simulator sent a message outside its protocol: ${error.message.slice(0, 200)}`,
      ),
    )
  const toEvent = (message: typeof WireMessage.Type): VoiceAi.VoiceAgentEvent =>
    message.type === 'audio'
      ? { _tag: 'Audio', payload: message.payload }
      : message.type === 'transcript'
        ? { _tag: 'Transcript', speaker: message.speaker, text: message.text }
        : { _tag: 'Intent', intent: 'human-requested', detail: message.detail }

  return {
    name,
    open: (brief) => {
      if (fault?.kind === 'unreachable')
        return Effect.fail(failure('ConnectFailed', `${name} could not be reached`))
      if (fault?.kind === 'refuse')
        return Effect.fail(failure('ProviderRefused', `${name} refused the session`))
      const events: Stream.Stream<VoiceAi.VoiceAgentEvent, VoiceAi.VoiceAgentFailure> =
        fault?.kind === 'silence'
          ? Stream.never
          : Stream.fromIterable(steps(brief)).pipe(
              Stream.mapEffect((step) =>
                Effect.zipRight(
                  Effect.sleep(step.waitMs),
                  'fail' in step
                    ? Effect.fail(failure(step.fail, `${name} dropped the connection`))
                    : Effect.map(decode(step.wire), toEvent),
                ),
              ),
              Stream.tap((event) =>
                Effect.map(Clock.currentTimeMillis, (at) => options.onEvent?.(event, at)),
              ),
            )
      return Effect.succeed({ events, sendAudio: () => Effect.void })
    },
  }
}
