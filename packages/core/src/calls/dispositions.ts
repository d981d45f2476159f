import { Schema } from 'effect'

const retryMessage = () =>
  'retryAfterMinutes must be a whole number of minutes from 0 to 525600 (a year), or null for never'

/** How a call ended, as the agent records it, and what follows from it. */
export const Disposition = Schema.Struct({
  code: Schema.String.pipe(
    Schema.pattern(/^[a-z][a-z0-9_]{0,39}$/, {
      message: () => 'code must be lowercase letters, digits or _',
    }),
  ),
  label: Schema.String.pipe(
    Schema.filter((label) => label.trim().length > 0 || 'label must not be empty'),
    Schema.maxLength(80, { message: () => 'label must be at most 80 characters' }),
  ),
  /** Minutes until the lead may be called again; null means never again. */
  retryAfterMinutes: Schema.NullOr(
    Schema.Number.pipe(
      Schema.int({ message: retryMessage }),
      Schema.between(0, 525_600, { message: retryMessage }),
    ),
  ),
  /** A person was reached (feeds connect rate and "last contact"). */
  contact: Schema.Boolean,
  /** The person did what they were called about: recorded as a conversion for the queue. */
  converted: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  /** The outcome needs a callback time (the lead is held back until then). */
  requiresCallback: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  /** The person asked never to be contacted: the number is opted out. */
  optOut: Schema.optionalWith(Schema.Boolean, { default: () => false }),
})
export type Disposition = typeof Disposition.Type
export type DispositionInput = typeof Disposition.Encoded

/** What agents can record at the end of a call, with each one's retry rule: codes unique, at least one. */
export const DispositionList = Schema.Array(Disposition).pipe(
  Schema.minItems(1, { message: () => 'at least one disposition is needed' }),
  Schema.filter((list) => {
    const index = list.findIndex((d, i) => list.findIndex((other) => other.code === d.code) !== i)
    return (
      index < 0 || { path: [index, 'code'], message: `"${list[index]?.code}" is used by another disposition` }
    )
  }),
)

const HOUR = 60
/** The shipped dispositions and retry rules; configure your own list in the dialler settings. */
export const defaultDispositions: ReadonlyArray<DispositionInput> = [
  { code: 'contacted', label: 'Spoke to them', retryAfterMinutes: 24 * HOUR, contact: true },
  {
    code: 'converted',
    label: 'Done on the call',
    retryAfterMinutes: 7 * 24 * HOUR,
    contact: true,
    converted: true,
  },
  {
    code: 'callback_requested',
    label: 'Asked for a callback',
    retryAfterMinutes: null,
    contact: true,
    requiresCallback: true,
  },
  { code: 'no_answer', label: 'No answer', retryAfterMinutes: 2 * HOUR, contact: false },
  { code: 'busy', label: 'Busy', retryAfterMinutes: 30, contact: false },
  { code: 'voicemail', label: 'Voicemail', retryAfterMinutes: 4 * HOUR, contact: false },
  { code: 'not_interested', label: 'Not interested', retryAfterMinutes: 48 * HOUR, contact: true },
  { code: 'wrong_number', label: 'Wrong number', retryAfterMinutes: null, contact: false },
  { code: 'do_not_call', label: 'Do not call', retryAfterMinutes: null, contact: true, optOut: true },
]

/** "Never again" as a date the store can hold and compare. */
export const NEVER = new Date('9999-12-31T00:00:00Z')
