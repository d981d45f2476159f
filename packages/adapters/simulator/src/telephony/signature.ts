import { createHmac, timingSafeEqual } from 'node:crypto'
import { Telephony } from '@ringlane/core'
import { Effect } from 'effect'

export const SIGNATURE_HEADER = 'x-ringlane-simulator-signature'

/**
 * The simulator signs its webhooks the way Twilio does (the URL, then every parameter name and value
 * in name order), with HMAC-SHA256: the app's verification path is exercised for real.
 */
export const signWebhook = (secret: string, url: string, params: Readonly<Record<string, string>>) => {
  const data = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + params[key], url)
  return createHmac('sha256', secret).update(data).digest('base64')
}

/** A form-encoded POST of `params` to `url`, signed with `secret` as the simulator signs its webhooks. */
export const signedWebhook = (
  secret: string,
  url: string,
  params: Readonly<Record<string, string>>,
): Telephony.WebhookRequest => ({
  url,
  method: 'POST',
  headers: {
    [SIGNATURE_HEADER]: signWebhook(secret, url, params),
    'content-type': 'application/x-www-form-urlencoded',
  },
  body: new URLSearchParams(params).toString(),
})

export const signatureMatches = (
  secret: string,
  url: string,
  params: Readonly<Record<string, string>>,
  signature: string,
) => {
  const expected = Buffer.from(signWebhook(secret, url, params))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/**
 * Checks a webhook the simulator signed, against the URL it was sent to on the app's public origin
 * (a proxy in front of the app may have changed the host the request shows). Gives the body's
 * parameters and the URL the request shows.
 */
export const verifySignedWebhook = (
  secret: string,
  publicBaseUrl: string,
  request: Telephony.WebhookRequest,
): Effect.Effect<
  { readonly params: Record<string, string>; readonly url: URL },
  Telephony.WebhookRejected
> => {
  const signature = Object.entries(request.headers).find(
    ([name]) => name.toLowerCase() === SIGNATURE_HEADER,
  )?.[1]
  if (!signature) {
    return Effect.fail(
      new Telephony.WebhookRejected({
        reason: 'missing-signature',
        message: `The request has no ${SIGNATURE_HEADER} header`,
      }),
    )
  }
  const params = Object.fromEntries(new URLSearchParams(request.body))
  const seen = new URL(request.url)
  const target = new URL(seen.pathname + seen.search, publicBaseUrl).toString()
  return signatureMatches(secret, target, params, signature)
    ? Effect.succeed({ params, url: seen })
    : Effect.fail(
        new Telephony.WebhookRejected({
          reason: 'bad-signature',
          message: `The simulator signature does not match ${target}`,
        }),
      )
}
