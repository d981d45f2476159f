import { Effect, Schema } from 'effect'
import { normalizePhoneNumber } from './phone-numbers.js'

/** A phone number to search by, however it is written, or a part of it (at least 3 digits). */
export const NumberSearch = Schema.String.pipe(
  Schema.trimmed(),
  Schema.pattern(/^\+?[\d\s()-]{3,20}$/, { message: () => 'Enter at least 3 digits of the number' }),
)

/** What a typed number finds: that whole number, or every number with these digits in it. */
export type NumberMatch =
  | { readonly _tag: 'Whole'; readonly e164: string }
  | { readonly _tag: 'Part'; readonly digits: string }

/**
 * A whole number, however it is written (`07700 900123`, `+44 7700 900123`), is read by the same
 * normalisation that wrote the stored numbers, so it finds exactly that number; anything else
 * (`900123`) is a part of one, matched by its digits. Searching is not dialling: drama numbers count.
 */
export const numberMatch = (typed: string): NumberMatch =>
  Effect.runSync(
    normalizePhoneNumber(typed, { field: 'number', allowFictionalNumbers: true }).pipe(
      Effect.map(({ e164 }): NumberMatch => ({ _tag: 'Whole', e164 })),
      Effect.orElseSucceed((): NumberMatch => ({ _tag: 'Part', digits: typed.replace(/\D/g, '') })),
    ),
  )
