import { Clock, Effect, Option, Redacted, Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { LeadNotFound } from '../leads/lead-context.js'
import { LeadSource } from '../leads/lead-source.js'
import { writeAudit } from '../messaging/audit.js'
import { deliver, ensureNotOptedOut } from '../messaging/deliver.js'
import { MessagingConfig } from '../messaging/messaging-config.js'
import { MessagingStore } from '../messaging/messaging-store.js'
import { normalizeForSms } from '../messaging/phone.js'
import { renderTemplate } from '../messaging/templates.js'
import { InvalidMagicLinkRequest } from './errors.js'
import { IssueLinkRequest, issueMagicLink, linkTypeOf } from './issue-link.js'
import { MagicLinkStore } from './magic-link-store.js'
import { MagicLinksConfig } from './magic-links-config.js'

export const SendLinkRequest = Schema.extend(
  IssueLinkRequest,
  Schema.Struct({
    /** Send to this number instead of the lead's number in the source. */
    to: Schema.optional(Schema.String),
  }),
)
export type SendLinkRequest = typeof SendLinkRequest.Encoded

const decodeRequest = decodeWith(SendLinkRequest, (issue) => new InvalidMagicLinkRequest(issue))

/**
 * What an agent does in one click: issue a link for the lead and text it to them, in their
 * conversation, with the link type's template. Every check that can refuse (link type, lead, number,
 * opt-out, template) runs before the link is issued, so a refusal leaves only its audit record. If the
 * provider then fails, the link is revoked, as nobody received it.
 */
export const sendMagicLinkSms = (input: SendLinkRequest) =>
  Effect.gen(function* () {
    const request = yield* decodeRequest(input)
    const actor = request.issuedBy ?? 'system'
    const subject = `lead:${request.leadId}`
    const refuse = (reason: string) => writeAudit({ actor, action: 'magic_link.refused', subject, reason })
    const linkSettings = yield* MagicLinksConfig
    const smsSettings = yield* MessagingConfig
    const linkType = yield* Effect.tapError(linkTypeOf(linkSettings, request.linkType), () =>
      refuse('unknown_link_type'),
    )
    const profile = yield* Effect.flatMap(LeadSource, (source) => source.profile(request.leadId))
    if (Option.isNone(profile)) {
      yield* refuse('lead_not_found')
      return yield* new LeadNotFound({
        leadId: request.leadId,
        message: `Lead ${request.leadId} is not in the source`,
      })
    }
    const { e164 } = yield* Effect.tapError(
      normalizeForSms(request.to ?? profile.value.phone, smsSettings, request.to ? 'to' : 'phone'),
      (error) => refuse(`invalid_number:${error.reason}`),
    )
    yield* Effect.tapError(ensureNotOptedOut(e164), () => refuse('opted_out'))
    // Rendered once with a stand-in of the link's length, so a template too long is refused before issue.
    const values = { firstName: profile.value.firstName, lastName: profile.value.lastName }
    const probe = `${linkSettings.baseUrl}${linkType.path.replace('{token}', 'x'.repeat(43))}`
    yield* Effect.tapError(
      renderTemplate(
        linkType.smsTemplate,
        { ...values, link: probe },
        {
          maxSegments: smsSettings.maxSegments,
          field: `linkTypes.${linkType.type}.smsTemplate`,
        },
      ),
      (error) => refuse(error._tag),
    )
    const issued = yield* issueMagicLink(input)
    const sms = yield* renderTemplate(
      linkType.smsTemplate,
      { ...values, link: Redacted.value(issued.url) },
      { maxSegments: smsSettings.maxSegments, field: `linkTypes.${linkType.type}.smsTemplate` },
    )
    const now = new Date(yield* Clock.currentTimeMillis)
    const conversation = yield* Effect.flatMap(MessagingStore, (store) =>
      store.openConversation(e164, request.leadId, now),
    )
    const message = yield* deliver({
      conversation,
      sms,
      sentBy: request.issuedBy ?? null,
      autoReply: false,
      templateId: `link:${linkType.type}`,
    }).pipe(
      Effect.tapError(() =>
        Effect.flatMap(MagicLinkStore, (store) =>
          store.revokeLink(issued.link.id, 'the SMS carrying it was not sent', now),
        ),
      ),
    )
    return { ...issued, message }
  })
