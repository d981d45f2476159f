import { Clock, Effect, Option, Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { AgentId } from '../kernel/ids.js'
import { writeAudit } from '../messaging/audit.js'
import { InvalidMagicLinkRequest, MagicLinkNotFound } from './errors.js'
import { MagicLinkStore } from './magic-link-store.js'

export const RevokeLinkRequest = Schema.Struct({
  linkId: Schema.UUID.annotations({ message: () => 'linkId must be a UUID' }),
  reason: Schema.String.pipe(
    Schema.trimmed({ message: () => 'reason must not start or end with spaces' }),
    Schema.minLength(1, { message: () => 'reason must say why the link is withdrawn' }),
    Schema.maxLength(200),
  ),
  /** The agent withdrawing it; absent for the dialler itself. */
  revokedBy: Schema.optional(AgentId),
})
export type RevokeLinkRequest = typeof RevokeLinkRequest.Encoded

const decodeRequest = decodeWith(RevokeLinkRequest, (issue) => new InvalidMagicLinkRequest(issue))

/** Withdraws a link with a reason; it never opens again. Revoking twice keeps the first reason. */
export const revokeMagicLink = (input: RevokeLinkRequest) =>
  Effect.gen(function* () {
    const request = yield* decodeRequest(input)
    const at = new Date(yield* Clock.currentTimeMillis)
    const store = yield* MagicLinkStore
    const revoked = yield* store.revokeLink(request.linkId, request.reason, at)
    if (Option.isNone(revoked)) {
      return yield* new MagicLinkNotFound({
        linkId: request.linkId,
        message: `There is no magic link ${request.linkId}`,
      })
    }
    yield* writeAudit({
      actor: request.revokedBy ?? 'system',
      action: 'magic_link.revoked',
      subject: `link:${request.linkId}`,
      reason: request.reason,
    })
    return revoked.value
  })
