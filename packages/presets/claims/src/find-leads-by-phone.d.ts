import type { E164, LeadId } from '@ringlane/core'
import { type Kysely } from 'kysely'
import type { ClaimsSource } from './source-schema.js'
/** The ways a source may have written one number once spaces and dashes are gone: `+44…`, `0…`, `0044…`. */
export declare const writtenForms: (phone: E164) => ReadonlyArray<string>
/**
 * The people in the claims source with this number, newest first. The source writes numbers as people
 * typed them (`07700 900123`, `+44 7700 900123`), so separators are stripped in SQL and every written
 * form compared; the same query runs on MySQL and Postgres. It scans `users`: it runs once per inbound
 * text from an unknown number, never per call.
 */
export declare const findLeadsByPhone: (
  db: Kysely<ClaimsSource>,
  phone: E164,
) => Promise<ReadonlyArray<LeadId>>
//# sourceMappingURL=find-leads-by-phone.d.ts.map
