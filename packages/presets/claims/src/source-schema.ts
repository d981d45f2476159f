import type { ColumnType } from 'kysely'

type Id = ColumnType<string | number, string | number, never>
type Timestamp = ColumnType<Date, Date, Date>

/**
 * The claims source as the dialler reads it: people, their current address and signature, their
 * claims and what each claim still needs. Ids are numbers in the source and text in Ringlane.
 */
export interface ClaimsSource {
  users: {
    id: Id
    first_name: string
    last_name: string
    email: string | null
    phone_number: string
    is_enabled: ColumnType<boolean | number, boolean, boolean>
    current_user_address_id: ColumnType<
      string | number | null,
      string | number | null,
      string | number | null
    >
    current_signature_file_id: ColumnType<
      string | number | null,
      string | number | null,
      string | number | null
    >
    created_at: Timestamp
    /** The first hour (0–23, UK clock) the person asked to be called in; null when they did not say. */
    preferred_call_from_hour: number | null
    /** The last hour (0–23, included) of that window. */
    preferred_call_to_hour: number | null
  }
  user_addresses: {
    id: Id
    user_id: ColumnType<string | number, string | number, never>
    full_address: string
    post_code: string
    county: string | null
    created_at: Timestamp
  }
  claims: {
    id: Id
    user_id: ColumnType<string | number, string | number, never>
    reference: string
    status: string
    lender: string
    /** Estimated value in pounds. */
    estimated_value: number
    created_at: Timestamp
  }
  claim_requirements: {
    id: Id
    claim_id: ColumnType<string | number, string | number, never>
    type: string
    /** PENDING until the person provides it; then COMPLETED (or REJECTED). */
    status: string
    created_at: Timestamp
    completed_at: Timestamp | null
  }
}
