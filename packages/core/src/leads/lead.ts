import { LeadId } from '../kernel/ids.js'

export { LeadId }

/** Where a person lives, as the source has it; it decides their time zone for calling hours. */
export interface Address {
  readonly fullAddress: string
  /** Postcode or ZIP code. */
  readonly postalCode: string | null
  /** County, state or province. */
  readonly region: string | null
  /** ISO 3166 alpha-2, when the source knows it. */
  readonly country: string | null
}

/**
 * The person behind a lead, as the source knows them right now. `details` is what the use case adds
 * (the claims preset: a signature on file and the claims with their requirements).
 */
export interface LeadProfile<Details = unknown> {
  readonly leadId: LeadId
  readonly firstName: string
  readonly lastName: string
  readonly email: string | null
  /** As written in the source; normalized to E.164 before any call. */
  readonly phone: string
  readonly createdAt: Date
  readonly address: Address | null
  readonly details: Details
}

/**
 * Whether a lead still belongs in a queue, per the live source. `completed` means the person did what
 * the queue calls about: that is a conversion. Anything else just takes the lead out.
 */
export type Eligibility =
  | {
      readonly eligible: true
      /** The number to dial, as the source has it now. */
      readonly phone: string
      /** Where the person lives, when the source has it: it places them in a time zone for calling hours. */
      readonly address?: Address | null
    }
  | {
      readonly eligible: false
      readonly reason: 'completed' | 'not-found' | 'disabled' | 'ineligible'
      readonly detail: string
    }

/** A source row the queue may call, with what the use case's score factors read (`facts`). */
export interface Candidate<Facts = unknown> {
  readonly leadId: LeadId
  readonly phone: string
  readonly leadCreatedAt: Date
  readonly facts: Facts
}
