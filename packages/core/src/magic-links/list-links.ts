import { Effect, Schema } from 'effect'
import { decodeCursor, type Page, pageOf } from '../kernel/cursor.js'
import { decodeWith } from '../kernel/decode.js'
import { InvalidMagicLinkRequest } from './errors.js'
import { type MagicLink, MagicLinkStore } from './magic-link-store.js'

/** Links issued from `since` (included) to `until` (excluded), a page at a time (`cursor` from the last page). */
export const LinkListRequest = Schema.Struct({
  since: Schema.ValidDateFromSelf,
  until: Schema.ValidDateFromSelf,
  cursor: Schema.optional(Schema.String.pipe(Schema.maxLength(400))),
  limit: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 500)), { default: () => 50 }),
}).pipe(
  Schema.filter((r) =>
    +r.until <= +r.since ? { path: ['until'], message: 'until must be after since' } : undefined,
  ),
)
export type LinkListRequest = typeof LinkListRequest.Encoded

const decodeRequest = decodeWith(LinkListRequest, (issue) => new InvalidMagicLinkRequest(issue))

/**
 * One page of the links issued in a range, newest first, with the cursor of the next page (null on
 * the last). Rejects `InvalidMagicLinkRequest` naming the field, or `InvalidCursor`.
 */
export const listMagicLinks = (input: LinkListRequest) =>
  Effect.gen(function* () {
    const request = yield* decodeRequest(input)
    const after = request.cursor === undefined ? null : yield* decodeCursor(request.cursor)
    const rows = yield* Effect.flatMap(MagicLinkStore, (store) =>
      store.listLinks({ since: request.since, until: request.until, after, limit: request.limit + 1 }),
    )
    return pageOf(rows, request.limit, (link) => ({ at: link.issuedAt, id: link.id })) as Page<MagicLink>
  })
