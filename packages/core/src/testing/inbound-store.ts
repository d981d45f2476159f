import { Effect, Option } from 'effect'
import { describe, expect, it } from 'vitest'
import type { FlowDefinition, FlowDraft } from '../inbound/flow.js'
import type { InboundCall, InboundStoreService } from '../inbound/inbound-store.js'
import type { NewVoicemail, VoicemailBox } from '../inbound/voicemail.js'
import type { AgentId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import { withFixture } from './suite.js'

/** Reads what the store really wrote, bypassing the adapter under test. */
export interface InboundStoreInspector {
  readonly voicemailCount: () => Promise<number>
  /** How many versions of the flow are kept. */
  readonly versionCount: (flowId: string) => Promise<number>
}

export interface InboundStoreFixture {
  readonly store: InboundStoreService
  readonly inspect: InboundStoreInspector
  readonly reset: () => Promise<void>
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 10, minute))
const sessionId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const agent = '00000000-0000-4000-8000-0000000000aa' as AgentId
const line = '+447700900001' as E164
const caller = '+447700900123' as E164

const sayThenHangUp = (text: string): FlowDefinition => ({
  start: 'hello',
  steps: [
    { _tag: 'say', id: 'hello', text, next: 'bye' },
    { _tag: 'hang-up', id: 'bye' },
  ],
})
const draft = (id: string, text: string, numbers: ReadonlyArray<E164> = [line]): FlowDraft => ({
  id,
  name: `Flow ${id}`,
  numbers,
  definition: sayThenHangUp(text),
})
const box = (id: string, retentionDays = 30): VoicemailBox => ({
  id,
  name: `Box ${id}`,
  owner: { _tag: 'queue', queueId: 'claims' },
  greeting: { say: 'Leave a message after the tone.' },
  maxLengthSeconds: 120,
  retentionDays,
})
const message = (n: number, boxId: string, recordedAt: Date): NewVoicemail => ({
  boxId,
  sessionId: sessionId(n),
  from: caller,
  leadId: null,
  providerRecordingId: `RE-${n}`,
  durationSeconds: 12,
  recordedAt,
})

/**
 * The contract every inbound store meets. Call it once from the adapter's test file with a setup that
 * returns a fresh, migrated store on a real engine.
 */
export const describeInboundStoreConformance = (name: string, setup: () => Promise<InboundStoreFixture>) =>
  describe(`InboundStore conformance: ${name}`, () => {
    let fixture: InboundStoreFixture
    let store: InboundStoreService
    withFixture(setup, (opened) => {
      fixture = opened
      store = fixture.store
    })

    it('keeps a draft apart from its published versions, numbered 1, 2, ... and never changed', async () => {
      await run(store.saveFlow(draft('claims', 'first'), at(0)))
      const first = await run(store.publishFlow('claims', sayThenHangUp('first'), 'sup', at(1)))
      await run(store.saveFlow(draft('claims', 'second'), at(2)))
      const second = await run(store.publishFlow('claims', sayThenHangUp('second'), null, at(3)))
      expect(Option.getOrThrow(first).version).toBe(1)
      expect(Option.getOrThrow(second).version).toBe(2)
      const v1 = Option.getOrThrow(await run(store.flowVersion('claims', 1)))
      expect(v1.definition).toEqual(sayThenHangUp('first'))
      expect(v1.publishedBy).toBe('sup')
      const flow = Option.getOrThrow(await run(store.findFlow('claims')))
      expect(flow.publishedVersion).toBe(2)
      expect(flow.definition).toEqual(sayThenHangUp('second'))
      expect(await fixture.inspect.versionCount('claims')).toBe(2)
      expect(Option.isNone(await run(store.publishFlow('nobody', sayThenHangUp('x'), null, at(4))))).toBe(
        true,
      )
    })

    it('answers a number with the published version only', async () => {
      await run(store.saveFlow(draft('claims', 'draft only'), at(0)))
      expect(Option.isNone(await run(store.flowForNumber(line)))).toBe(true)
      await run(store.publishFlow('claims', sayThenHangUp('live'), null, at(1)))
      await run(store.saveFlow(draft('claims', 'newer draft'), at(2)))
      const found = Option.getOrThrow(await run(store.flowForNumber(line)))
      expect(found.flow.id).toBe('claims')
      expect(found.version.definition).toEqual(sayThenHangUp('live'))
      expect(Option.isNone(await run(store.flowForNumber('+447700900999' as E164)))).toBe(true)
    })

    it('records an inbound call once and logs its steps in order across webhooks', async () => {
      await run(store.saveFlow(draft('claims', 'hi'), at(0)))
      await run(store.publishFlow('claims', sayThenHangUp('hi'), null, at(0)))
      const call: InboundCall = {
        sessionId: sessionId(1),
        flowId: 'claims',
        flowVersion: 1,
        from: caller,
        to: line,
        leadId: null,
        preferredAgentId: agent,
        startedAt: at(1),
      }
      await run(store.startCall(call))
      await run(store.startCall({ ...call, preferredAgentId: null }))
      expect(Option.getOrThrow(await run(store.findCall(sessionId(1))))).toEqual(call)
      await run(store.logSteps(sessionId(1), [{ stepId: 'hello', kind: 'say', detail: 'said "hi"' }], at(1)))
      await run(
        store.logSteps(
          sessionId(1),
          [
            { stepId: 'menu', kind: 'menu', detail: 'pressed 1' },
            { stepId: 'bye', kind: 'hang-up', detail: 'hung up' },
          ],
          at(2),
        ),
      )
      const steps = await run(store.callSteps(sessionId(1)))
      expect(steps.map((s) => [s.position, s.stepId])).toEqual([
        [1, 'hello'],
        [2, 'menu'],
        [3, 'bye'],
      ])
      expect(await run(store.callSteps(sessionId(2)))).toEqual([])
      expect(Option.isNone(await run(store.findCall('not-a-uuid')))).toBe(true)
    })

    it('keeps a voicemail once per recording, newest first, heard and linked to a callback once', async () => {
      await run(store.saveBox(box('claims-box')))
      expect((await run(store.listBoxes())).map((b) => b.id)).toEqual(['claims-box'])
      const first = await run(store.addVoicemail(message(1, 'claims-box', at(1))))
      const again = await run(store.addVoicemail(message(1, 'claims-box', at(5))))
      expect(first.created).toBe(true)
      expect(again).toEqual({ message: first.message, created: false })
      await run(store.addVoicemail(message(2, 'claims-box', at(2))))
      expect(await fixture.inspect.voicemailCount()).toBe(2)
      expect((await run(store.listVoicemails({ limit: 10 }))).map((m) => m.providerRecordingId)).toEqual([
        'RE-2',
        'RE-1',
      ])
      const heard = Option.getOrThrow(await run(store.markHeard(first.message.id, agent, at(10))))
      expect(heard.heardAt).toEqual(at(10))
      const heardAgain = Option.getOrThrow(await run(store.markHeard(first.message.id, agent, at(20))))
      expect(heardAgain.heardAt).toEqual(at(10))
      expect(
        (await run(store.listVoicemails({ unheard: true, limit: 10 }))).map((m) => m.providerRecordingId),
      ).toEqual(['RE-2'])
      const callbackA = '00000000-0000-4000-8000-00000000000a'
      const callbackB = '00000000-0000-4000-8000-00000000000b'
      expect(Option.getOrThrow(await run(store.linkCallback(first.message.id, callbackA))).callbackId).toBe(
        callbackA,
      )
      expect(Option.getOrThrow(await run(store.linkCallback(first.message.id, callbackB))).callbackId).toBe(
        callbackA,
      )
      expect(Option.isNone(await run(store.markHeard(sessionId(99), agent, at(1))))).toBe(true)
    })

    it("deletes only messages older than their own box's retention", async () => {
      await run(store.saveBox(box('short', 1)))
      await run(store.saveBox(box('long', 30)))
      const now = new Date(Date.UTC(2026, 10, 26, 12))
      const daysAgo = (days: number) => new Date(+now - days * 86_400_000)
      await run(store.addVoicemail(message(1, 'short', daysAgo(2))))
      await run(store.addVoicemail(message(2, 'short', daysAgo(0.5))))
      await run(store.addVoicemail(message(3, 'long', daysAgo(2))))
      await run(store.addVoicemail(message(4, 'long', daysAgo(31))))
      const deleted = await run(store.deleteExpiredVoicemails(now))
      expect(deleted.map((m) => m.providerRecordingId).sort()).toEqual(['RE-1', 'RE-4'])
      expect(await fixture.inspect.voicemailCount()).toBe(2)
    })
  })
