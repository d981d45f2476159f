import { Schema } from 'effect'

/** A webhook that is not from the provider: missing or wrong signature. Answer 403, write nothing. */
export class WebhookRejected extends Schema.TaggedError<WebhookRejected>()('WebhookRejected', {
  reason: Schema.Literal('missing-signature', 'bad-signature'),
  message: Schema.String,
}) {}

/** A signed webhook whose body is not what it should be. Answer 400 naming the field. */
export class InvalidWebhook extends Schema.TaggedError<InvalidWebhook>()('InvalidWebhook', {
  field: Schema.String,
  message: Schema.String,
}) {}

const absoluteUrl = (url: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol)
  } catch {
    return false
  }
}

// A parameter can carry no NUL (`%00`): no store keeps one, and no provider sends one.
const noEncodedNul = (text: string) => !/%00/.test(text)

/** A webhook as it arrived: the full public URL the provider called, its headers and raw body. */
export const WebhookRequest = Schema.Struct({
  url: Schema.String.pipe(
    Schema.filter(absoluteUrl, { message: () => 'url must be the absolute URL called' }),
    Schema.filter(noEncodedNul, { message: () => 'url must not carry a NUL character (%00)' }),
  ),
  method: Schema.Literal('GET', 'POST'),
  headers: Schema.Record({ key: Schema.String, value: Schema.UndefinedOr(Schema.String) }),
  /** `application/x-www-form-urlencoded` for Twilio; kept raw so signatures can be checked. */
  body: Schema.String.pipe(
    Schema.filter(noEncodedNul, { message: () => 'body must not carry a NUL character (%00)' }),
  ),
})
export type WebhookRequest = typeof WebhookRequest.Type

/** The webhook's form parameters, once its signature is verified. */
export type WebhookParams = Readonly<Record<string, string>>

/** The slice of a Fetch API `Request` a webhook needs (Remix, Next.js, Hono, Node's own `Request`). */
export interface FetchRequestLike {
  readonly url: string
  readonly method: string
  readonly headers: Iterable<[string, string]>
  readonly text: () => Promise<string>
}

/**
 * A webhook request from a Fetch API `Request`, body kept raw for the signature check. Behind a proxy,
 * build it from the public URL the provider called instead (signatures are over that URL).
 */
export const webhookRequestFrom = async (request: FetchRequestLike): Promise<WebhookRequest> => ({
  url: request.url,
  method: request.method.toUpperCase() === 'GET' ? 'GET' : 'POST',
  headers: Object.fromEntries(request.headers),
  body: await request.text(),
})
