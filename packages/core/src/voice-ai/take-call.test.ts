import { Effect, Layer, Schema, Stream } from 'effect'
import { describe, expect, it } from 'vitest'
import { RoutingQueueInput } from '../routing/queue.js'
import { RoutingStore } from '../routing/routing-store.js'
import { inMemoryRoutingStore } from '../routing/routing-store-memory.js'
import type { CallAudioLine } from './call-audio.js'
import { inMemoryVoiceAiStore } from './memory-store.js'
import { type VoiceAgentProviderService, VoiceAgentProviders } from './provider.js'
import { handoffSummary } from './summary.js'
import { takeCall } from './take-call.js'
import type { VoiceAgent } from './voice-agent.js'
import { VoiceAiConfig } from './voice-ai-config.js'
import { VoiceAiStore } from './voice-ai-store.js'

/** A provider that says one line and asks for a person: the caller wants someone. */
const asksForPerson: VoiceAgentProviderService = {
  name: 'polite',
  open: () =>
    Effect.succeed({
      events: Stream.make(
        { _tag: 'Audio', payload: 'AAAA' } as const,
        { _tag: 'Transcript', speaker: 'caller', text: 'Put me through to someone, please.' } as const,
        { _tag: 'Intent', intent: 'human-requested', detail: 'asked for someone' } as const,
      ),
      sendAudio: () => Effect.void,
    }),
}
const line: CallAudioLine = { listen: Effect.never, play: () => Effect.void, clear: Effect.void }
const agent = (handoffQueueId: string) =>
  ({
    id: 'claims-ai',
    name: 'Claims assistant',
    instructions: 'Talk about refunds.',
    providers: ['polite'],
    handoffQueueId,
  }) as unknown as VoiceAgent

const world = async (handoffQueueId = 'people') => {
  const store = inMemoryVoiceAiStore()
  const routing = inMemoryRoutingStore()
  await Effect.runPromise(store.saveAgent(agent(handoffQueueId), new Date()))
  await Effect.runPromise(
    routing.saveQueue({
      ...Schema.decodeUnknownSync(RoutingQueueInput)({ id: 'people', name: 'People' }),
      version: 1,
    }),
  )
  const services = Layer.mergeAll(
    Layer.succeed(VoiceAiStore, store),
    Layer.succeed(VoiceAgentProviders, [asksForPerson]),
    Layer.succeed(RoutingStore, routing),
    VoiceAiConfig.layer(),
  )
  const run = (request: unknown, withLine: unknown = line) =>
    Effect.runPromise(
      Effect.either(takeCall(request as never, withLine as CallAudioLine)).pipe(Effect.provide(services)),
    )
  return { store, routing, run }
}
const request = { callId: 'call-1', providerCallId: 'CA1', agentId: 'claims-ai', direction: 'inbound' }

describe('takeCall', () => {
  it('hands the call to the queue with the summary when the caller asks for a person', async () => {
    const { run, routing } = await world()
    const result = await run(request)
    expect(result._tag).toBe('Right')
    if (result._tag === 'Right') {
      expect(result.right.status).toBe('handed-off')
      expect(result.right.handoff?.summary).toContain('Caller: Put me through to someone, please.')
    }
    const [contact] = await Effect.runPromise(
      routing.contacts({ since: new Date(0), until: new Date(8.64e15) }),
    )
    expect(contact).toMatchObject({
      callId: 'call-1',
      queueId: 'people',
      attributes: { aiHandoffReason: 'caller-asked' },
    })
  })

  it('records a refused handoff (no such queue) rather than failing the call', async () => {
    const { run } = await world('nowhere')
    const result = await run(request)
    expect(result._tag === 'Right' && result.right).toMatchObject({
      status: 'handoff-failed',
      handoff: { queueId: 'nowhere', failure: expect.stringContaining('nowhere') },
    })
  })

  it.each([
    ['an agent id out of shape', { ...request, agentId: 'Claims AI' }, 'InvalidVoiceAiRequest'],
    ['no call id', { ...request, callId: ' ' }, 'InvalidVoiceAiRequest'],
    ['a direction that is neither way', { ...request, direction: 'sideways' }, 'InvalidVoiceAiRequest'],
    ['an agent that does not exist', { ...request, agentId: 'nobody' }, 'VoiceAgentNotFound'],
  ])('refuses %s, opening no session', async (_what, wrong, tag) => {
    const { run, store } = await world()
    const result = await run(wrong)
    expect(result._tag === 'Left' && result.left._tag).toBe(tag)
    expect(await Effect.runPromise(store.recentSessions(10))).toEqual([])
  })

  it('refuses a line that is not a call audio line, opening no session', async () => {
    const { run, store } = await world()
    const result = await run(request, { listen: 'soon', play: 1 })
    expect(result._tag === 'Left' && result.left).toMatchObject({
      _tag: 'InvalidVoiceAiRequest',
      field: 'line',
    })
    expect(await Effect.runPromise(store.recentSessions(10))).toEqual([])
  })
})

describe('handoffSummary', () => {
  it('says why, which providers failed, what the call is about and the latest lines', () => {
    const transcript = Array.from({ length: 14 }, (_, i) => ({
      speaker: i % 2 === 0 ? ('agent' as const) : ('caller' as const),
      text: `line ${i + 1}`,
    }))
    const summary = handoffSummary({
      reason: 'providers-failed',
      detail: '',
      context: 'Claim 123.',
      failures: [
        { provider: 'openai-realtime', reason: 'NoFirstResponse' },
        { provider: 'simulator', reason: 'Disconnected' },
      ],
      transcript,
    })
    expect(summary.split('\n').slice(0, 4)).toEqual([
      'The AI agent could not continue the call.',
      'AI providers: openai-realtime did not answer in time; simulator disconnected.',
      'About the call: Claim 123.',
      'Said so far (last 12 of 14 lines):',
    ])
    expect(summary).not.toContain('line 2\n')
    expect(summary.endsWith('Caller: line 14')).toBe(true)
  })
})
