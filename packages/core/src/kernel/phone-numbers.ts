import { Context, Effect, Schema } from 'effect'
import { type CountryCode, parsePhoneNumberWithError } from 'libphonenumber-js/max'
import { runToPromise } from './promise.js'

/** A phone number in E.164 form (`+447700900123`), the only form Ringlane stores or dials. */
export const E164 = Schema.String.pipe(
  Schema.pattern(/^\+[1-9]\d{6,14}$/),
  Schema.brand('@ringlane/core/E164'),
  Schema.annotations({ identifier: 'E164', description: 'a phone number in E.164 form, e.g. +447700900123' }),
)
export type E164 = typeof E164.Type

/** The kinds of line a call centre may dial. Premium, shared-cost and the like are refused. */
export type DiallableLineType = 'mobile' | 'landline'

export class InvalidPhoneNumber extends Schema.TaggedError<InvalidPhoneNumber>()('InvalidPhoneNumber', {
  field: Schema.String,
  input: Schema.String,
  reason: Schema.Literal('unparseable', 'invalid', 'not-diallable', 'fictional'),
  message: Schema.String,
}) {}

export interface NormalizeOptions {
  /** ISO 3166 region for numbers written without a country code. Defaults to GB. */
  readonly defaultRegion?: CountryCode
  /** Which input field the number came from, so the error can name it. Defaults to `phoneNumber`. */
  readonly field?: string
  /**
   * Accept Ofcom's ranges reserved for drama (07700 900xxx, 020 7946 0xxx, 01632 960xxx). They are
   * never allocated to a real person, which is what makes them safe for demos and simulated calls;
   * off by default because a real provider cannot reach them.
   */
  readonly allowFictionalNumbers?: boolean
}

export interface NormalizedPhoneNumber {
  readonly e164: E164
  readonly lineType: DiallableLineType
  readonly region: CountryCode | undefined
}

/** Ofcom's drama ranges (national significant numbers) and the line type each stands in for. */
const fictionalRanges: ReadonlyArray<readonly [RegExp, DiallableLineType]> = [
  [/^7700900\d{3}$/, 'mobile'],
  [/^2079460\d{3}$/, 'landline'],
  [/^1632960\d{3}$/, 'landline'],
]

const lineTypeOf = (type: string | undefined): DiallableLineType | undefined => {
  switch (type) {
    case 'MOBILE':
      return 'mobile'
    case 'FIXED_LINE':
    case 'FIXED_LINE_OR_MOBILE':
      return 'landline'
    default:
      return undefined
  }
}

/**
 * Parses what a person or a source system wrote (`07700 900123`, `+44 7700 900123`, `0044…`) into a
 * valid, diallable E.164 number, using full metadata so that line types are known.
 */
export const normalizePhoneNumber = (
  input: string,
  options: NormalizeOptions = {},
): Effect.Effect<NormalizedPhoneNumber, InvalidPhoneNumber> => {
  // Plain JavaScript may pass anything: a wrong type is refused like any unreadable number, not thrown.
  const field = typeof options?.field === 'string' ? options.field : 'phoneNumber'
  const text = typeof input === 'string' ? input : ''
  // Messages quote what was written, cut short: a megabyte of input must not become one of error.
  const shown = text.length > 50 ? `${text.slice(0, 50)}…` : text
  const fail = (reason: InvalidPhoneNumber['reason'], message: string) =>
    Effect.fail(new InvalidPhoneNumber({ field, input: text, reason, message }))
  if (typeof input !== 'string') {
    return fail(
      'unparseable',
      `${field}: a phone number must be a string, not ${input === null ? 'null' : typeof input}`,
    )
  }
  const parsed = Effect.try({
    try: () => parsePhoneNumberWithError(input, options?.defaultRegion ?? 'GB'),
    catch: () => undefined,
  })
  return Effect.flatMap(Effect.option(parsed), (maybe) => {
    if (maybe._tag === 'None') {
      return fail('unparseable', `${field}: "${shown}" is not a phone number`)
    }
    const number = maybe.value
    const fictional =
      number.countryCallingCode === '44'
        ? fictionalRanges.find(([range]) => range.test(number.nationalNumber))
        : undefined
    if (fictional) {
      return options?.allowFictionalNumbers === true
        ? Effect.succeed({ e164: number.number as E164, lineType: fictional[1], region: 'GB' as const })
        : fail(
            'fictional',
            `${field}: "${shown}" is in Ofcom's drama range and reaches no one; allowFictionalNumbers is for demos and simulated calls only`,
          )
    }
    if (!number.isValid()) {
      return fail('invalid', `${field}: "${shown}" is not a valid number for its region`)
    }
    const lineType = lineTypeOf(number.getType())
    if (lineType === undefined) {
      return fail(
        'not-diallable',
        `${field}: "${shown}" is a ${number.getType()?.toLowerCase() ?? 'unknown'} number; only mobiles and landlines are dialled`,
      )
    }
    return Effect.succeed({ e164: number.number as E164, lineType, region: number.country })
  })
}

/** The same check for plain async code: resolves to the number or rejects with `InvalidPhoneNumber`. */
export const normalizePhoneNumberPromise = (input: string, options?: NormalizeOptions) =>
  runToPromise(normalizePhoneNumber(input, options))

/** How numbers written without a country code are read, and whether drama ranges are allowed. */
export const PhoneSettings = Schema.Struct({
  /** Region for numbers written without a country code. */
  defaultRegion: Schema.optionalWith(
    Schema.String.pipe(
      Schema.pattern(/^[A-Z]{2}$/, { message: () => 'a region is two capital letters, e.g. GB' }),
    ),
    { default: () => 'GB' },
  ),
  /** Accept Ofcom's drama ranges: for demos and simulated telephony only. */
  allowFictionalNumbers: Schema.optionalWith(Schema.Boolean, { default: () => false }),
})
export type PhoneSettings = typeof PhoneSettings.Type

/** The checked phone settings every program that reads a number uses. */
export class PhoneConfig extends Context.Tag('@ringlane/core/PhoneConfig')<PhoneConfig, PhoneSettings>() {}

/** `normalizePhoneNumber` with the configured region and drama-range rule. */
export const normalizeWithConfig = (input: string, field?: string) =>
  Effect.flatMap(PhoneConfig, (phone) =>
    normalizePhoneNumber(input, {
      defaultRegion: phone.defaultRegion as CountryCode,
      allowFictionalNumbers: phone.allowFictionalNumbers,
      ...(field !== undefined && { field }),
    }),
  )
