import { describe, expect, it } from '@effect/vitest'
import { Effect, Either } from 'effect'
import fc from 'fast-check'
import { InvalidPhoneNumber, normalizePhoneNumber, normalizePhoneNumberPromise } from './phone-numbers.js'

describe('normalizePhoneNumber', () => {
  it.effect('normalizes UK mobiles written the ways people write them', () =>
    Effect.gen(function* () {
      for (const written of ['07400 123456', '+44 7400 123456', '0044 7400 123456', '(07400) 123-456']) {
        const number = yield* normalizePhoneNumber(written)
        expect(number.e164).toBe('+447400123456')
        expect(number.lineType).toBe('mobile')
        expect(number.region).toBe('GB')
      }
    }),
  )

  it.effect('knows a landline from a mobile', () =>
    Effect.gen(function* () {
      const number = yield* normalizePhoneNumber('0113 243 1234')
      expect(number).toMatchObject({ e164: '+441132431234', lineType: 'landline' })
    }),
  )

  it.effect("takes Ofcom's drama ranges only when fictional numbers are allowed", () =>
    Effect.gen(function* () {
      const refused = yield* Effect.flip(normalizePhoneNumber('07700 900123'))
      expect(refused.reason).toBe('fictional')
      expect(refused.message).toMatch(/drama range/)
      const demo = { allowFictionalNumbers: true }
      expect(yield* normalizePhoneNumber('07700 900123', demo)).toEqual({
        e164: '+447700900123',
        lineType: 'mobile',
        region: 'GB',
      })
      expect((yield* normalizePhoneNumber('020 7946 0999', demo)).lineType).toBe('landline')
      expect((yield* Effect.flip(normalizePhoneNumber('07700 901123', demo))).reason).toBe('invalid')
    }),
  )

  it.effect('refuses premium-rate numbers and names the field', () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(normalizePhoneNumber('09098 790123', { field: 'lead.phone' }))
      expect(error._tag).toBe('InvalidPhoneNumber')
      expect(error.reason).toBe('not-diallable')
      expect(error.field).toBe('lead.phone')
      expect(error.message).toContain('lead.phone')
    }),
  )

  it.effect('refuses text and too-short numbers', () =>
    Effect.gen(function* () {
      expect((yield* Effect.flip(normalizePhoneNumber('call me'))).reason).toBe('unparseable')
      expect((yield* Effect.flip(normalizePhoneNumber('07700 9001'))).reason).toBe('invalid')
    }),
  )

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const result = Effect.runSync(Effect.either(normalizePhoneNumber(input)))
        if (Either.isRight(result)) expect(result.right.e164).toMatch(/^\+[1-9]\d{6,14}$/)
      }),
    )
  })

  it('as a Promise, rejects only with InvalidPhoneNumber, whatever types plain JavaScript passes', async () => {
    const options = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.anything(),
      fc.record(
        {
          field: fc.oneof(fc.string(), fc.anything()),
          defaultRegion: fc.oneof(fc.constantFrom('GB', 'US', 'XX', 'gb'), fc.anything()),
          allowFictionalNumbers: fc.anything(),
        },
        { requiredKeys: [] },
      ),
    )
    const input = fc.oneof(fc.string(), fc.constantFrom('07700 900123', 'x'.repeat(100_000)), fc.anything())
    await fc.assert(
      fc.asyncProperty(input, options, async (number, given) => {
        const settled = await normalizePhoneNumberPromise(number as string, given as never).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        )
        if ('error' in settled) {
          expect(settled.error).toBeInstanceOf(InvalidPhoneNumber)
          expect((settled.error as InvalidPhoneNumber).message.length).toBeLessThan(300)
        } else expect(settled.value.e164).toMatch(/^\+[1-9]\d{6,14}$/)
      }),
      { numRuns: 500 },
    )
    await expect(normalizePhoneNumberPromise(42 as never)).rejects.toMatchObject({
      _tag: 'InvalidPhoneNumber',
      reason: 'unparseable',
      message: 'phoneNumber: a phone number must be a string, not number',
    })
  })
})
