import { Effect, Option } from 'effect'
import { describe, expect, it } from 'vitest'
import type { AgentId, LeadId } from '../kernel/ids.js'
import type { MagicLinkStoreService, NewMagicLink } from '../magic-links/magic-link-store.js'
import { withFixture } from './suite.js'

/** Reads what the store really wrote, bypassing the adapter under test. */
export interface MagicLinkStoreInspector {
  readonly linkCount: () => Promise<number>
}

export interface MagicLinkStoreFixture {
  readonly store: MagicLinkStoreService
  readonly inspect: MagicLinkStoreInspector
  readonly newAgent: (email: string) => Promise<AgentId>
  readonly reset: () => Promise<void>
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const at = (hour: number, minute = 0) => new Date(Date.UTC(2026, 10, 20, hour, minute))

/**
 * The contract every magic-link store meets. Call it once from the adapter's test file with a setup
 * that returns a fresh, migrated store on a real engine.
 */
export const describeMagicLinkStoreConformance = (
  name: string,
  setup: () => Promise<MagicLinkStoreFixture>,
) =>
  describe(`MagicLinkStore conformance: ${name}`, () => {
    let fixture: MagicLinkStoreFixture
    let store: MagicLinkStoreService
    let hashes = 0
    const link = (extra: Partial<NewMagicLink> = {}) =>
      run(
        store.insertLink({
          tokenHash: `hash-${++hashes}`.padEnd(64, '0'),
          leadId: '7' as LeadId,
          linkType: 'upload',
          issuedBy: null,
          callSessionId: null,
          issuedAt: at(10),
          expiresAt: at(34),
          singleUse: false,
          ...extra,
        }),
      )
    const open = (id: string, when: Date, ip = '203.0.113.5') =>
      run(store.recordAccess(id, { at: when, userAgent: 'Phone', ip }))

    withFixture(setup, (opened) => {
      fixture = opened
      store = fixture.store
    })

    it('stores a link by its hash, never returning the hash but to the look-up by hash', async () => {
      const issued = await link({ tokenHash: 'a'.repeat(64) })
      expect(issued).not.toHaveProperty('tokenHash')
      expect(issued).toMatchObject({
        leadId: '7',
        linkType: 'upload',
        accessCount: 0,
        revokedAt: null,
      })
      const found = Option.getOrNull(await run(store.findByTokenHash('a'.repeat(64))))
      expect(found).toMatchObject({ id: issued.id, tokenHash: 'a'.repeat(64) })
      expect(Option.isNone(await run(store.findByTokenHash('b'.repeat(64))))).toBe(true)
      expect(Option.getOrNull(await run(store.findLink(issued.id)))).toEqual(issued)
      expect(Option.isNone(await run(store.findLink('nope')))).toBe(true)
    })

    it('lists the links issued in a range newest first, a page at a time by key, each once', async () => {
      const made = []
      // Three issued at one instant straddle the pages; one before the range and one after it are left out.
      for (const minute of [0, 5, 5, 5, 10]) made.push(await link({ issuedAt: at(10, minute) }))
      await link({ issuedAt: at(9, 59) })
      await link({ issuedAt: at(11) })
      const range = { since: at(10), until: at(11) }
      const all = await run(store.listLinks({ ...range, after: null, limit: 100 }))
      expect(all).toHaveLength(5)
      expect(all[0]?.id).toBe(made[4]?.id)
      expect(all[4]?.id).toBe(made[0]?.id)
      const seen: string[] = []
      let after: { at: Date; id: string } | null = null
      for (let page = 0; page < 10; page++) {
        const rows: ReadonlyArray<{ id: string; issuedAt: Date }> = await run(
          store.listLinks({ ...range, after, limit: 2 }),
        )
        if (rows.length === 0) break
        seen.push(...rows.map((r) => r.id))
        const last = rows.at(-1)
        after = last ? { at: last.issuedAt, id: last.id } : null
      }
      expect(seen).toEqual(all.map((l) => l.id))
    })

    it('counts openings with first and last access, user agent and IP', async () => {
      const issued = await link()
      await open(issued.id, at(11), '203.0.113.1')
      const second = Option.getOrNull(await open(issued.id, at(12), '203.0.113.2'))
      expect(second).toMatchObject({
        accessCount: 2,
        firstAccessedAt: at(11),
        lastAccessedAt: at(12),
        lastUserAgent: 'Phone',
        lastIp: '203.0.113.2',
      })
    })

    it('refuses openings of expired, revoked and used single-use links in the same statement', async () => {
      const expiring = await link({ expiresAt: at(11) })
      expect(Option.isNone(await open(expiring.id, at(11)))).toBe(true)
      const once = await link({ singleUse: true })
      expect(Option.isSome(await open(once.id, at(11)))).toBe(true)
      expect(Option.isNone(await open(once.id, at(11, 1)))).toBe(true)
      const revoked = await link()
      const first = Option.getOrNull(
        await run(store.revokeLink(revoked.id, 'sent to the wrong person', at(12))),
      )
      expect(first).toMatchObject({ revokedAt: at(12), revokedReason: 'sent to the wrong person' })
      const again = Option.getOrNull(await run(store.revokeLink(revoked.id, 'again', at(13))))
      expect(again).toMatchObject({ revokedAt: at(12), revokedReason: 'sent to the wrong person' })
      expect(Option.isNone(await open(revoked.id, at(12, 30)))).toBe(true)
      expect(
        Option.isNone(await run(store.revokeLink('0b5ad2b6-0000-4000-8000-000000000000', 'x', at(12)))),
      ).toBe(true)
      expect((await run(store.findLink(revoked.id))).pipe(Option.getOrNull)?.accessCount).toBe(0)
    })

    it('lists opened links awaiting conversion and marks them converted once', async () => {
      const opened = await link()
      await link() // never opened
      await open(opened.id, at(11))
      const waiting = await run(store.linksAwaitingConversion(at(0), 10))
      expect(waiting.map((l) => l.id)).toEqual([opened.id])
      expect(await run(store.markConverted([opened.id, 'junk'], at(15)))).toBe(1)
      expect(await run(store.markConverted([opened.id], at(16)))).toBe(0)
      expect(await run(store.linksAwaitingConversion(at(0), 10))).toEqual([])
      expect((await run(store.linksForLead('7' as LeadId))).map((l) => l.convertedAt)).toContainEqual(at(15))
    })

    it('computes analytics by type, agent and day', async () => {
      const ann = await fixture.newAgent('ann@example.com')
      const a = await link({ issuedBy: ann })
      await link({ issuedBy: ann, linkType: 'portal' })
      const c = await link({ issuedAt: new Date(Date.UTC(2026, 10, 21, 9)) })
      await link({ issuedAt: new Date(Date.UTC(2026, 9, 1)) }) // outside the period
      await open(a.id, at(11))
      await open(a.id, at(12))
      await open(c.id, new Date(Date.UTC(2026, 10, 21, 9, 30)))
      await run(store.markConverted([a.id], at(13)))
      const period = { since: at(0), until: new Date(Date.UTC(2026, 10, 22)) }
      const all = await run(store.analytics(period))
      expect(all.total).toEqual({ sent: 3, accessed: 2, converted: 1, totalAccesses: 3 })
      expect(all.byType).toEqual([
        { linkType: 'portal', sent: 1, accessed: 0, converted: 0, totalAccesses: 0 },
        { linkType: 'upload', sent: 2, accessed: 2, converted: 1, totalAccesses: 3 },
      ])
      expect(all.byAgent).toContainEqual({
        agentId: ann,
        sent: 2,
        accessed: 1,
        converted: 1,
        totalAccesses: 2,
      })
      expect(all.byAgent).toContainEqual({
        agentId: null,
        sent: 1,
        accessed: 1,
        converted: 0,
        totalAccesses: 1,
      })
      expect(all.byDay).toEqual([
        { day: '2026-11-20', sent: 2, accessed: 1, converted: 1, totalAccesses: 2 },
        { day: '2026-11-21', sent: 1, accessed: 1, converted: 0, totalAccesses: 1 },
      ])
      const annOnly = await run(store.analytics({ ...period, issuedBy: ann }))
      expect(annOnly.total.sent).toBe(2)
      expect(await fixture.inspect.linkCount()).toBe(4)
    })
  })
