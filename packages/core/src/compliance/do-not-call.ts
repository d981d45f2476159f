import { Effect, Schema } from 'effect'
import type { CountryCode } from 'libphonenumber-js/max'
import { recordAudit } from '../audit/audit-log.js'
import { type Page as CursorPage, decodeCursor, pageOf } from '../kernel/cursor.js'
import { decodeWith } from '../kernel/decode.js'
import { PhoneConfig } from '../kernel/phone-numbers.js'
import { currentDate, StorableDate } from '../kernel/time.js'
import {
  defaultFormat,
  type ListFileFormat,
  type ListFileRow,
  listNumber,
  readListFile,
} from './list-files.js'
import {
  INTERNAL_LIST,
  type ListEntry,
  SuppressionListId,
  SuppressionListStore,
} from './suppression-lists.js'

/** A list request was not valid (the field says which part); nothing was written. */
export class InvalidListRequest extends Schema.TaggedError<InvalidListRequest>()('InvalidListRequest', {
  field: Schema.String,
  message: Schema.String,
}) {}

/** A row the import could not read, for the row-by-row report. */
export interface ListImportError {
  readonly row: number
  readonly input: string
  readonly message: string
}

/**
 * An import file had rows that could not be read and the caller did not ask to import the valid ones:
 * nothing was written. `errors` lists every bad row.
 */
export class ListImportRejected extends Schema.TaggedError<ListImportRejected>()('ListImportRejected', {
  listId: Schema.String,
  message: Schema.String,
  validRows: Schema.Number,
  errors: Schema.Array(Schema.Struct({ row: Schema.Number, input: Schema.String, message: Schema.String })),
}) {}

const Text = (max: number, what: string) =>
  Schema.Trim.pipe(
    Schema.nonEmptyString({ message: () => `${what} is required` }),
    Schema.maxLength(max, { message: () => `${what}: at most ${max} characters` }),
  )
const Actor = Text(100, 'by (who made the change)')

const AddRequest = Schema.Struct({
  phone: Schema.String,
  reason: Text(500, 'reason'),
  source: Schema.optionalWith(Text(200, 'source'), { default: () => 'manual' }),
  by: Actor,
})
export type AddToDoNotCallRequest = typeof AddRequest.Encoded

const RemoveRequest = Schema.Struct({
  phone: Schema.String,
  by: Actor,
  reason: Schema.optional(Text(500, 'reason')),
})
export type RemoveFromDoNotCallRequest = typeof RemoveRequest.Encoded

const ImportRequest = Schema.Struct({
  listId: SuppressionListId,
  /** The file's content. */
  text: Schema.String.pipe(Schema.maxLength(50_000_000, { message: () => 'text: the file is over 50 MB' })),
  fileName: Schema.optionalWith(Text(200, 'fileName'), { default: () => 'upload.csv' }),
  format: Schema.optional(Schema.Literal('csv', 'tps', 'us-dnc')),
  /** The register copy's date (the day it was downloaded); now when not given. Ignored for `internal`. */
  screenedAt: Schema.optional(StorableDate),
  by: Actor,
  /** Import the rows that could be read even when others could not (default false: all or nothing). */
  importValidRows: Schema.optionalWith(Schema.Boolean, { default: () => false }),
})
export type ListImportRequest = typeof ImportRequest.Encoded

/** What an import did: every row's result, and the counts written. */
export interface ListImportReport {
  readonly listId: string
  readonly format: ListFileFormat
  readonly rows: number
  readonly validRows: number
  /** Numbers read twice in the file: imported once. */
  readonly duplicates: number
  readonly errors: ReadonlyArray<ListImportError>
  readonly added: number
  readonly removed: number
  readonly screenedAt: Date | null
}

const invalid = (issue: { field: string; message: string }) => new InvalidListRequest(issue)

const listPhone = (text: string, field: string) =>
  Effect.gen(function* () {
    const { defaultRegion } = yield* PhoneConfig
    const phone = listNumber(text, defaultRegion as CountryCode)
    if (phone === null)
      return yield* new InvalidListRequest({
        field,
        message: `${field}: "${text.slice(0, 40)}" is not a phone number`,
      })
    return phone
  })

/** Puts a number on the internal do-not-call list (calls and texts stop at once), audited. */
export const addToDoNotCallList = (request: AddToDoNotCallRequest) =>
  Effect.gen(function* () {
    const input = yield* decodeWith(AddRequest, invalid)(request)
    const phone = yield* listPhone(input.phone, 'phone')
    const at = yield* currentDate
    const store = yield* SuppressionListStore
    const added = yield* store.addEntry({
      listId: INTERNAL_LIST,
      phone,
      reason: input.reason,
      source: input.source,
      addedBy: input.by,
      addedAt: at,
    })
    if (added)
      yield* recordAudit({
        actor: input.by,
        action: 'dnc.added',
        subject: `phone:${phone}`,
        detail: { list: INTERNAL_LIST, reason: input.reason, source: input.source },
        at,
      })
    return { phone, added }
  })

/** Takes a number off the internal do-not-call list, audited. Opt-outs and registers are not touched. */
export const removeFromDoNotCallList = (request: RemoveFromDoNotCallRequest) =>
  Effect.gen(function* () {
    const input = yield* decodeWith(RemoveRequest, invalid)(request)
    const phone = yield* listPhone(input.phone, 'phone')
    const at = yield* currentDate
    const removed = yield* Effect.flatMap(SuppressionListStore, (s) => s.removeEntry(INTERNAL_LIST, phone))
    if (removed)
      yield* recordAudit({
        actor: input.by,
        action: 'dnc.removed',
        subject: `phone:${phone}`,
        detail: { list: INTERNAL_LIST, reason: input.reason ?? null },
        at,
      })
    return { phone, removed }
  })

/**
 * Imports a list file: the internal list's CSV (entries join the list) or a register's full download
 * (the list becomes the file, dated `screenedAt`). Every row is read first; if any cannot be, nothing
 * is written unless `importValidRows` (then the report lists the rows left out). The write is one
 * transaction, audited once.
 */
export const importSuppressionList = (request: ListImportRequest) =>
  Effect.gen(function* () {
    const input = yield* decodeWith(ImportRequest, invalid)(request)
    const { defaultRegion } = yield* PhoneConfig
    const internal = input.listId === INTERNAL_LIST
    const format = input.format ?? defaultFormat(input.listId)
    if (internal && format !== 'csv')
      return yield* new InvalidListRequest({
        field: 'format',
        message: 'format: the internal list is imported from CSV (phone,reason,source)',
      })
    const rows = readListFile(input.text, {
      format,
      listId: input.listId,
      fileName: input.fileName,
      defaultRegion: defaultRegion as CountryCode,
    })
    const errors = rows.flatMap((r: ListFileRow) =>
      r.ok ? [] : [{ row: r.row, input: r.input, message: r.message }],
    )
    const seen = new Set<string>()
    const entries = rows.flatMap((r) => {
      if (!r.ok || seen.has(r.phone)) return []
      seen.add(r.phone)
      return [{ phone: r.phone, reason: r.reason, source: r.source }]
    })
    const validRows = rows.length - errors.length
    if (errors.length > 0 && !input.importValidRows)
      return yield* new ListImportRejected({
        listId: input.listId,
        validRows,
        errors,
        message: `${errors.length} row${errors.length === 1 ? '' : 's'} could not be read (first: row ${errors[0]?.row}: ${errors[0]?.message}); nothing was imported. Fix the file, or import the ${validRows} valid rows.`,
      })
    if (entries.length === 0 && internal)
      return yield* new InvalidListRequest({ field: 'text', message: 'text: the file has no entries' })
    const at = yield* currentDate
    const screenedAt = internal ? null : (input.screenedAt ?? at)
    if (screenedAt && +screenedAt > +at)
      return yield* new InvalidListRequest({
        field: 'screenedAt',
        message: 'screenedAt: the copy cannot be dated in the future',
      })
    const written = yield* Effect.flatMap(SuppressionListStore, (store) =>
      store.importList({
        listId: input.listId,
        kind: internal ? 'internal' : 'register',
        mode: internal ? 'add' : 'replace',
        entries,
        screenedAt,
        importedBy: input.by,
        at,
      }),
    )
    yield* recordAudit({
      actor: input.by,
      action: 'dnc.imported',
      subject: `list:${input.listId}`,
      detail: {
        file: input.fileName,
        format,
        rows: rows.length,
        added: written.added,
        removed: written.removed,
        rowsLeftOut: errors.length,
        screenedAt: screenedAt?.toISOString() ?? null,
      },
      at,
    })
    return {
      listId: input.listId,
      format,
      rows: rows.length,
      validRows,
      duplicates: validRows - entries.length,
      errors,
      added: written.added,
      removed: written.removed,
      screenedAt,
    } satisfies ListImportReport as ListImportReport
  })

const Page = Schema.Struct({
  listId: Schema.optionalWith(SuppressionListId, { default: () => INTERNAL_LIST }),
  limit: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 500)), { default: () => 100 }),
  offset: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 10_000_000)), { default: () => 0 }),
  /** A page's `nextCursor` (`pageListEntries`), to read the page after it. */
  cursor: Schema.optional(Schema.String.pipe(Schema.maxLength(400))),
})
export type ListEntriesQuery = typeof Page.Encoded

const readEntries = (query: ListEntriesQuery, extra: number) =>
  Effect.gen(function* () {
    const page = yield* decodeWith(Page, invalid)(query)
    const after = page.cursor === undefined ? null : yield* decodeCursor(page.cursor)
    const rows = yield* Effect.flatMap(SuppressionListStore, (s) =>
      s.entries(page.listId, { limit: page.limit + extra, offset: page.offset, after }),
    )
    return { rows, limit: page.limit }
  })

/** A list's entries, newest first (the internal list by default). */
export const listEntries = (query: ListEntriesQuery = {}) =>
  Effect.map(readEntries(query, 0), ({ rows }) => rows)

/** The same a page at a time: `{ items, nextCursor }` (null on the last page); rejects `InvalidCursor`. */
export const pageListEntries = (query: ListEntriesQuery = {}) =>
  Effect.map(
    readEntries(query, 1),
    ({ rows, limit }): CursorPage<ListEntry> => pageOf(rows, limit, (e) => ({ at: e.addedAt, id: e.phone })),
  )
