import { Clock, Effect, Option, Redacted, Schema } from 'effect'
import type { TakeCallRequest } from './take-call.js'
import { VoiceAgentId } from './voice-agent.js'
import { VoiceAiConfig } from './voice-ai-config.js'

/** A stream that cannot be given to an AI agent: no ticket, a forged or expired one, another call's. */
export class InvalidAiStream extends Schema.TaggedError<InvalidAiStream>()('InvalidAiStream', {
  field: Schema.String,
  message: Schema.String,
}) {}

/** How long after the redirect the stream may connect: Twilio opens it within seconds. */
export const TICKET_TTL_MS = 5 * 60_000

const Ticket = Schema.parseJson(
  Schema.Struct({
    callId: Schema.String,
    providerCallId: Schema.String,
    agentId: VoiceAgentId,
    campaignId: Schema.NullOr(Schema.String),
    direction: Schema.Literal('inbound', 'outbound'),
    context: Schema.String,
    expiresAt: Schema.Number,
  }),
)

const encoder = new TextEncoder()
const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')
/** The bytes of base64url text; null when it is not base64url at all. */
const fromBase64url = (text: string): Uint8Array<ArrayBuffer> | null => {
  try {
    return Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0))
  } catch {
    return null
  }
}

const hmacKey = (secret: Redacted.Redacted<string>) =>
  Effect.promise(() =>
    globalThis.crypto.subtle.importKey(
      'raw',
      encoder.encode(Redacted.value(secret)),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    ),
  )

/**
 * The call's request signed for its stream (HMAC-SHA256 with `streamSecret`): `body.signature`, the
 * body the request and its expiry as base64url JSON. None without a `streamSecret`.
 */
export const signAiCallTicket = (request: TakeCallRequest) =>
  Effect.gen(function* () {
    const { streamSecret } = yield* VoiceAiConfig
    if (!streamSecret) return Option.none<string>()
    const expiresAt = (yield* Clock.currentTimeMillis) + TICKET_TTL_MS
    const body = base64url(
      encoder.encode(
        JSON.stringify({
          callId: request.callId,
          providerCallId: request.providerCallId,
          agentId: request.agentId,
          campaignId: request.campaignId ?? null,
          direction: request.direction,
          context: request.context ?? '',
          expiresAt,
        }),
      ),
    )
    const key = yield* hmacKey(streamSecret)
    const signature = yield* Effect.promise(() =>
      globalThis.crypto.subtle.sign('HMAC', key, encoder.encode(body)),
    )
    return Option.some(`${body}.${base64url(new Uint8Array(signature))}`)
  })

const refuse = (field: string, message: string) => Effect.fail(new InvalidAiStream({ field, message }))

/**
 * The request a stream's ticket carries, once its signature, its expiry and its call (the stream's own
 * `providerCallId`, as the provider reports it) are checked. Anything else is refused.
 */
export const openAiCallTicket = (ticket: unknown, providerCallId: unknown) =>
  Effect.gen(function* () {
    const { streamSecret } = yield* VoiceAiConfig
    if (!streamSecret) return yield* refuse('ticket', 'ticket: this dialler has no streamSecret to check it')
    if (typeof ticket !== 'string' || ticket.length > 8000 || !/^[\w-]+\.[\w-]+$/.test(ticket))
      return yield* refuse('ticket', 'ticket: the stream carries no ticket, or not one of ours')
    const [body = '', signature = ''] = ticket.split('.')
    const signatureBytes = fromBase64url(signature)
    const key = yield* hmacKey(streamSecret)
    const valid =
      signatureBytes !== null &&
      (yield* Effect.promise(() =>
        globalThis.crypto.subtle.verify('HMAC', key, signatureBytes, encoder.encode(body)).catch(() => false),
      ))
    if (!valid) return yield* refuse('ticket', 'ticket: the signature does not match')
    const bodyBytes = fromBase64url(body)
    const decoded =
      bodyBytes === null
        ? Option.none()
        : Schema.decodeUnknownOption(Ticket)(new TextDecoder().decode(bodyBytes))
    if (Option.isNone(decoded)) return yield* refuse('ticket', 'ticket: its body is not a call request')
    const { expiresAt, ...request } = decoded.value
    if ((yield* Clock.currentTimeMillis) > expiresAt) return yield* refuse('ticket', 'ticket: it has expired')
    if (providerCallId !== request.providerCallId)
      return yield* refuse(
        'providerCallId',
        'providerCallId: the stream carries another call than its ticket',
      )
    return request satisfies TakeCallRequest
  })
