import { Schema } from 'effect'

/** A lead is a person in the source with something still to do. Its id is the source's, as text. */
export const LeadId = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_-]{1,64}$/, {
    message: () => 'leadId must be 1 to 64 letters, digits, _ or -',
  }),
  Schema.brand('@ringlane/core/LeadId'),
)
export type LeadId = typeof LeadId.Type

export const Requirement = Schema.Struct({
  id: Schema.String,
  type: Schema.String,
  status: Schema.String,
  createdAt: Schema.DateFromSelf,
})
export type Requirement = typeof Requirement.Type

export const Claim = Schema.Struct({
  id: Schema.String,
  reference: Schema.String,
  status: Schema.String,
  lender: Schema.String,
  /** In pounds. */
  value: Schema.Number,
  createdAt: Schema.DateFromSelf,
  requirements: Schema.Array(Requirement),
})
export type Claim = typeof Claim.Type

export const Address = Schema.Struct({
  fullAddress: Schema.String,
  postCode: Schema.String,
  county: Schema.NullOr(Schema.String),
})

/** The person behind a lead, as the source knows them right now. */
export const LeadProfile = Schema.Struct({
  leadId: LeadId,
  firstName: Schema.String,
  lastName: Schema.String,
  email: Schema.NullOr(Schema.String),
  /** As written in the source; normalized to E.164 before any call. */
  phone: Schema.String,
  createdAt: Schema.DateFromSelf,
  signatureOnFile: Schema.Boolean,
  address: Schema.NullOr(Address),
  claims: Schema.Array(Claim),
})
export type LeadProfile = typeof LeadProfile.Type

/**
 * Whether a lead still belongs in a queue, per the live source. `completed` means the person did what
 * the queue calls about: that is a conversion. Anything else just takes the lead out.
 */
export type Eligibility =
  | { readonly eligible: true /** The number to dial, as the source has it now. */; readonly phone: string }
  | {
      readonly eligible: false
      readonly reason: 'completed' | 'not-found' | 'disabled' | 'ineligible'
      readonly detail: string
    }

/** A source row the queue may call, with what scoring needs from the source. */
export interface Candidate {
  readonly leadId: LeadId
  readonly phone: string
  readonly leadCreatedAt: Date
  readonly pendingRequirements: number
  /** Total claim value in pounds. */
  readonly claimValue: number
}
