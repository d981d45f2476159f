import type { LeadId, Leads } from '@ringlane/core'
import type { Kysely } from 'kysely'
import type { ClaimsDetails } from './details.js'
import { isSourceId } from './lead-ids.js'
import type { ClaimsSource } from './source-schema.js'

/** A person with their current address, claims (with lenders) and each claim's requirements. */
export const claimsProfile = async (
  db: Kysely<ClaimsSource>,
  leadId: LeadId,
): Promise<Leads.LeadProfile<ClaimsDetails> | undefined> => {
  if (!isSourceId(leadId)) return undefined
  const person = await db
    .selectFrom('users')
    .leftJoin('user_addresses as a', 'a.id', 'users.current_user_address_id')
    .select([
      'users.id',
      'users.first_name',
      'users.last_name',
      'users.email',
      'users.phone_number',
      'users.created_at',
      'users.current_signature_file_id',
      'a.full_address',
      'a.post_code',
      'a.county',
    ])
    .where('users.id', '=', leadId)
    .executeTakeFirst()
  if (!person) return undefined
  const claims = await db
    .selectFrom('claims')
    .select(['id', 'reference', 'status', 'lender', 'estimated_value', 'created_at'])
    .where('user_id', '=', leadId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute()
  const requirements =
    claims.length === 0
      ? []
      : await db
          .selectFrom('claim_requirements')
          .select(['id', 'claim_id', 'type', 'status', 'created_at'])
          .where(
            'claim_id',
            'in',
            claims.map((c) => c.id),
          )
          .orderBy('created_at')
          .orderBy('id')
          .execute()
  return {
    leadId,
    firstName: person.first_name,
    lastName: person.last_name,
    email: person.email,
    phone: person.phone_number,
    createdAt: new Date(person.created_at),
    address:
      person.full_address === null
        ? null
        : {
            fullAddress: person.full_address,
            postalCode: person.post_code,
            region: person.county,
            country: 'GB',
          },
    details: {
      signatureOnFile: person.current_signature_file_id !== null,
      claims: claims.map((claim) => ({
        id: String(claim.id),
        reference: claim.reference,
        status: claim.status,
        lender: claim.lender,
        value: Number(claim.estimated_value),
        createdAt: new Date(claim.created_at),
        requirements: requirements
          .filter((r) => String(r.claim_id) === String(claim.id))
          .map((r) => ({
            id: String(r.id),
            type: r.type,
            status: r.status,
            createdAt: new Date(r.created_at),
          })),
      })),
    },
  }
}
