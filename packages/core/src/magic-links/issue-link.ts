import { Clock, Effect, Redacted, Schema } from 'effect'
import { activeAgentIfStored } from '../agents/active-agent.js'
import { decodeWith } from '../kernel/decode.js'
import { AgentId, LeadId } from '../kernel/ids.js'
import { writeAudit } from '../messaging/audit.js'
import { InvalidMagicLinkRequest, UnknownLinkType } from './errors.js'
import type { MagicLinkType } from './link-types.js'
import { linkUrl } from './link-types.js'
import { type MagicLink, MagicLinkStore } from './magic-link-store.js'
import { type MagicLinkSettings, MagicLinksConfig } from './magic-links-config.js'
import { hashLinkToken, type LinkToken, newLinkToken } from './token.js'

export const IssueLinkRequest = Schema.Struct({
  leadId: LeadId,
  linkType: Schema.String,
  /** The agent sending it; absent for the dialler itself. */
  issuedBy: Schema.optional(AgentId),
  callSessionId: Schema.optional(Schema.String.pipe(Schema.maxLength(64))),
  /** Overrides the default life of 24 hours, up to the configured maximum. */
  expiresInMinutes: Schema.optional(Schema.Int.pipe(Schema.positive())),
  /** The link opens once; later openings are refused as `used`. */
  singleUse: Schema.optional(Schema.Boolean),
})
export type IssueLinkRequest = typeof IssueLinkRequest.Encoded

export interface IssuedMagicLink {
  readonly link: MagicLink
  /** The URL to send. It carries the token, so it is redacted in logs: `Redacted.value(url)` to use it. */
  readonly url: Redacted.Redacted<string>
  readonly token: Redacted.Redacted<LinkToken>
}

const decodeRequest = decodeWith(IssueLinkRequest, (issue) => new InvalidMagicLinkRequest(issue))

export const linkTypeOf = (settings: MagicLinkSettings, linkType: string) =>
  Effect.suspend((): Effect.Effect<MagicLinkType, UnknownLinkType> => {
    const found = settings.linkTypes.find((t) => t.type === linkType)
    const known = settings.linkTypes.map((t) => t.type)
    return found
      ? Effect.succeed(found)
      : Effect.fail(
          new UnknownLinkType({
            field: 'linkType',
            linkType,
            known,
            message: `linkType: "${linkType}" is not a link type; known: ${known.join(', ')}`,
          }),
        )
  })

const actorOf = (input: unknown) => {
  const by = typeof input === 'object' && input !== null ? (input as { issuedBy?: unknown }).issuedBy : null
  return typeof by === 'string' && Schema.is(AgentId)(by) ? by : 'system'
}

/**
 * Issues a link for a lead: a fresh 256-bit token of which only the hash is stored, the link type's
 * URL on the base URL, an expiry. An unknown link type or bad input is refused, writing nothing but an
 * audit record.
 */
export const issueMagicLink = (input: IssueLinkRequest) =>
  Effect.gen(function* () {
    const actor = actorOf(input)
    const refuse = (reason: string, subject: string) =>
      writeAudit({ actor, action: 'magic_link.refused', subject, reason })
    const request = yield* Effect.tapError(decodeRequest(input), (e) =>
      refuse(`invalid:${e.field}`, 'lead:unknown'),
    )
    const subject = `lead:${request.leadId}`
    yield* Effect.tapError(activeAgentIfStored(request.issuedBy), () => refuse('unknown_agent', subject))
    const settings = yield* MagicLinksConfig
    const linkType = yield* Effect.tapError(linkTypeOf(settings, request.linkType), () =>
      refuse('unknown_link_type', subject),
    )
    const minutes = request.expiresInMinutes ?? settings.defaultExpiryMinutes
    if (minutes > settings.maxExpiryMinutes) {
      yield* refuse('invalid:expiresInMinutes', subject)
      return yield* new InvalidMagicLinkRequest({
        field: 'expiresInMinutes',
        message: `expiresInMinutes: at most ${settings.maxExpiryMinutes} minutes; a long-lived link is a standing key`,
      })
    }
    const token = yield* newLinkToken
    const tokenHash = yield* hashLinkToken(token)
    const issuedAt = new Date(yield* Clock.currentTimeMillis)
    const link = yield* Effect.flatMap(MagicLinkStore, (store) =>
      store.insertLink({
        tokenHash,
        leadId: request.leadId,
        linkType: linkType.type,
        issuedBy: request.issuedBy ?? null,
        callSessionId: request.callSessionId ?? null,
        issuedAt,
        expiresAt: new Date(+issuedAt + minutes * 60_000),
        singleUse: request.singleUse ?? false,
      }),
    )
    yield* writeAudit({
      actor,
      action: 'magic_link.issued',
      subject,
      reason: linkType.type,
      detail: { linkId: link.id },
    })
    return {
      link,
      url: Redacted.make(linkUrl(settings.baseUrl, linkType, token)),
      token: Redacted.make(token),
    } satisfies IssuedMagicLink
  })
