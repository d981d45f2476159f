import { claimsQueues } from '@ringlane/claims'
import { createRinglane } from '@ringlane/core'
import { describeCampaignStoreConformance, newCampaignInput } from '@ringlane/core/testing'
import { postgresEngines } from '@ringlane/test-database'
import { describe, expect, it } from 'vitest'
import { campaignStore } from './campaign-store.js'
import { countRows, diallerForSuite, storeFixture } from './postgres.test.support.js'

for (const engine of postgresEngines()) {
  describeCampaignStoreConformance(`@ringlane/postgres on ${engine}`, () =>
    storeFixture(engine, (db, database) => ({
      store: campaignStore(db),
      inspect: {
        campaignCount: () => countRows(database, 'campaigns'),
        memberCount: () => countRows(database, 'campaign_agents'),
      },
    })),
  )
}

// The programs over the real store: what a supervisor's edits write, audit and publish, and what a
// refusal leaves (nothing).
describe('campaigns through createRinglane on PGlite', () => {
  const suite = diallerForSuite({ queues: claimsQueues() })
  const renewals = newCampaignInput()
  const rows = async () => ({
    campaigns: await countRows(suite.database, 'campaigns'),
    members: await countRows(suite.database, 'campaign_agents'),
    audit: await countRows(suite.database, 'audit_log'),
  })
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (error: { _tag: string; field?: string }) => `${error._tag} ${error.field}`,
    )

  it('creates, edits, staffs and pauses a campaign, auditing and publishing each change', async () => {
    const created = await suite.ringlane.campaigns.create(renewals, suite.supervisor)
    expect(created).toMatchObject({ id: 'renewals', status: 'active' })
    const edited = await suite.ringlane.campaigns.update(
      'renewals',
      { ringTimeoutSeconds: 25, name: 'Renewals' },
      suite.supervisor,
    )
    expect(edited.ringTimeoutSeconds).toBe(25)
    const ann = await suite.ringlane.agents.create({
      email: 'ann@example.com',
      displayName: 'Ann',
      role: 'agent',
    })
    expect(await suite.ringlane.campaigns.join('renewals', ann.id, suite.supervisor)).toMatchObject({
      joined: true,
    })
    expect(await suite.ringlane.campaigns.join('renewals', ann.id, suite.supervisor)).toMatchObject({
      joined: false,
    })
    expect((await suite.ringlane.campaigns.pause('renewals', suite.supervisor)).status).toBe('paused')
    expect((await suite.ringlane.campaigns.pause('renewals', suite.supervisor)).status).toBe('paused')
    expect((await suite.ringlane.campaigns.agents('renewals')).map((m) => m.agentId)).toEqual([ann.id])
    expect(await suite.ringlane.campaigns.leave('renewals', ann.id)).toMatchObject({ left: true })

    const audit = await suite.database.query<{
      actor: string
      action: string
      subject: string
      detail: unknown
    }>(
      `select actor, action, subject, detail from audit_log where subject = 'campaign:renewals' order by at, action`,
    )
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['campaign.created', suite.supervisor],
      ['campaign.updated', suite.supervisor],
      ['campaign.agent_joined', suite.supervisor],
      ['campaign.paused', suite.supervisor],
      ['campaign.agent_left', 'system'],
    ])
    // Only the field whose value changed is recorded, with its new value.
    expect(audit[1]?.detail).toEqual({ fields: 'ringTimeoutSeconds', ringTimeoutSeconds: 25 })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(suite.events.filter((e) => e._tag.startsWith('Campaign')).map((e) => e._tag)).toEqual([
      'CampaignCreated',
      'CampaignUpdated',
      'CampaignAgentsChanged',
      'CampaignStatusChanged',
      'CampaignAgentsChanged',
    ])
  })

  it('refuses what the bad-input paragraph names, naming the field, writing nothing', async () => {
    await suite.ringlane.campaigns.create(renewals, suite.supervisor)
    const before = await rows()
    expect(
      await refusal(suite.ringlane.campaigns.create({ ...renewals, id: 'other', abandonTargetPercent: 3.5 })),
    ).toBe('InvalidCampaign abandonTargetPercent')
    expect(
      await refusal(suite.ringlane.campaigns.create({ ...renewals, id: 'other', ringTimeoutSeconds: 10 })),
    ).toBe('InvalidCampaign ringTimeoutSeconds')
    expect(await refusal(suite.ringlane.campaigns.update('renewals', { maxLinesPerAgent: 4 }))).toBe(
      'InvalidCampaign maxLinesPerAgent',
    )
    expect(await refusal(suite.ringlane.campaigns.update('renewals', { queues: ['elsewhere'] }))).toBe(
      'InvalidCampaign queues.0',
    )
    expect(await refusal(suite.ringlane.campaigns.create(renewals))).toBe('CampaignIdTaken id')
    expect(await refusal(suite.ringlane.campaigns.join('renewals', suite.supervisor))).toBe(
      'CampaignAgentRefused agentId',
    )
    const dan = await suite.ringlane.agents.create({
      email: 'dan@example.com',
      displayName: 'Dan',
      role: 'agent',
    })
    await suite.ringlane.agents.update(dan.id, { active: false })
    const afterDan = await rows()
    expect(await refusal(suite.ringlane.campaigns.join('renewals', dan.id))).toBe(
      'CampaignAgentRefused agentId',
    )
    expect(await refusal(suite.ringlane.campaigns.join('nope', dan.id))).toBe('UnknownCampaign campaignId')
    expect(await rows()).toEqual(afterDan)
    expect(afterDan).toEqual(before)
  })

  it('allows up to five lines per agent only where the setting does', async () => {
    const wide = await createRinglane({
      stores: suite.stores,
      queues: claimsQueues(),
      settings: { linesPerAgentLimit: 5 },
    })
    try {
      expect(
        (await wide.campaigns.create({ ...renewals, id: 'wide', maxLinesPerAgent: 5 })).maxLinesPerAgent,
      ).toBe(5)
    } finally {
      await wide.dispose()
    }
  })
})
