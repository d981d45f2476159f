import { Clock, Effect, Option, Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { writeAudit } from '../messaging/audit.js'
import { InvalidMagicLinkRequest, MagicLinkRejected } from './errors.js'
import { type MagicLink, MagicLinkStore } from './magic-link-store.js'
import { constantTimeEqual, hashLinkToken, LinkToken } from './token.js'

export const VerifyLinkRequest = Schema.Struct({
  token: Schema.String,
  /** Recorded on the link for the agent's view; trimmed to 512 characters. */
  userAgent: Schema.optional(Schema.NullOr(Schema.String)),
  ip: Schema.optional(Schema.NullOr(Schema.String.pipe(Schema.maxLength(64)))),
})
export type VerifyLinkRequest = typeof VerifyLinkRequest.Encoded

const decodeRequest = decodeWith(VerifyLinkRequest, (issue) => new InvalidMagicLinkRequest(issue))

const why = {
  malformed: 'This is not a link we sent; ask for a new one',
  unknown: 'This link is not one we sent; ask for a new one',
  expired: 'This link has expired; ask for a new one',
  revoked: 'This link was withdrawn; ask for a new one',
  used: 'This link could be used once and has been; ask for a new one',
} as const

/** Why a stored link does not open at `now`, or null if it does. */
const refusalOf = (link: MagicLink, now: Date): keyof typeof why | null =>
  link.revokedAt !== null
    ? 'revoked'
    : +link.expiresAt <= +now
      ? 'expired'
      : link.singleUse && link.accessCount > 0
        ? 'used'
        : null

/**
 * Opens a link: the token's hash finds the link, compared in constant time; the opening is counted
 * (first and last access, user agent, IP) in the same statement that re-checks the link is still
 * usable. A malformed, unknown, expired, revoked or used token is refused with its reason, writing
 * nothing but an audit record.
 */
export const verifyMagicLink = (input: VerifyLinkRequest) =>
  Effect.gen(function* () {
    const request = yield* decodeRequest(input)
    const ip = request.ip ?? null
    const reject = (reason: keyof typeof why, linkId: string | null) =>
      Effect.zipRight(
        writeAudit({
          actor: 'public',
          action: 'magic_link.rejected',
          subject: linkId === null ? 'link:unknown' : `link:${linkId}`,
          reason,
          detail: { ip },
        }),
        Effect.fail(new MagicLinkRejected({ reason, message: why[reason] })),
      )
    if (!Schema.is(LinkToken)(request.token)) return yield* reject('malformed', null)
    const hash = yield* hashLinkToken(request.token)
    const store = yield* MagicLinkStore
    const found = yield* store.findByTokenHash(hash)
    if (Option.isNone(found) || !constantTimeEqual(found.value.tokenHash, hash)) {
      return yield* reject('unknown', null)
    }
    const now = new Date(yield* Clock.currentTimeMillis)
    const refusal = refusalOf(found.value, now)
    if (refusal) return yield* reject(refusal, found.value.id)
    const opened = yield* store.recordAccess(found.value.id, {
      at: now,
      userAgent: request.userAgent?.slice(0, 512) ?? null,
      ip,
    })
    if (Option.isNone(opened)) {
      // Lost a race (a second click on a single-use link, a revocation): say which.
      const current = yield* store.findLink(found.value.id)
      const reason = Option.isSome(current) ? (refusalOf(current.value, now) ?? 'used') : 'unknown'
      return yield* reject(reason, found.value.id)
    }
    return opened.value
  })
