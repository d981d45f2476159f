import type { E164, LeadId } from '@ringlane/core'
import { type Kysely, sql } from 'kysely'
import { parsePhoneNumberWithError } from 'libphonenumber-js/max'
import type { ClaimsSource } from './source-schema.js'

/** The ways a source may have written one number once spaces and dashes are gone: `+44…`, `0…`, `0044…`. */
export const writtenForms = (phone: E164): ReadonlyArray<string> => {
  const digits = phone.slice(1)
  const forms = new Set([phone, digits, `00${digits}`])
  try {
    const national = parsePhoneNumberWithError(phone).nationalNumber
    forms.add(national)
    forms.add(`0${national}`)
  } catch {
    // Not parseable as a national number: the international forms are all there is.
  }
  return [...forms]
}

/**
 * The people in the claims source with this number, newest first. The source writes numbers as people
 * typed them (`07700 900123`, `+44 7700 900123`), so separators are stripped in SQL and every written
 * form compared; the same query runs on MySQL and Postgres. It scans `users`: it runs once per inbound
 * text from an unknown number, never per call.
 */
/** `users.phone_number` without the separators people type, in SQL both engines run. */
export const strippedPhone = sql<string>`replace(replace(replace(replace(replace(users.phone_number, ' ', ''), '-', ''), '(', ''), ')', ''), '.', '')`

export const findLeadsByPhone = async (
  db: Kysely<ClaimsSource>,
  phone: E164,
): Promise<ReadonlyArray<LeadId>> => {
  const stripped = strippedPhone
  const rows = await db
    .selectFrom('users')
    .select('users.id')
    .where(stripped, 'in', [...writtenForms(phone)])
    .orderBy('users.created_at', 'desc')
    .orderBy('users.id', 'desc')
    .limit(10)
    .execute()
  return rows.map((row) => String(row.id) as LeadId)
}
