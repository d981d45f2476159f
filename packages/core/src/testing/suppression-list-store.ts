import { Effect, Exit } from 'effect'
import { describe, expect, it } from 'vitest'
import type { ListEntry, SuppressionListStoreService } from '../compliance/suppression-lists.js'
import type { E164 } from '../kernel/phone-numbers.js'
import { withFixture } from './suite.js'

export interface SuppressionListStoreFixture {
  readonly store: SuppressionListStoreService
  /**
   * A second store on the same database (another app instance): what one writes, the other must
   * read at once, since every dial and text reads the lists at decision time.
   */
  readonly otherInstance: SuppressionListStoreService
  /** Reads `list:phone` for every entry as stored, bypassing the adapter under test. */
  readonly storedEntries: () => Promise<ReadonlyArray<string>>
  /** Empties the store between tests. */
  readonly reset: () => Promise<void>
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

/**
 * The contract of a suppression list store (do-not-call lists and register copies). Call it once
 * from the adapter's test file with a fresh store on a real engine.
 */
export const describeSuppressionListStoreConformance = (
  name: string,
  setup: () => Promise<SuppressionListStoreFixture>,
) =>
  describe(`SuppressionListStore conformance: ${name}`, () => {
    let fixture: SuppressionListStoreFixture
    const now = new Date('2026-11-20T10:00:00Z')
    const phone = '+447700900555' as E164
    const other = '+447700900556' as E164
    const entry = (overrides: Partial<ListEntry> = {}): ListEntry => ({
      listId: 'internal',
      phone,
      reason: 'asked on a call',
      source: 'manual',
      addedBy: 'agent-1',
      addedAt: now,
      ...overrides,
    })

    withFixture(setup, (opened) => {
      fixture = opened
    })

    it('adds an entry once, keeping the first, and finds it on every instance', async () => {
      expect(await run(fixture.store.addEntry(entry()))).toBe(true)
      expect(
        await run(fixture.store.addEntry(entry({ reason: 'again', addedAt: new Date(+now + 1000) }))),
      ).toBe(false)
      expect(await run(fixture.otherInstance.listedOn([phone, other]))).toEqual([entry()])
      expect(await fixture.storedEntries()).toEqual([`internal:${phone}`])
      expect(await run(fixture.store.listedOn([]))).toEqual([])
      const [list] = await run(fixture.otherInstance.lists())
      expect(list).toEqual({
        id: 'internal',
        kind: 'internal',
        entries: 1,
        screenedAt: null,
        updatedAt: now,
        updatedBy: 'agent-1',
      })
    })

    it('removes an entry, on any instance, and says whether it was there', async () => {
      await run(fixture.store.addEntry(entry()))
      expect(await run(fixture.otherInstance.removeEntry('internal', phone))).toBe(true)
      expect(await run(fixture.store.removeEntry('internal', phone))).toBe(false)
      expect(await run(fixture.store.listedOn([phone]))).toEqual([])
      expect(await fixture.storedEntries()).toEqual([])
    })

    it('imports a register copy in place of the last one, dated by its screening', async () => {
      const screened = new Date('2026-11-18T00:00:00Z')
      const load = (phones: E164[], at: Date, screenedAt: Date) => ({
        listId: 'TPS',
        kind: 'register' as const,
        mode: 'replace' as const,
        entries: phones.map((p) => ({ phone: p, reason: 'registered with TPS', source: 'TPS file' })),
        screenedAt,
        importedBy: 'sup-1',
        at,
      })
      expect(await run(fixture.store.importList(load([phone, other], now, screened)))).toEqual({
        added: 2,
        removed: 0,
      })
      const later = new Date(+now + 86_400_000)
      expect(await run(fixture.store.importList(load([other], later, now)))).toEqual({ added: 1, removed: 2 })
      expect(await fixture.storedEntries()).toEqual([`TPS:${other}`])
      const lists = await run(fixture.store.lists())
      expect(lists).toEqual([
        { id: 'TPS', kind: 'register', entries: 1, screenedAt: now, updatedAt: later, updatedBy: 'sup-1' },
      ])
      // The same number on two lists is two entries.
      await run(fixture.store.addEntry(entry({ phone: other })))
      expect((await run(fixture.store.listedOn([other]))).map((e) => e.listId).sort()).toEqual([
        'TPS',
        'internal',
      ])
    })

    it('adds an import to the internal list, keeping entries already there', async () => {
      await run(fixture.store.addEntry(entry()))
      const result = await run(
        fixture.store.importList({
          listId: 'internal',
          kind: 'internal',
          mode: 'add',
          entries: [
            { phone, reason: 'from file', source: 'csv:a.csv' },
            { phone: other, reason: 'from file', source: 'csv:a.csv' },
          ],
          screenedAt: null,
          importedBy: 'sup-1',
          at: new Date(+now + 1000),
        }),
      )
      expect(result).toEqual({ added: 1, removed: 0 })
      const entries = await run(fixture.store.entries('internal', { limit: 10, offset: 0 }))
      expect(entries.map((e) => [e.phone, e.reason])).toEqual([
        [other, 'from file'],
        [phone, 'asked on a call'],
      ])
      expect(await run(fixture.store.entries('internal', { limit: 1, offset: 1 }))).toEqual([entry()])
      // By key: after the first entry comes the second, then nothing.
      const [first] = entries
      const after = first ? { at: first.addedAt, id: first.phone } : null
      expect(await run(fixture.store.entries('internal', { limit: 10, offset: 0, after }))).toEqual([entry()])
    })

    it('pages by key through entries added at one instant, each once, in order', async () => {
      const phones = ['+447700900101', '+447700900102', '+447700900103', '+447700900104'] as E164[]
      for (const p of phones) await run(fixture.store.addEntry({ ...entry(), phone: p }))
      const all = await run(fixture.store.entries('internal', { limit: 10, offset: 0 }))
      const seen: string[] = []
      let after: { at: Date; id: string } | null = null
      for (let page = 0; page < 10; page++) {
        const rows: ReadonlyArray<{ phone: string; addedAt: Date }> = await run(
          fixture.store.entries('internal', { limit: 3, offset: 0, after }),
        )
        if (rows.length === 0) break
        seen.push(...rows.map((r) => r.phone))
        const last = rows.at(-1)
        after = last ? { at: last.addedAt, id: last.phone } : null
      }
      expect(seen).toEqual(all.map((e) => e.phone))
      expect(seen).toHaveLength(4)
    })

    it('writes nothing of an import that fails part way, however large', async () => {
      await run(fixture.store.addEntry(entry()))
      const many = Array.from({ length: 12_000 }, (_, i) => ({
        phone: `+4477009${String(i).padStart(5, '0')}` as E164,
        reason: 'bulk',
        source: 'csv:big.csv',
      }))
      // A NUL cannot be stored: the last slice fails after the first ones were sent.
      many.push({ phone: other, reason: 'bad\u0000reason', source: 'csv:big.csv' })
      const exit = await Effect.runPromiseExit(
        fixture.store.importList({
          listId: 'internal',
          kind: 'internal',
          mode: 'add',
          entries: many,
          screenedAt: null,
          importedBy: 'sup-1',
          at: now,
        }),
      )
      expect(Exit.isFailure(exit)).toBe(true)
      expect(await fixture.storedEntries()).toEqual([`internal:${phone}`])
    })
  })
