import { Either, Schema } from 'effect'

/**
 * Where a page of a newest-first list stops: the last row's time and id. The next page is every row
 * before it in (time, id) order, so rows added while someone pages (newer ones) never shift a page.
 */
export interface PageKey {
  readonly at: Date
  readonly id: string
}

/**
 * Where a page of a list ranked first, then newest first, stops (the SMS inbox: priority, then the
 * latest message): the last row's rank, time and id.
 */
export interface RankedPageKey extends PageKey {
  readonly rank: number
}

/** One page of a list, and the cursor of the next (null on the last page). */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly nextCursor: string | null
}

/** A cursor that is not one this SDK made (edited, cut short, from elsewhere); `field` names it. */
export class InvalidCursor extends Schema.TaggedError<InvalidCursor>()('InvalidCursor', {
  field: Schema.String,
  message: Schema.String,
}) {}

// Version 1: [1, epoch milliseconds, id]; version 2 (ranked lists): [2, rank, epoch milliseconds, id].
// The version lets the shape change without old links failing in a way anyone could mistake for an
// empty page, and a cursor of one kind of list is never read as the other's.
const Millis = Schema.Int.pipe(Schema.between(0, 8_640_000_000_000_000))
const Id = Schema.String.pipe(Schema.minLength(1), Schema.maxLength(200))
const decodePayload = Schema.decodeUnknownEither(
  Schema.parseJson(Schema.Tuple(Schema.Literal(1), Millis, Id)),
)
const decodeRankedPayload = Schema.decodeUnknownEither(
  Schema.parseJson(Schema.Tuple(Schema.Literal(2), Schema.Int.pipe(Schema.between(0, 1000)), Millis, Id)),
)

// base64url without padding, with the platform's own codecs (core runs outside Node too).
const toBase64Url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')
const fromBase64Url = (text: string): string | null => {
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'))
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
  } catch {
    return null
  }
}

/** The opaque text that stands for a key (base64url, no padding); a ranked key keeps its rank. */
export const encodeCursor = (key: PageKey | RankedPageKey): string =>
  toBase64Url(
    JSON.stringify('rank' in key ? [2, key.rank, key.at.getTime(), key.id] : [1, key.at.getTime(), key.id]),
  )

/**
 * Reads a cursor with `decode`, then checks the same text comes back from the key, so a cursor has
 * exactly one spelling. Anything this SDK did not make is `InvalidCursor` naming `field`.
 */
const readCursor = <K extends PageKey>(
  cursor: string,
  field: string,
  decode: (text: string) => K | null,
): Either.Either<K, InvalidCursor> => {
  const refuse = () =>
    Either.left(
      new InvalidCursor({
        field,
        message: `${field}: not a cursor from this list; start from the first page`,
      }),
    )
  if (cursor.length === 0 || cursor.length > 400 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return refuse()
  const text = fromBase64Url(cursor)
  const key = text === null ? null : decode(text)
  return key !== null && encodeCursor(key) === cursor ? Either.right(key) : refuse()
}

/** Reads a cursor back into its key, or `InvalidCursor` naming `field` for anything this SDK did not make. */
export const decodeCursor = (cursor: string, field = 'cursor'): Either.Either<PageKey, InvalidCursor> =>
  readCursor(cursor, field, (text) =>
    Either.match(decodePayload(text), {
      onLeft: () => null,
      onRight: ([, at, id]) => ({ at: new Date(at), id }),
    }),
  )

/** Reads a ranked list's cursor back into its key; a plain list's cursor is refused like any other. */
export const decodeRankedCursor = (
  cursor: string,
  field = 'cursor',
): Either.Either<RankedPageKey, InvalidCursor> =>
  readCursor(cursor, field, (text) =>
    Either.match(decodeRankedPayload(text), {
      onLeft: () => null,
      onRight: ([, rank, at, id]) => ({ rank, at: new Date(at), id }),
    }),
  )

/**
 * A page from `limit + 1` rows read newest first: the first `limit`, and a cursor after the last of
 * them when there was one more.
 */
export const pageOf = <A>(
  rows: ReadonlyArray<A>,
  limit: number,
  keyOf: (row: A) => PageKey | RankedPageKey,
): Page<A> => {
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null }
}
