import { Effect, Either, Option } from 'effect'
import { describe, expect, it } from 'vitest'
import type { Campaign, CampaignInput } from '../campaigns/campaign.js'
import type { CampaignStoreService } from '../campaigns/campaign-store.js'
import type { AgentId } from '../kernel/ids.js'
import { storedCampaign } from './campaign-fixtures.js'
import { withFixture } from './suite.js'

/** Reads what the store really wrote, bypassing the adapter under test. */
export interface CampaignStoreInspector {
  readonly campaignCount: () => Promise<number>
  readonly memberCount: () => Promise<number>
}

export interface CampaignStoreFixture {
  readonly store: CampaignStoreService
  readonly inspect: CampaignStoreInspector
  readonly newAgent: (email: string) => Promise<AgentId>
  readonly reset: () => Promise<void>
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute))

/** A campaign as the programs hand it to the store (already checked), with every optional part set. */
const campaign = (fields: Partial<CampaignInput> = {}): Campaign =>
  storedCampaign({
    queues: ['unsigned', 'outstanding'],
    maxLinesPerAgent: 1.5,
    answeringMachine: 'leave-message',
    machineMessage: { play: 'https://media.example.com/machine.wav' },
    complianceProfiles: ['us-tcpa', 'us-reg-f'],
    wrapUpSeconds: null,
    ...fields,
  })

/**
 * The contract every campaign store meets. Call it once from the adapter's test file with a setup
 * that returns a fresh, migrated store on a real engine.
 */
export const describeCampaignStoreConformance = (name: string, setup: () => Promise<CampaignStoreFixture>) =>
  describe(`CampaignStore conformance: ${name}`, () => {
    let fixture: CampaignStoreFixture
    let store: CampaignStoreService

    withFixture(setup, (opened) => {
      fixture = opened
      store = fixture.store
    })

    it('keeps every field as given, fractions, lists in order, messages and nulls included', async () => {
      const given = campaign()
      expect(await run(store.create(given, at(0)))).toEqual(given)
      expect(Option.getOrNull(await run(store.find(given.id)))).toEqual(given)
      const plain = campaign({
        id: 'plain',
        answeringMachine: 'hang-up',
        machineMessage: undefined,
        wrapUpSeconds: 0,
      })
      const { machineMessage: _, ...withoutMessage } = plain
      expect(await run(store.create(withoutMessage, at(1)))).toEqual(withoutMessage)
      expect(Option.getOrNull(await run(store.find(plain.id)))).not.toHaveProperty('machineMessage')
      expect(Option.isNone(await run(store.find(campaign({ id: 'nope' }).id)))).toBe(true)
    })

    it('keeps the AI agent a campaign names, and none by default', async () => {
      const withAgent = campaign({ id: 'ai-calls', voiceAgentId: 'claims-ai' })
      expect(
        Option.getOrNull(
          await run(Effect.zipRight(store.create(withAgent, at(0)), store.find(withAgent.id))),
        ),
      ).toMatchObject({
        voiceAgentId: 'claims-ai',
      })
      const without = campaign({ id: 'people-calls' })
      expect(without.voiceAgentId).toBeNull()
      expect(
        Option.getOrNull(await run(Effect.zipRight(store.create(without, at(0)), store.find(without.id)))),
      ).toMatchObject({
        voiceAgentId: null,
      })
    })

    it('refuses a second campaign with a taken id, writing nothing', async () => {
      await run(store.create(campaign(), at(0)))
      const again = await Effect.runPromise(Effect.either(store.create(campaign({ name: 'Other' }), at(1))))
      expect(Either.isLeft(again) && again.left._tag).toBe('CampaignIdTaken')
      expect(Option.getOrNull(await run(store.find(campaign().id)))?.name).toBe('Renewals')
      expect(await fixture.inspect.campaignCount()).toBe(1)
    })

    it('lists campaigns by name, then id', async () => {
      await run(store.create(campaign({ id: 'b-one', name: 'Winter' }), at(0)))
      await run(store.create(campaign({ id: 'a-two', name: 'Autumn' }), at(1)))
      await run(store.create(campaign({ id: 'a-one', name: 'Winter' }), at(2)))
      expect((await run(store.list())).map((c) => c.id)).toEqual(['a-two', 'a-one', 'b-one'])
    })

    it('updates every field but the status, and removes a machine message', async () => {
      await run(store.create(campaign(), at(0)))
      await run(store.setStatus(campaign().id, 'paused', at(1)))
      const edited = campaign({
        name: 'Renewals (winter)',
        queues: ['callbacks'],
        dialMode: 'predictive',
        abandonTargetPercent: 1,
        answeringMachine: 'hand-to-agent',
        machineMessage: undefined,
        complianceProfiles: ['uk-ofcom'],
        wrapUpSeconds: 45,
      })
      const { machineMessage: _, ...withoutMessage } = edited
      const saved = Option.getOrNull(await run(store.update(withoutMessage, at(2))))
      expect(saved).toEqual({ ...withoutMessage, status: 'paused' })
      expect(Option.getOrNull(await run(store.find(edited.id)))).toEqual(saved)
      expect(Option.isNone(await run(store.update(campaign({ id: 'nope' }), at(3))))).toBe(true)
      expect(await fixture.inspect.campaignCount()).toBe(1)
    })

    it('pauses and resumes; an unknown campaign is none', async () => {
      await run(store.create(campaign(), at(0)))
      expect(Option.getOrNull(await run(store.setStatus(campaign().id, 'paused', at(1))))?.status).toBe(
        'paused',
      )
      expect(Option.getOrNull(await run(store.find(campaign().id)))?.status).toBe('paused')
      expect(Option.getOrNull(await run(store.setStatus(campaign().id, 'active', at(2))))?.status).toBe(
        'active',
      )
      expect(Option.isNone(await run(store.setStatus(campaign({ id: 'nope' }).id, 'paused', at(3))))).toBe(
        true,
      )
    })

    it('adds agents once, lists them longest-joined first, and each agent’s campaigns', async () => {
      const ann = await fixture.newAgent('ann@example.com')
      const bob = await fixture.newAgent('bob@example.com')
      const renewals = campaign().id
      const winter = campaign({ id: 'winter', name: 'Winter' }).id
      await run(store.create(campaign(), at(0)))
      await run(store.create(campaign({ id: 'winter', name: 'Winter' }), at(0)))
      expect(await run(store.join(renewals, bob, at(1)))).toBe(true)
      expect(await run(store.join(renewals, ann, at(2)))).toBe(true)
      expect(await run(store.join(renewals, ann, at(3)))).toBe(false)
      expect(await run(store.join(winter, ann, at(4)))).toBe(true)
      expect(await run(store.campaignAgents(renewals))).toEqual([
        { campaignId: renewals, agentId: bob, joinedAt: at(1) },
        { campaignId: renewals, agentId: ann, joinedAt: at(2) },
      ])
      expect((await run(store.agentCampaigns(ann))).map((m) => m.campaignId)).toEqual([renewals, winter])
      expect(await fixture.inspect.memberCount()).toBe(3)
    })

    it('takes an agent out once; someone not in it, or no agent at all, changes nothing', async () => {
      const ann = await fixture.newAgent('ann@example.com')
      const bob = await fixture.newAgent('bob@example.com')
      const renewals = campaign().id
      await run(store.create(campaign(), at(0)))
      await run(store.join(renewals, ann, at(1)))
      expect(await run(store.leave(renewals, bob))).toBe(false)
      expect(await run(store.leave(renewals, 'not-a-uuid' as AgentId))).toBe(false)
      expect(await run(store.leave(renewals, ann))).toBe(true)
      expect(await run(store.leave(renewals, ann))).toBe(false)
      expect(await run(store.campaignAgents(renewals))).toEqual([])
      expect(await run(store.agentCampaigns(ann))).toEqual([])
      expect(await run(store.agentCampaigns('not-a-uuid' as AgentId))).toEqual([])
      expect(await fixture.inspect.memberCount()).toBe(0)
    })
  })
