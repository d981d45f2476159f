import type { Insertable, Kysely } from 'kysely'
import type { ClaimsSource } from './source-schema.js'
export interface DemoDataOptions {
  /** People to create; claims (~2.9 each) and requirements (~6.9 per claim) follow. Seed scale is 10,000. */
  readonly users: number
  /** Same seed, same data. */
  readonly seed?: number
  /** The moment the data is generated "at"; people were created over the year before it. */
  readonly now?: Date
  readonly onProgress?: (progress: DemoDataProgress) => void
  /**
   * Writes one batch of rows to a table, in column order; multi-row INSERTs through Kysely by
   * default. Engines with a faster bulk path plug it in here (e.g. COPY on PGlite).
   */
  readonly writeRows?: RowWriter
}
export type RowWriter = <T extends keyof ClaimsSource & string>(
  table: T,
  rows: ReadonlyArray<Insertable<ClaimsSource[T]>>,
) => Promise<void>
export interface DemoDataProgress {
  readonly users: number
  readonly totalUsers: number
  readonly claims: number
  readonly requirements: number
}
/**
 * Fills an empty claims source with realistic people: UK names and addresses, claims with lenders and
 * requirements, and phone numbers only from Ofcom's drama range 07700 900000–900999, so no real person
 * can ever be dialled. Deterministic for a seed; reports progress as it goes.
 */
export declare const generateClaimsSource: (
  db: Kysely<ClaimsSource>,
  options: DemoDataOptions,
) => Promise<{
  users: number
  claims: number
  requirements: number
}>
//# sourceMappingURL=demo-data.d.ts.map
