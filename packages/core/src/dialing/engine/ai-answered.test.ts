import { describe, expect, it } from '@effect/vitest'
import { Effect, Layer, Option, Schema, Stream, TestClock } from 'effect'
import { AgentStore, type AgentStoreService } from '../../agents/agent-store.js'
import { agentStatesOver } from '../../agents/agent-store.test.support.js'
import type { CallSession } from '../../calls/call-session.js'
import { CallStore } from '../../calls/call-store.js'
import type { AnsweredCall } from '../../compliance/abandon-ledger.js'
import type { AgentId } from '../../kernel/ids.js'
import { QueueStore, type QueueStoreService } from '../../queues/queue-store.js'
import { RoutingQueueInput } from '../../routing/queue.js'
import { RoutingStore } from '../../routing/routing-store.js'
import { inMemoryRoutingStore } from '../../routing/routing-store-memory.js'
import { Telephony, type TelephonyService } from '../../telephony/telephony.js'
import { AiCallLines, type AiCallRoute, AiLineFailed } from '../../voice-ai/ai-call-lines.js'
import { openAiCallTicket, TICKET_TTL_MS } from '../../voice-ai/ai-call-ticket.js'
import type { CallAudioLine } from '../../voice-ai/call-audio.js'
import { inMemoryVoiceAiStore } from '../../voice-ai/memory-store.js'
import {
  type VoiceAgentEvent,
  type VoiceAgentProviderService,
  VoiceAgentProviders,
} from '../../voice-ai/provider.js'
import type { VoiceAgent } from '../../voice-ai/voice-agent.js'
import { VoiceAiConfig } from '../../voice-ai/voice-ai-config.js'
import { VoiceAiStore } from '../../voice-ai/voice-ai-store.js'
import { acceptAiStream, aiAnsweredReason } from './ai-answered.js'
import { connectAnswered } from './answered.js'
import {
  agentStatesFrom,
  answeredSession,
  ledgerInto,
  sessionsCallStore,
  testCampaign,
} from './engine.test.support.js'
import { enginePacersLayer } from './pacers.js'

// The engine's answered step with a campaign that names an AI agent: the call goes to the AI agent
// (not to the free person), and the agent hands it to its human queue by decision 0033's rules: the
// caller asks for a person, or every provider fails (none speaks within 1.5 s). On a virtual clock.

const ann = 'a0000000-0000-4000-8000-000000000001' as AgentId
const secret = 'a-stream-secret-of-at-least-32-characters'

/** A provider that speaks at once, says its lines, then asks for a person or ends the conversation. */
const scripted = (ending: 'human-requested' | 'conversation-done'): VoiceAgentProviderService => ({
  name: 'scripted',
  open: () =>
    Effect.succeed({
      events: Stream.fromIterable<VoiceAgentEvent>([
        { _tag: 'Audio', payload: 'AAAA' },
        { _tag: 'Transcript', speaker: 'agent', text: 'Hello, this is the renewals team.' },
        { _tag: 'Transcript', speaker: 'caller', text: 'Can I speak to a person?' },
        {
          _tag: 'Intent',
          intent: ending,
          detail: ending === 'human-requested' ? 'the caller asked for a person' : '',
        },
      ]).pipe(Stream.tap(() => Effect.sleep('200 millis'))),
      sendAudio: () => Effect.void,
    }),
})
/** A provider that connects and never says a word. */
const silent: VoiceAgentProviderService = {
  name: 'silent',
  open: () => Effect.succeed({ events: Stream.never, sendAudio: () => Effect.void }),
}

const aiAgent = (providers: ReadonlyArray<string>) =>
  ({
    id: 'renewals-ai',
    name: 'Renewals assistant',
    instructions: 'Talk about the renewal.',
    providers,
    handoffQueueId: 'people',
  }) as unknown as VoiceAgent

const world = (options: {
  readonly providers: ReadonlyArray<VoiceAgentProviderService>
  readonly lines?: 'at-hand' | 'later' | 'refused' | 'none'
  readonly dialMode?: 'progressive' | 'predictive'
}) => {
  const states = agentStatesFrom({ [ann]: 'available' })
  const sessions = new Map<string, CallSession>()
  const connected: Array<{ callId: string; agent: string }> = []
  const played: string[] = []
  const ended: string[] = []
  const holding: string[] = []
  const finished: string[] = []
  const routes: AiCallRoute[] = []
  const ledger: AnsweredCall[] = []
  const callStore = sessionsCallStore(sessions)
  const queueStore = {
    handEntryTo: () => Effect.succeed(true),
    finishEngineEntry: (entryId) =>
      Effect.sync(() => {
        finished.push(entryId)
        return true
      }),
  } as Pick<QueueStoreService, 'handEntryTo' | 'finishEngineEntry'> as QueueStoreService
  const telephony = {
    connectToAgent: (callId, agent) => Effect.sync(() => void connected.push({ callId, agent })),
    playMessageAndHangUp: (callId) => Effect.sync(() => void played.push(callId)),
    waitForAgent: (callId) => Effect.sync(() => void holding.push(callId)),
    endCall: (callId) =>
      Effect.sync(() => {
        ended.push(callId)
        return true
      }),
  } as Pick<
    TelephonyService,
    'connectToAgent' | 'playMessageAndHangUp' | 'endCall' | 'waitForAgent'
  > as TelephonyService
  const line: CallAudioLine = { listen: Effect.never, play: () => Effect.void, clear: Effect.void }
  const voiceAi = inMemoryVoiceAiStore()
  const routing = inMemoryRoutingStore()
  const mode = options.lines ?? 'at-hand'
  const layer = Layer.mergeAll(
    Layer.succeed(AgentStore, agentStatesOver(states) as AgentStoreService),
    Layer.succeed(CallStore, callStore),
    Layer.succeed(QueueStore, queueStore),
    Layer.succeed(Telephony, telephony),
    ledgerInto(ledger),
    enginePacersLayer(),
    Layer.succeed(VoiceAiStore, voiceAi),
    Layer.succeed(RoutingStore, routing),
    Layer.succeed(VoiceAgentProviders, options.providers),
    VoiceAiConfig.layer({ streamSecret: secret }),
    mode === 'none'
      ? Layer.empty
      : Layer.succeed(AiCallLines, {
          connect: (route) =>
            mode === 'refused'
              ? Effect.fail(new AiLineFailed({ providerCallId: route.request.providerCallId, message: 'no' }))
              : Effect.sync(() => {
                  routes.push(route)
                  return mode === 'at-hand' ? Option.some(line) : Option.none()
                }),
        }),
  )
  const campaign = testCampaign({
    voiceAgentId: 'renewals-ai',
    dialMode: options.dialMode ?? 'progressive',
  })
  const setUp = Effect.gen(function* () {
    yield* voiceAi.saveAgent(aiAgent(options.providers.map((p) => p.name)), new Date(0))
    yield* routing.saveQueue({
      ...Schema.decodeUnknownSync(RoutingQueueInput)({ id: 'people', name: 'People' }),
      version: 1,
    })
  })
  const answered = (id: string) => {
    const session = answeredSession(id)
    sessions.set(id, session)
    return connectAnswered({ campaign, agents: [ann] }, session, `CA-${id}`)
  }
  const contacts = routing.contacts({ since: new Date(0), until: new Date(8.64e15) })
  return {
    sessions,
    connected,
    played,
    ended,
    holding,
    finished,
    routes,
    ledger,
    layer,
    setUp,
    answered,
    voiceAi,
    contacts,
    line,
  }
}

describe('the engine gives a campaign AI agent its answered calls', () => {
  for (const dialMode of ['progressive', 'predictive'] as const) {
    it.effect(
      `${dialMode}: the AI agent takes the call, and hands it to the human queue when the caller asks`,
      () => {
        const w = world({ providers: [scripted('human-requested')], dialMode })
        return Effect.gen(function* () {
          yield* w.setUp
          expect(yield* w.answered('1')).toBe('ai-agent')
          // Not to the free person, and never counted abandoned.
          expect(w.connected).toEqual([])
          expect(w.sessions.get('1')?.endReason).toBe(aiAnsweredReason('renewals-ai'))
          expect(w.ledger.map((r) => r.outcome)).toEqual(['connected'])
          expect(w.routes[0]?.request).toMatchObject({
            callId: '1',
            providerCallId: 'CA-1',
            agentId: 'renewals-ai',
            campaignId: 'renewals',
            direction: 'outbound',
          })
          yield* TestClock.adjust('2 seconds')
          const [session] = yield* w.voiceAi.sessionsOfCall({ callId: '1' })
          expect(session).toMatchObject({ status: 'handed-off', campaignId: 'renewals' })
          expect(session?.turns.map((t) => t.text)).toEqual([
            'Hello, this is the renewals team.',
            'Can I speak to a person?',
          ])
          const [contact] = yield* w.contacts
          expect(contact).toMatchObject({
            callId: '1',
            providerCallId: 'CA-1',
            queueId: 'people',
            state: 'waiting',
            attributes: { aiHandoffReason: 'caller-asked' },
          })
          // The caller holds for a person; routing has the call: the engine neither hangs it up nor finishes it.
          expect(w.holding).toEqual(['CA-1'])
          expect(w.ended).toEqual([])
          expect(w.played).toEqual([])
          expect(w.finished).toEqual([])
        }).pipe(Effect.provide(w.layer))
      },
    )
  }

  it.effect('hands the call over within 3 s when no provider speaks (1.5 s watchdog)', () => {
    const w = world({ providers: [silent] })
    return Effect.gen(function* () {
      yield* w.setUp
      expect(yield* w.answered('1')).toBe('ai-agent')
      yield* TestClock.adjust('1499 millis')
      expect(yield* w.contacts).toEqual([])
      yield* TestClock.adjust('1 millis')
      const [contact] = yield* w.contacts
      expect(contact).toMatchObject({
        callId: '1',
        queueId: 'people',
        attributes: { aiHandoffReason: 'providers-failed' },
      })
      expect(+(contact?.enqueuedAt ?? 0)).toBeLessThanOrEqual(3000)
    }).pipe(Effect.provide(w.layer))
  })

  it.effect('hangs up and finishes the attempt when the AI agent ends the conversation', () => {
    const w = world({ providers: [scripted('conversation-done')] })
    return Effect.gen(function* () {
      yield* w.setUp
      expect(yield* w.answered('1')).toBe('ai-agent')
      yield* TestClock.adjust('2 seconds')
      const [session] = yield* w.voiceAi.sessionsOfCall({ callId: '1' })
      expect(session?.status).toBe('completed')
      expect(w.ended).toEqual(['CA-1'])
      expect(w.finished).toEqual(['entry-1'])
      expect(yield* w.contacts).toEqual([])
    }).pipe(Effect.provide(w.layer))
  })

  it.effect(
    'gives the call to a person when the AI agent cannot have it (the redirect failed, no lines)',
    () => {
      const refused = world({ providers: [silent], lines: 'refused' })
      const none = world({ providers: [silent], lines: 'none' })
      return Effect.gen(function* () {
        for (const w of [refused, none]) {
          yield* Effect.provide(
            Effect.gen(function* () {
              yield* w.setUp
              expect(yield* w.answered('1')).toBe('connected')
              expect(w.connected).toEqual([{ callId: 'CA-1', agent: ann }])
              expect(w.sessions.get('1')?.endReason).toBeNull()
              expect(yield* w.voiceAi.recentSessions(10)).toEqual([])
            }),
            w.layer,
          )
        }
      })
    },
  )
})

describe('a call whose audio comes later (a Media Stream) carries a signed ticket', () => {
  it.effect(
    'the stream with the ticket is accepted once; no ticket, a forged, expired or misplaced one is refused',
    () => {
      const w = world({ providers: [scripted('conversation-done')], lines: 'later' })
      return Effect.gen(function* () {
        yield* w.setUp
        expect(yield* w.answered('1')).toBe('ai-agent')
        const ticket = w.routes[0]?.ticket ?? ''
        expect(ticket).toMatch(/^[\w-]+\.[\w-]+$/)
        // Nothing runs until the stream comes.
        yield* TestClock.adjust('2 seconds')
        expect(yield* w.voiceAi.recentSessions(10)).toEqual([])

        const refused = (stream: { ticket: unknown; providerCallId: unknown }) =>
          Effect.map(Effect.flip(acceptAiStream(stream, w.line)), (e) => (e as { message: string }).message)
        expect(yield* refused({ ticket: undefined, providerCallId: 'CA-1' })).toMatch(/no ticket/)
        // Well shaped, but not base64url at all.
        expect(yield* refused({ ticket: 'a.b', providerCallId: 'CA-1' })).toMatch(/signature/)
        const [body, signature] = ticket.split('.') as [string, string]
        const forged = `${body.slice(0, -2)}${body.slice(-2) === 'AA' ? 'BB' : 'AA'}.${signature}`
        expect(yield* refused({ ticket: forged, providerCallId: 'CA-1' })).toMatch(/signature/)
        expect(yield* refused({ ticket, providerCallId: 'CA-2' })).toMatch(/another call/)
        expect(yield* w.voiceAi.recentSessions(10)).toEqual([])

        const accepted = yield* Effect.fork(acceptAiStream({ ticket, providerCallId: 'CA-1' }, w.line))
        // The ticket is checked with Web Crypto (a real promise): the virtual clock moves on in steps
        // once the session runs, until it ends.
        for (let step = 0; step < 400 && Option.isNone(yield* accepted.poll); step++) {
          yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 2)))
          yield* TestClock.adjust('100 millis')
        }
        yield* accepted.await
        expect((yield* w.voiceAi.sessionsOfCall({ callId: '1' })).map((s) => s.status)).toEqual(['completed'])
        expect(w.ended).toEqual(['CA-1'])
        // A second stream with the same ticket gets nothing.
        expect(yield* refused({ ticket, providerCallId: 'CA-1' })).toMatch(/already/)

        yield* TestClock.adjust(TICKET_TTL_MS)
        expect(yield* Effect.map(Effect.flip(openAiCallTicket(ticket, 'CA-1')), (e) => e.message)).toMatch(
          /expired/,
        )
      }).pipe(Effect.provide(w.layer))
    },
  )

  it('the ticket is signed with the stream secret: another secret does not open it', async () => {
    const w = world({ providers: [silent], lines: 'later' })
    await Effect.runPromise(
      Effect.gen(function* () {
        yield* w.setUp
        yield* w.answered('1')
      }).pipe(Effect.provide(w.layer)),
    )
    const ticket = w.routes[0]?.ticket
    const other = await Effect.runPromise(
      Effect.flip(openAiCallTicket(ticket, 'CA-1')).pipe(
        Effect.provide(VoiceAiConfig.layer({ streamSecret: 'another-secret-of-at-least-32-characters' })),
      ),
    )
    expect(other.message).toMatch(/signature/)
  })
})
