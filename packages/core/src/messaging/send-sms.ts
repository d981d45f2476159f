import { Clock, Effect, Either, Schema } from 'effect'
import { activeAgentIfStored } from '../agents/active-agent.js'
import { decodeWith } from '../kernel/decode.js'
import { AgentId, LeadId } from '../kernel/ids.js'
import { writeAudit } from './audit.js'
import { deliver, ensureNotOptedOut } from './deliver.js'
import { InvalidSmsRequest, UnknownTemplate } from './errors.js'
import { MessagingConfig } from './messaging-config.js'
import { MessagingStore } from './messaging-store.js'
import { normalizeForSms } from './phone.js'
import { checkLength, renderTemplate } from './templates.js'

/** A text to send: either a `body` as written, or a `templateId` with the `values` it needs. */
export const SendSmsRequest = Schema.Struct({
  to: Schema.String.pipe(Schema.minLength(1, { message: () => 'to must be a phone number' })),
  body: Schema.optional(Schema.String.pipe(Schema.minLength(1, { message: () => 'body must not be empty' }))),
  templateId: Schema.optional(Schema.String),
  values: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.NullOr(Schema.String) })),
  /** The agent sending it; absent for the dialler itself. */
  sentBy: Schema.optional(AgentId),
  /** The lead the text is about, so the conversation is linked even before any reply. */
  leadId: Schema.optional(LeadId),
}).pipe(
  Schema.filter((request) =>
    (request.body === undefined) === (request.templateId === undefined)
      ? { path: ['body'], message: 'give either body or templateId, not both and not neither' }
      : undefined,
  ),
)
export type SendSmsRequest = typeof SendSmsRequest.Encoded

const decodeRequest = decodeWith(SendSmsRequest, (issue) => new InvalidSmsRequest(issue))

const templateOf = (templates: Readonly<Record<string, string>>, templateId: string) => {
  const template = templates[templateId]
  const known = Object.keys(templates)
  return template === undefined
    ? Either.left(
        new UnknownTemplate({
          field: 'templateId',
          templateId,
          known,
          message: `templateId: there is no template "${templateId}"; known: ${known.join(', ') || 'none'}`,
        }),
      )
    : Either.right(template)
}

const actorOf = (input: unknown) => {
  const sentBy = typeof input === 'object' && input !== null ? (input as { sentBy?: unknown }).sentBy : null
  return typeof sentBy === 'string' && Schema.is(AgentId)(sentBy) ? sentBy : 'system'
}

/**
 * Sends a text to a number, in that number's conversation. Refuses, writing nothing but an audit
 * record, when the input is malformed, the number is not a valid phone number, the template is unknown
 * or renders too long, or the number has opted out.
 */
export const sendSms = (input: SendSmsRequest) =>
  Effect.gen(function* () {
    const actor = actorOf(input)
    const refuse = (reason: string, subject: string) =>
      writeAudit({ actor, action: 'sms.refused', subject, reason })
    const request = yield* Effect.tapError(decodeRequest(input), (error) =>
      refuse(`invalid:${error.field}`, 'phone:unknown'),
    )
    yield* Effect.tapError(activeAgentIfStored(request.sentBy), () =>
      refuse('unknown_agent', 'phone:unknown'),
    )
    const config = yield* MessagingConfig
    const { e164 } = yield* Effect.tapError(normalizeForSms(request.to, config, 'to'), (error) =>
      refuse(`invalid_number:${error.reason}`, 'phone:invalid'),
    )
    const subject = `phone:${e164}`
    const sms = yield* Effect.tapError(
      request.templateId === undefined
        ? checkLength(request.body ?? '', config.maxSegments, 'body')
        : Effect.flatMap(templateOf(config.templates, request.templateId), (template) =>
            renderTemplate(template, request.values ?? {}, {
              maxSegments: config.maxSegments,
              field: `templates.${request.templateId}`,
            }),
          ),
      (error) => refuse(error._tag, subject),
    )
    // Checked before the conversation is opened, so a refused text leaves nothing behind.
    yield* Effect.tapError(ensureNotOptedOut(e164), () => refuse('opted_out', subject))
    const store = yield* MessagingStore
    const now = new Date(yield* Clock.currentTimeMillis)
    const conversation = yield* store.openConversation(e164, request.leadId ?? null, now)
    return yield* deliver({
      conversation,
      sms,
      sentBy: request.sentBy ?? null,
      autoReply: false,
      templateId: request.templateId ?? null,
    })
  })
