import type { E164, LeadId, Leads, QueueId } from '@ringlane/core'
import { Effect, Option } from 'effect'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClaimsDetails } from '../details.js'
import { migrateClaimsSource } from '../source-migrations.js'
import type { ClaimsSource } from '../source-schema.js'

type LeadSourceService = Leads.LeadSourceService<ClaimsDetails>

export interface ClaimsSourceFixture {
  /** A connection that may write, used only to create the schema and the fixture people. */
  readonly writer: Kysely<ClaimsSource>
  /** Builds the lead source under test (for a replica: over a read-only connection). */
  readonly source: () => Promise<LeadSourceService> | LeadSourceService
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const at = (iso: string) => new Date(iso)
const ids = (...values: string[]) => values as LeadId[]

/**
 * The contract of a lead source running the claims preset, on a real engine. The suite creates the
 * claims schema, writes a handful of people through `writer`, and checks every answer of the source.
 */
export const describeClaimsSourceConformance = (name: string, setup: () => Promise<ClaimsSourceFixture>) =>
  describe(`LeadSource conformance (claims preset): ${name}`, () => {
    let fixture: ClaimsSourceFixture
    let source: LeadSourceService
    const unsigned = 'unsigned' as QueueId
    const outstanding = 'outstanding' as QueueId
    const callbacks = 'callbacks' as QueueId

    beforeAll(async () => {
      fixture = await setup()
      const db = fixture.writer
      await migrateClaimsSource(db as Kysely<unknown>)
      const person = (
        id: number,
        extra: { signed?: boolean; enabled?: boolean; created?: string; hours?: [number, number] } = {},
      ) => ({
        id,
        first_name: `First${id}`,
        last_name: `Last${id}`,
        email: `p${id}@example.com`,
        phone_number: `07700 900${String(id).padStart(3, '0')}`,
        is_enabled: extra.enabled ?? true,
        current_user_address_id: id,
        current_signature_file_id: extra.signed ? 9000 + id : null,
        created_at: at(extra.created ?? '2026-01-01T09:00:00Z'),
        preferred_call_from_hour: extra.hours?.[0] ?? null,
        preferred_call_to_hour: extra.hours?.[1] ?? null,
      })
      await db
        .insertInto('users')
        .values([
          person(1), // unsigned, two claims, one pending requirement
          person(2, { signed: true, hours: [9, 12] }), // signed, pending requirements: outstanding
          person(3, { signed: true }), // signed, all requirements done: in no queue
          person(4, { enabled: false }), // disabled: in no queue
          person(5, { created: '2026-11-20T09:30:00Z' }), // too new: still cooling
          person(6), // unsigned but no claims: nothing to call about
        ])
        .execute()
      await db
        .insertInto('user_addresses')
        .values(
          [1, 2, 3, 4, 5, 6].map((id) => ({
            id,
            user_id: id,
            full_address: `${id} High Street, Leeds`,
            post_code: 'LS1 4AB',
            county: 'West Yorkshire',
            created_at: at('2026-01-01T09:00:00Z'),
          })),
        )
        .execute()
      const claim = (id: number, userId: number, value: number) => ({
        id,
        user_id: userId,
        reference: `CL-${id}`,
        status: 'IN_PROGRESS',
        lender: `Lender ${id}`,
        estimated_value: value,
        created_at: at(`2026-02-0${id}T10:00:00Z`),
      })
      await db
        .insertInto('claims')
        .values([
          claim(1, 1, 4000),
          claim(2, 1, 7000),
          claim(3, 2, 1200),
          claim(4, 3, 900),
          claim(5, 4, 100),
          claim(6, 5, 100),
        ])
        .execute()
      const requirement = (id: number, claimId: number, status: string) => ({
        id,
        claim_id: claimId,
        type: 'ID_DOCUMENT',
        status,
        created_at: at('2026-03-01T10:00:00Z'),
        completed_at: status === 'PENDING' ? null : at('2026-03-02T10:00:00Z'),
      })
      await db
        .insertInto('claim_requirements')
        .values([
          requirement(1, 1, 'PENDING'),
          requirement(2, 2, 'COMPLETED'),
          requirement(3, 3, 'PENDING'),
          requirement(4, 3, 'PENDING'),
          requirement(5, 3, 'COMPLETED'),
          requirement(6, 4, 'COMPLETED'),
          requirement(7, 5, 'PENDING'),
        ])
        .execute()
      source = await fixture.source()
    })
    afterAll(() => fixture?.close())

    const query = { createdBefore: at('2026-11-20T08:00:00Z'), limit: 100 }

    it('finds unsigned people with claims, past cooling, with their pending requirements and claim value', async () => {
      const candidates = await run(source.candidates(unsigned, query))
      expect(candidates).toEqual([
        {
          leadId: '1',
          phone: '07700 900001',
          leadCreatedAt: at('2026-01-01T09:00:00Z'),
          facts: {
            pendingRequirements: 1,
            claimValue: 11000,
            lenders: ['Lender 1', 'Lender 2'],
            preferredCallHours: null,
          },
        },
      ])
    })

    it('finds signed people who still owe requirements', async () => {
      const candidates = await run(source.candidates(outstanding, query))
      expect(candidates.map((c) => [c.leadId, c.facts])).toEqual([
        [
          '2',
          {
            pendingRequirements: 2,
            claimValue: 1200,
            lenders: ['Lender 3'],
            preferredCallHours: { from: 9, to: 12 },
          },
        ],
      ])
    })

    it('respects the candidate limit', async () => {
      expect(await run(source.candidates(unsigned, { ...query, limit: 0 }))).toEqual([])
    })

    it('re-checks leads live, answering for every id asked', async () => {
      const leeds = (id: number) => ({
        fullAddress: `${id} High Street, Leeds`,
        postalCode: 'LS1 4AB',
        region: 'West Yorkshire',
        country: 'GB',
      })
      const answers = await run(source.recheck(unsigned, ids('1', '3', '4', '999')))
      expect(answers.get('1' as LeadId)).toEqual({ eligible: true, phone: '07700 900001', address: leeds(1) })
      expect(answers.get('3' as LeadId)).toMatchObject({ eligible: false, reason: 'completed' })
      expect(answers.get('4' as LeadId)).toMatchObject({ eligible: false, reason: 'disabled' })
      expect(answers.get('999' as LeadId)).toMatchObject({ eligible: false, reason: 'not-found' })

      const owed = await run(source.recheck(outstanding, ids('2', '3', '1')))
      expect(owed.get('2' as LeadId)).toEqual({ eligible: true, phone: '07700 900002', address: leeds(2) })
      expect(owed.get('3' as LeadId)).toMatchObject({ eligible: false, reason: 'completed' })
      expect(owed.get('1' as LeadId)).toMatchObject({ eligible: false, reason: 'ineligible' })

      const reachable = await run(source.recheck(callbacks, ids('3', '4')))
      expect(reachable.get('3' as LeadId)).toEqual({
        eligible: true,
        phone: '07700 900003',
        address: leeds(3),
      })
      expect(reachable.get('4' as LeadId)).toMatchObject({ eligible: false, reason: 'disabled' })
      expect((await run(source.recheck(unsigned, []))).size).toBe(0)
    })

    it('shows the agent the whole person: address, claims with lenders, requirements', async () => {
      const profile = Option.getOrThrow(await run(source.profile('1' as LeadId)))
      expect(profile).toMatchObject({
        leadId: '1',
        firstName: 'First1',
        lastName: 'Last1',
        email: 'p1@example.com',
        phone: '07700 900001',
        address: {
          fullAddress: '1 High Street, Leeds',
          postalCode: 'LS1 4AB',
          region: 'West Yorkshire',
          country: 'GB',
        },
        details: { signatureOnFile: false },
      })
      expect(
        profile.details.claims.map((c) => [
          c.reference,
          c.lender,
          c.value,
          c.requirements.map((r) => r.status),
        ]),
      ).toEqual([
        ['CL-2', 'Lender 2', 7000, ['COMPLETED']],
        ['CL-1', 'Lender 1', 4000, ['PENDING']],
      ])
      expect(Option.isNone(await run(source.profile('999' as LeadId)))).toBe(true)
    })

    it('finds the leads a number belongs to, however the source wrote it', async () => {
      const find = source.findLeadsByPhone
      expect(find).toBeTypeOf('function')
      if (!find) return
      // The fixture people are written `07700 900001`: an inbound text comes from +447700900001.
      expect(await run(find('+447700900001' as E164))).toEqual(['1'])
      expect(await run(find('+447700900006' as E164))).toEqual(['6'])
      expect(await run(find('+447700900999' as E164))).toEqual([])
    })

    it('finds people by name, number or case reference, newest first, and nobody for a stranger', async () => {
      const search = source.search
      expect(search).toBeTypeOf('function')
      if (!search) return
      const find = (text: string, phone: string | null = null) =>
        run(search({ text, phone: phone as E164 | null, limit: 10 }))
      // Every word starts the first or the last name, in any case.
      expect((await find('first1 last1')).map((m) => [m.leadId, m.matchedBy])).toEqual([['1', 'name']])
      expect((await find('LAST2'))[0]).toEqual({
        leadId: '2',
        firstName: 'First2',
        lastName: 'Last2',
        phone: '07700 900002',
        matchedBy: 'name',
        detail: null,
      })
      // Person 5 is the newest; the others joined the same moment, so the higher id (later row) first.
      expect((await find('First')).map((m) => m.leadId)).toEqual(['5', '6', '4', '3', '2', '1'])
      // A case reference, exactly, in any case; a longer one is another case.
      expect(await find('cl-2')).toEqual([
        expect.objectContaining({ leadId: '1', matchedBy: 'reference', detail: 'CL-2' }),
      ])
      expect(await find('CL-22')).toEqual([])
      // A number written with spaces in the source, searched in international form.
      expect((await find('+447700900003', '+447700900003')).map((m) => [m.leadId, m.matchedBy])).toEqual([
        ['3', 'phone'],
      ])
      // Wildcards typed by an agent are letters, not patterns.
      expect(await find('%_')).toEqual([])
      expect(await run(search({ text: 'First', phone: null, limit: 2 }))).toHaveLength(2)
      expect(await find('Nobody')).toEqual([])
    })

    it('finds leads by part of a name, case ignored, and reads many names at once', async () => {
      const find = source.findLeadsByName
      const names = source.leadNames
      expect(find).toBeTypeOf('function')
      expect(names).toBeTypeOf('function')
      if (!find || !names) return
      expect(await run(names(ids('1', '6', '999')))).toEqual(
        new Map([
          ['1', 'First1 Last1'],
          ['6', 'First6 Last6'],
        ]),
      )
      // A whole name, shouted, finds that person only; part of a last name finds it; a wildcard typed
      // by a person is a letter, so it finds nothing.
      expect(await run(find('FIRST1 LAST1', 10))).toEqual(['1'])
      expect(await run(find('ast6', 10))).toEqual(['6'])
      expect(await run(find('%', 10))).toEqual([])
      expect(await run(find('zzzz-nobody', 10))).toEqual([])
    })

    it('answers a ping, and refuses an unknown queue with a clear error', async () => {
      await run(source.ping)
      const error = await run(Effect.flip(source.candidates('nope' as QueueId, query)))
      expect(error).toMatchObject({ _tag: 'LeadSourceError' })
      expect(error.message).toContain('nope')
    })
  })
