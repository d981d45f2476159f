import { Clock, Deferred, Effect, Either, Option, Ref, Schedule, Schema, Stream } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { publish } from '../kernel/events.js'
import { audioMillis, type CallAudioLine, comfortTone } from './call-audio.js'
import { InvalidVoiceAiRequest, VoiceAgentNotFound } from './errors.js'
import type { VoiceAiEvent } from './events.js'
import { type HandoffRequest, type HandoffResult, handOverToQueue } from './handoff.js'
import {
  type FailureReason,
  type VoiceAgentEvent,
  VoiceAgentFailure,
  type VoiceAgentProviderService,
  VoiceAgentProviders,
  type VoiceAgentSession,
} from './provider.js'
import type { HandoffReason, ProviderAttempt, SessionTurn, VoiceAiSession } from './session.js'
import { handoffSummary } from './summary.js'
import { VoiceAgentId } from './voice-agent.js'
import { VoiceAiConfig } from './voice-ai-config.js'
import { VoiceAiStore } from './voice-ai-store.js'

const Text = (max: number) => Schema.Trim.pipe(Schema.nonEmptyString(), Schema.maxLength(max))

/** The call an AI agent takes, as an SDK caller or an IVR step gives it (the line is passed beside it). */
export const TakeCallRequest = Schema.Struct({
  callId: Text(100),
  providerCallId: Text(100),
  agentId: VoiceAgentId,
  campaignId: Schema.optionalWith(Schema.NullOr(Text(40)), { default: () => null }),
  direction: Schema.Literal('inbound', 'outbound'),
  /** The call's context in plain words: who the caller is, their case, what the campaign wants. */
  context: Schema.optionalWith(Schema.String.pipe(Schema.maxLength(4000)), { default: () => '' }),
})
export type TakeCallRequest = typeof TakeCallRequest.Encoded

/** How a provider's turn at the call ended when it did not fail. */
type Ending =
  | { readonly _tag: 'HumanRequested'; readonly detail: string }
  | { readonly _tag: 'Done' }
  | { readonly _tag: 'HungUp' }

/** A line from an SDK caller is checked before a session opens: a wrong one writes nothing. */
const isCallAudioLine = (line: unknown): line is CallAudioLine =>
  typeof line === 'object' &&
  line !== null &&
  Effect.isEffect((line as CallAudioLine).listen) &&
  Effect.isEffect((line as CallAudioLine).clear) &&
  typeof (line as CallAudioLine).play === 'function'

const decodeRequest = decodeWith(TakeCallRequest, (issue) => new InvalidVoiceAiRequest(issue))

// A record write is retried a few times before the session gives up on it: a blip in the store must
// not drop a line of the transcript.
const retried = Schedule.intersect(Schedule.recurs(3), Schedule.spaced('50 millis'))

/**
 * An AI agent takes a call: its providers are tried in order, each given `firstResponseMs` to speak;
 * while the caller waits, a filler plays whenever the silence reaches `fillerAfterMs`; when every
 * provider fails or the caller asks for a person, the call is handed to the agent's human queue with
 * a written summary. Each attempt, line and the handoff are written as they happen.
 */
export const conductCall = <R>(
  input: TakeCallRequest,
  line: CallAudioLine,
  handOver: (request: HandoffRequest) => Effect.Effect<HandoffResult, never, R>,
) =>
  Effect.scoped(
    Effect.gen(function* () {
      const request = yield* decodeRequest(input)
      if (!isCallAudioLine(line)) {
        return yield* new InvalidVoiceAiRequest({
          field: 'line',
          message: 'line must be a call audio line { listen, play, clear } (e.g. twilioMediaStreamLine(...))',
        })
      }
      const store = yield* VoiceAiStore
      const settings = yield* VoiceAiConfig
      const providers = yield* VoiceAgentProviders
      const agent = Option.getOrUndefined(yield* store.findAgent(request.agentId))
      if (!agent) {
        return yield* new VoiceAgentNotFound({
          agentId: request.agentId,
          message: `there is no AI agent ${request.agentId}`,
        })
      }
      const now = Clock.currentTimeMillis
      const start = yield* now
      const session = yield* store.openSession(
        {
          callId: request.callId,
          providerCallId: request.providerCallId,
          agentId: agent.id,
          campaignId: request.campaignId,
        },
        new Date(start),
      )
      const write = <A, E>(effect: Effect.Effect<A, E>) => Effect.retry(effect, retried)
      const filler = settings.fillerAudio ?? comfortTone()

      // The line as the caller hears it: audio plays until `audibleUntil`; while they wait for an agent,
      // the silence since `quietFrom` is what the filler guards.
      const audibleUntil = yield* Ref.make(start)
      const waitingSince = yield* Ref.make<number | null>(start)
      const longestSilence = yield* Ref.make(0)
      const quietFrom = Effect.all([Ref.get(audibleUntil), Ref.get(waitingSince)]).pipe(
        Effect.map(([until, since]) => (since === null ? null : Math.max(until, since))),
      )
      /** The silence the caller has heard while waiting ends now. */
      const silenceEnds = Effect.gen(function* () {
        const from = yield* quietFrom
        const at = yield* now
        if (from !== null && at > from)
          yield* Ref.update(longestSilence, (longest) => Math.max(longest, at - from))
      })
      const play = (payload: string) =>
        Effect.gen(function* () {
          yield* silenceEnds
          const at = yield* now
          yield* Ref.update(audibleUntil, (until) => Math.max(until, at) + audioMillis(payload))
          yield* line.play(payload)
        })
      // Waiting already (a provider failed before it spoke): the silence counts from when it began. A
      // line already quiet when the wait begins has been silent since its audio ran out.
      const startWaiting = Effect.flatMap(Effect.all([now, Ref.get(audibleUntil)]), ([at, until]) =>
        Ref.update(waitingSince, (since) => since ?? Math.min(at, until)),
      )
      const stopWaiting = Effect.zipRight(silenceEnds, Ref.set(waitingSince, null))

      // The filler: whenever the caller has waited `fillerAfterMs` in silence, they hear it.
      const guard = Effect.gen(function* () {
        while (true) {
          const from = yield* quietFrom
          const at = yield* now
          if (from === null) yield* Effect.sleep('100 millis')
          else if (at - from >= settings.fillerAfterMs) yield* play(filler)
          else yield* Effect.sleep(from + settings.fillerAfterMs - at)
        }
      })
      yield* Effect.forkScoped(guard)

      // The caller's audio goes to whichever provider has the call; the end of the line is a hang-up.
      const current = yield* Ref.make<VoiceAgentSession | null>(null)
      const hungUp = yield* Deferred.make<void>()
      yield* Effect.forkScoped(
        Effect.gen(function* () {
          while (true) {
            const heard = yield* line.listen
            if (heard._tag === 'Ended') return yield* Deferred.succeed(hungUp, undefined)
            const session = yield* Ref.get(current)
            if (session) yield* session.sendAudio(heard.payload)
          }
        }),
      )

      const transcript = yield* Ref.make<ReadonlyArray<SessionTurn>>([])
      const failures: Array<{ provider: string; reason: FailureReason }> = []
      const saveAttempt = (attempt: ProviderAttempt) => write(store.saveAttempt(session.id, attempt))

      /** One provider's turn: speak within the first-response window, then talk until an ending or a failure. */
      const attempt = (provider: VoiceAgentProviderService | undefined, name: string, position: number) =>
        Effect.gen(function* () {
          const startedAt = new Date(yield* now)
          let record: ProviderAttempt = {
            position,
            provider: name,
            startedAt,
            firstAudioAt: null,
            endedAt: null,
            failure: null,
          }
          yield* saveAttempt(record)
          const spoke = yield* Deferred.make<void>()
          const onEvent = (event: VoiceAgentEvent): Effect.Effect<Option.Option<Ending>, unknown> => {
            switch (event._tag) {
              case 'Audio':
                return Effect.gen(function* () {
                  if (record.firstAudioAt === null) {
                    record = { ...record, firstAudioAt: new Date(yield* now) }
                    yield* stopWaiting
                    yield* line.clear
                    yield* Deferred.succeed(spoke, undefined)
                    yield* saveAttempt(record)
                  }
                  yield* play(event.payload)
                  return Option.none()
                })
              case 'Transcript':
                return Effect.gen(function* () {
                  const said = yield* Ref.get(transcript)
                  const turn: SessionTurn = {
                    position: said.length,
                    speaker: event.speaker,
                    atMs: (yield* now) - start,
                    text: event.text,
                    provider: name,
                  }
                  yield* Ref.set(transcript, [...said, turn])
                  yield* write(store.addTurns(session.id, [turn]))
                  return Option.none()
                })
              case 'Interrupted':
                return Effect.as(line.clear, Option.none())
              case 'Intent':
                return Effect.succeed(
                  Option.some<Ending>(
                    event.intent === 'human-requested'
                      ? { _tag: 'HumanRequested', detail: event.detail }
                      : { _tag: 'Done' },
                  ),
                )
            }
          }
          const talk = Effect.gen(function* () {
            if (!provider) {
              return yield* new VoiceAgentFailure({
                provider: name,
                reason: 'ConnectFailed',
                message: `${name} is not among the providers this dialler was given`,
              })
            }
            const said = yield* Ref.get(transcript)
            const conversation = yield* provider.open({
              callId: request.callId,
              instructions: agent.instructions,
              context: request.context,
              transcript: said.map(({ speaker, text }) => ({ speaker, text })),
            })
            yield* Ref.set(current, conversation)
            let ending: Ending = { _tag: 'Done' }
            yield* Stream.runForEachWhile(conversation.events, (event) =>
              Effect.map(onEvent(event), (found) => {
                if (Option.isSome(found)) ending = found.value
                return Option.isNone(found)
              }),
            )
            return ending
          })
          const watchdog = Effect.zipRight(
            Effect.sleep(settings.firstResponseMs),
            Effect.flatMap(Deferred.isDone(spoke), (done) =>
              done
                ? Effect.never
                : Effect.fail(
                    new VoiceAgentFailure({
                      provider: name,
                      reason: 'NoFirstResponse',
                      message: `${name} did not speak within ${settings.firstResponseMs} ms`,
                    }),
                  ),
            ),
          )
          const hangUp = Effect.as(Deferred.await(hungUp), { _tag: 'HungUp' } as Ending)
          const result = yield* Effect.scoped(
            Effect.raceFirst(talk, Effect.raceFirst(watchdog, hangUp)),
          ).pipe(
            // Anything else a provider throws (a defect in its adapter) is a malformed answer, not a crash.
            Effect.catchAllDefect((defect) =>
              Effect.fail(
                new VoiceAgentFailure({
                  provider: name,
                  reason: 'MalformedMessage',
                  message: String(defect),
                  cause: defect,
                }),
              ),
            ),
            Effect.either,
          )
          yield* Ref.set(current, null)
          const endedAt = new Date(yield* now)
          const failure =
            result._tag === 'Left'
              ? result.left instanceof VoiceAgentFailure
                ? result.left
                : new VoiceAgentFailure({
                    provider: name,
                    reason: 'MalformedMessage',
                    message: String(result.left),
                  })
              : null
          record = {
            ...record,
            endedAt,
            failure: failure ? { reason: failure.reason, message: failure.message } : null,
          }
          yield* saveAttempt(record)
          if (failure) {
            failures.push({ provider: name, reason: failure.reason })
            yield* startWaiting
            yield* publish<VoiceAiEvent>({
              _tag: 'VoiceAiProviderFailed',
              sessionId: session.id,
              callId: request.callId,
              provider: name,
              reason: failure.reason,
              at: endedAt,
            })
            return Option.none<Ending>()
          }
          return Either.isRight(result) ? Option.some(result.right) : Option.none<Ending>()
        })

      let ending: Ending | null = null
      for (const [position, name] of agent.providers.entries()) {
        const found = yield* attempt(
          providers.find((provider) => provider.name === name),
          name,
          position,
        )
        if (Option.isSome(found)) {
          ending = found.value
          break
        }
        if (yield* Deferred.isDone(hungUp)) {
          ending = { _tag: 'HungUp' }
          break
        }
      }

      let status: 'completed' | 'handed-off' | 'handoff-failed' = 'completed'
      let handoff: VoiceAiSession['handoff'] = null
      const reason: HandoffReason | null =
        ending === null ? 'providers-failed' : ending._tag === 'HumanRequested' ? 'caller-asked' : null
      if (reason) {
        yield* startWaiting
        const said = yield* Ref.get(transcript)
        const summary = handoffSummary({
          reason,
          detail: ending?._tag === 'HumanRequested' ? ending.detail : '',
          context: request.context,
          failures,
          transcript: said,
        })
        const queued = yield* handOver({
          callId: request.callId,
          providerCallId: request.providerCallId,
          queueId: agent.handoffQueueId,
          direction: request.direction,
          reason,
          summary,
          sessionId: session.id,
        }).pipe(
          Effect.timeoutTo({
            duration: settings.handoffTimeoutMs,
            onTimeout: (): HandoffResult => ({
              taken: false,
              reason: `the queue did not take the call within ${settings.handoffTimeoutMs} ms`,
            }),
            onSuccess: (result) => result,
          }),
        )
        yield* stopWaiting
        status = queued.taken ? 'handed-off' : 'handoff-failed'
        handoff = {
          queueId: agent.handoffQueueId,
          reason,
          summary,
          at: new Date(yield* now),
          failure: queued.taken ? null : queued.reason,
        }
      } else {
        yield* stopWaiting
      }
      const endedAt = new Date(yield* now)
      const ended = yield* write(
        store.endSession(session.id, {
          status,
          handoff,
          longestSilenceMs: yield* Ref.get(longestSilence),
          endedAt,
        }),
      )
      yield* publish<VoiceAiEvent>({
        _tag: 'VoiceAiSessionEnded',
        sessionId: session.id,
        callId: request.callId,
        status,
        handoffReason: reason,
        at: endedAt,
      })
      return Option.getOrElse(ended, () => ({ ...session, status }) as VoiceAiSession)
    }),
  )

/**
 * An AI agent takes a call on a live audio line (`conductCall`), handing it to the agent's human
 * queue through routing when it must. For the engine, an IVR step or an SDK caller.
 */
export const takeCall = (input: TakeCallRequest, line: CallAudioLine) =>
  conductCall(input, line, handOverToQueue)
