import { Analytics } from '@ringlane/core'
import { Schema } from 'effect'

const day = (label: string) =>
  Schema.String.pipe(
    Schema.pattern(/^\d{4}-\d{2}-\d{2}$/, { message: () => `Enter the ${label} date as YYYY-MM-DD` }),
  )

/**
 * The filters the call log and the recordings share, as their GET forms send them, every one optional:
 * days, agent, outcome, and a number typed any way people write it, or in part.
 */
export const sharedFilters = {
  from: Schema.optional(day('start')),
  to: Schema.optional(day('end')),
  agentId: Schema.optional(Schema.UUID.annotations({ message: () => 'Choose an agent from the list' })),
  outcome: Schema.optional(
    Schema.String.pipe(
      Schema.pattern(/^[a-z0-9_-]{1,40}$/, { message: () => 'Choose an outcome from the list' }),
    ),
  ),
  number: Schema.optional(Analytics.NumberSearch),
}

/** The end day must not come before the start day. */
export const daysInOrder = (s: { readonly from?: string | undefined; readonly to?: string | undefined }) =>
  s.from && s.to && s.to < s.from
    ? { path: ['to'], message: 'The end date must not be before the start date' }
    : undefined
