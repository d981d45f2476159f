import { Context, type Effect, Schema } from 'effect'
import type { PageKey } from '../kernel/cursor.js'
import type { E164 } from '../kernel/phone-numbers.js'

/** The suppression list store failed (connection, query). Carries the driver's error as `cause`. */
export class SuppressionListStoreError extends Schema.TaggedError<SuppressionListStoreError>()(
  'SuppressionListStoreError',
  {
    operation: Schema.String,
    message: Schema.String,
    cause: Schema.optional(Schema.Defect),
  },
) {}

/** The dialler's own do-not-call list: numbers added by hand or by CSV, each with a reason. */
export const INTERNAL_LIST = 'internal'

/**
 * A list's id: `internal` (the dialler's own do-not-call list) or a register the profiles name in
 * their `list-screening` rules (`TPS`, `CTPS`, `US-NATIONAL-DNC`, or a user's own).
 */
export const SuppressionListId = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, {
    message: () => 'a list id is 1 to 40 letters, digits, dots, dashes or underscores, e.g. TPS or internal',
  }),
)

/** A number on a list: why, where it came from, who put it there and when. */
export interface ListEntry {
  readonly listId: string
  readonly phone: E164
  readonly reason: string
  /** Where the entry came from: `manual`, `csv:<file name>`, `TPS file`... */
  readonly source: string
  /** The agent id of who added it, or `system`. */
  readonly addedBy: string
  readonly addedAt: Date
}

/**
 * A list and how fresh it is. `screenedAt` is the date of the register's copy (the day it was
 * downloaded from the register): the date the profile's `maxAgeDays` is counted from. Null for the
 * internal list, which is never a copy of anything.
 */
export interface SuppressionList {
  readonly id: string
  readonly kind: 'internal' | 'register'
  readonly entries: number
  readonly screenedAt: Date | null
  /** When the last import or change was made, and by whom. */
  readonly updatedAt: Date
  readonly updatedBy: string
}

/** One import, written at once: all of it or none of it. */
export interface ListLoad {
  readonly listId: string
  readonly kind: 'internal' | 'register'
  /** `replace`: the list becomes exactly these entries (a register's new copy); `add`: they join it. */
  readonly mode: 'replace' | 'add'
  readonly entries: ReadonlyArray<Omit<ListEntry, 'listId' | 'addedBy' | 'addedAt'>>
  /** The register copy's date; null for the internal list. */
  readonly screenedAt: Date | null
  readonly importedBy: string
  readonly at: Date
}

type Op<A> = Effect.Effect<A, SuppressionListStoreError>

/**
 * Do-not-call lists beside the opt-outs: the internal list and copies of the registers (TPS, CTPS,
 * the US national registry), with the date of each copy. Every read goes to the store (no cache), so
 * an entry made on one app instance stops the next dial on every other. A separate port from
 * `SuppressionStore`: an integration that only texts implements opt-outs alone.
 */
export interface SuppressionListStoreService {
  /** Every list the store holds, with its size and freshness. */
  readonly lists: () => Op<ReadonlyArray<SuppressionList>>
  /** The entries of these numbers on any list (a number may be on several). */
  readonly listedOn: (phones: ReadonlyArray<E164>) => Op<ReadonlyArray<ListEntry>>
  /**
   * A list's entries, newest first (then by phone), skipping `offset`; with `after` (a key of the added
   * time and the phone), only the entries after that one in this order.
   */
  readonly entries: (
    listId: string,
    page: { readonly limit: number; readonly offset: number; readonly after?: PageKey | null },
  ) => Op<ReadonlyArray<ListEntry>>
  /** Adds one entry; false when the number was already on the list (the first entry is kept). */
  readonly addEntry: (entry: ListEntry) => Op<boolean>
  /** Removes one entry; false when it was not there. */
  readonly removeEntry: (listId: string, phone: E164) => Op<boolean>
  /**
   * Writes an import in one transaction and sets the list's freshness: `added` entries written (a
   * number already on the list is kept as it was), `removed` the previous copy's entries a replace
   * took out.
   */
  readonly importList: (load: ListLoad) => Op<{ readonly added: number; readonly removed: number }>
}

export class SuppressionListStore extends Context.Tag('@ringlane/core/SuppressionListStore')<
  SuppressionListStore,
  SuppressionListStoreService
>() {}
