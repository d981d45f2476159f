import { Telephony } from '@ringlane/core'
import { Effect, Redacted } from 'effect'
import twilio from 'twilio'

export interface TwilioWebhookConfig {
  readonly authToken: Redacted.Redacted<string>
  /**
   * The public origin Twilio calls (`https://dialler.example.com`). Signatures are computed over the
   * URL Twilio used, which behind a proxy is not the URL the app sees.
   */
  readonly publicBaseUrl: string
}

/** The URL Twilio signed: the public origin, with the request's own path and query string. */
export const publicUrlOf = (publicBaseUrl: string, requestUrl: string) => {
  const seen = new URL(requestUrl)
  const base = new URL(publicBaseUrl)
  const basePath = base.pathname.replace(/\/$/, '')
  return `${base.origin}${basePath}${seen.pathname}${seen.search}`
}

/** The request's `X-Twilio-Signature` (headers are matched whatever their case), or why it has none. */
export const twilioSignature = (request: Telephony.WebhookRequest): string | Telephony.WebhookRejected =>
  Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'x-twilio-signature')?.[1] ||
  new Telephony.WebhookRejected({
    reason: 'missing-signature',
    message: 'The request has no X-Twilio-Signature header',
  })

const formParams = (body: string): Record<string, string> => Object.fromEntries(new URLSearchParams(body))

/**
 * Checks `X-Twilio-Signature` with the `twilio` library, for form-encoded POSTs (parameters are part of
 * the signature) and GETs (the query is). Returns the parameters once they are known to be Twilio's.
 */
export const verifyTwilioWebhook = (
  config: TwilioWebhookConfig,
  request: Telephony.WebhookRequest,
): Effect.Effect<Telephony.WebhookParams, Telephony.WebhookRejected> => {
  const signature = twilioSignature(request)
  if (typeof signature !== 'string') return Effect.fail(signature)
  const url = publicUrlOf(config.publicBaseUrl, request.url)
  const params = request.method === 'POST' ? formParams(request.body) : {}
  const valid = twilio.validateRequest(Redacted.value(config.authToken), signature, url, params)
  if (!valid) {
    return Effect.fail(
      new Telephony.WebhookRejected({
        reason: 'bad-signature',
        message: `The X-Twilio-Signature does not match ${url}; check the auth token and that the public base URL is the one Twilio calls`,
      }),
    )
  }
  // Our own parameters ride in the callback URL's query (covered by the signature); Twilio's in the body.
  return Effect.succeed({ ...Object.fromEntries(new URL(request.url).searchParams), ...params })
}
