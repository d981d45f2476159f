import { Effect, Option } from 'effect'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ProviderAttempt, SessionTurn, VoiceAiSessionId } from '../voice-ai/session.js'
import type { VoiceAgent } from '../voice-ai/voice-agent.js'
import type { NewVoiceAiSession, VoiceAiStoreService } from '../voice-ai/voice-ai-store.js'
import { withFixture } from './suite.js'

/** Reads what the store really wrote, bypassing the adapter under test (raw queries). */
export interface VoiceAiStoreInspector {
  readonly sessionCount: () => Promise<number>
  /** Turns stored for a session, as raw rows say. */
  readonly turnCount: (sessionId: string) => Promise<number>
}

export interface VoiceAiStoreFixture {
  readonly store: VoiceAiStoreService
  /** Absent for an in-memory store (there is nothing under it to read). */
  readonly inspect?: VoiceAiStoreInspector
  readonly reset: () => Promise<void>
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const at = (second: number) => new Date(Date.UTC(2026, 10, 20, 10, 0, second))

const claimsAgent = (extra: Partial<VoiceAgent> = {}) =>
  ({
    id: 'claims-ai',
    name: 'Claims assistant',
    instructions: 'You call claimants about their refund.',
    providers: ['openai-realtime', 'simulator'],
    handoffQueueId: 'people',
    ...extra,
  }) as VoiceAgent

const newSession = (n: number, extra: Partial<NewVoiceAiSession> = {}): NewVoiceAiSession => ({
  callId: `call-${n}`,
  providerCallId: `CA${n}`,
  agentId: claimsAgent().id,
  campaignId: null,
  ...extra,
})

const attempt = (position: number, extra: Partial<ProviderAttempt> = {}): ProviderAttempt => ({
  position,
  provider: position === 0 ? 'openai-realtime' : 'simulator',
  startedAt: at(position),
  firstAudioAt: null,
  endedAt: null,
  failure: null,
  ...extra,
})

const turn = (position: number, text: string): SessionTurn => ({
  position,
  speaker: position % 2 === 0 ? 'agent' : 'caller',
  atMs: 500 + position * 1000,
  text,
  provider: 'simulator',
})

/**
 * The contract every voice AI store meets. Call it once from the adapter's test file with a setup
 * that returns a fresh, migrated store on a real engine.
 */
export const describeVoiceAiStoreConformance = (name: string, setup: () => Promise<VoiceAiStoreFixture>) =>
  describe(`VoiceAiStore conformance: ${name}`, () => {
    let fixture: VoiceAiStoreFixture
    let store: VoiceAiStoreService
    const open = (n: number, now = at(0), extra: Partial<NewVoiceAiSession> = {}) =>
      run(store.openSession(newSession(n, extra), now))

    withFixture(setup, (opened) => {
      fixture = opened
    })
    beforeEach(() => {
      store = fixture.store
    })

    it('keeps an AI agent, replaces it on save and lists agents by name', async () => {
      await run(store.saveAgent(claimsAgent(), at(0)))
      await run(
        store.saveAgent(claimsAgent({ id: 'arrears-ai' as VoiceAgent['id'], name: 'Arrears' }), at(0)),
      )
      const changed = claimsAgent({ instructions: 'Be brief.', providers: ['simulator'] })
      await run(store.saveAgent(changed, at(1)))
      expect(Option.getOrNull(await run(store.findAgent(changed.id)))).toEqual(changed)
      expect((await run(store.listAgents())).map((a) => a.name)).toEqual(['Arrears', 'Claims assistant'])
      expect(Option.isNone(await run(store.findAgent('nobody' as VoiceAgent['id'])))).toBe(true)
    })

    it('opens a session active, with nothing recorded yet', async () => {
      const session = await open(1, at(0), { campaignId: 'refunds' })
      expect(session).toMatchObject({
        callId: 'call-1',
        providerCallId: 'CA1',
        agentId: 'claims-ai',
        campaignId: 'refunds',
        status: 'active',
        attempts: [],
        turns: [],
        handoff: null,
        longestSilenceMs: 0,
        endedAt: null,
      })
      expect(session.startedAt).toEqual(at(0))
      expect(Option.getOrNull(await run(store.findSession(session.id)))?.id).toBe(session.id)
      if (fixture.inspect) expect(await fixture.inspect.sessionCount()).toBe(1)
    })

    it('records attempts by position, updating one as it goes, with the failure reason', async () => {
      const session = await open(1)
      await run(store.saveAttempt(session.id, attempt(0)))
      await run(
        store.saveAttempt(
          session.id,
          attempt(0, {
            endedAt: at(2),
            failure: { reason: 'NoFirstResponse', message: 'silent for 1500 ms' },
          }),
        ),
      )
      await run(store.saveAttempt(session.id, attempt(1, { firstAudioAt: at(3) })))
      const found = Option.getOrThrow(await run(store.findSession(session.id)))
      expect(found.attempts).toEqual([
        attempt(0, { endedAt: at(2), failure: { reason: 'NoFirstResponse', message: 'silent for 1500 ms' } }),
        attempt(1, { firstAudioAt: at(3) }),
      ])
    })

    it('keeps turns in order and a turn written twice once', async () => {
      const session = await open(1)
      await run(store.addTurns(session.id, [turn(0, 'Hello, this is the claims team.'), turn(1, 'Yes?')]))
      await run(store.addTurns(session.id, [turn(1, 'Yes? (again)'), turn(2, 'Your refund is on its way.')]))
      const found = Option.getOrThrow(await run(store.findSession(session.id)))
      expect(found.turns).toEqual([
        turn(0, 'Hello, this is the claims team.'),
        turn(1, 'Yes?'),
        turn(2, 'Your refund is on its way.'),
      ])
      if (fixture.inspect) expect(await fixture.inspect.turnCount(session.id)).toBe(3)
    })

    it('ends a session once, with its handoff and the longest silence', async () => {
      const session = await open(1)
      const handoff = {
        queueId: 'people',
        reason: 'caller-asked' as const,
        summary: 'The caller asked for a person.\nCaller: Can I speak to someone?',
        at: at(9),
        failure: null,
      }
      const ended = await run(
        store.endSession(session.id, {
          status: 'handed-off',
          handoff,
          longestSilenceMs: 1500,
          endedAt: at(9),
        }),
      )
      expect(Option.getOrNull(ended)).toMatchObject({
        status: 'handed-off',
        handoff,
        longestSilenceMs: 1500,
        endedAt: at(9),
      })
      const again = await run(
        store.endSession(session.id, {
          status: 'completed',
          handoff: null,
          longestSilenceMs: 0,
          endedAt: at(20),
        }),
      )
      expect(Option.isNone(again)).toBe(true)
      expect(Option.getOrThrow(await run(store.findSession(session.id)))).toMatchObject({
        status: 'handed-off',
        endedAt: at(9),
      })
    })

    it("finds a call's sessions by our call id or the provider's, oldest first", async () => {
      const second = await open(1, at(5))
      const first = await open(1, at(1))
      await open(2, at(2))
      await run(store.addTurns(first.id, [turn(0, 'Hello.')]))
      const byCall = await run(store.sessionsOfCall({ callId: 'call-1' }))
      expect(byCall.map((s) => s.id)).toEqual([first.id, second.id])
      expect(byCall[0]?.turns).toEqual([turn(0, 'Hello.')])
      expect((await run(store.sessionsOfCall({ providerCallId: 'CA2' }))).map((s) => s.callId)).toEqual([
        'call-2',
      ])
      expect(await run(store.sessionsOfCall({}))).toEqual([])
      const recent = await run(store.recentSessions(2))
      expect(recent.map((s) => s.id)).toEqual([
        second.id,
        (await run(store.sessionsOfCall({ callId: 'call-2' })))[0]?.id,
      ])
    })

    it('answers None for a session it does not have', async () => {
      const missing = '00000000-0000-4000-8000-000000000000' as VoiceAiSessionId
      expect(Option.isNone(await run(store.findSession(missing)))).toBe(true)
    })
  })
