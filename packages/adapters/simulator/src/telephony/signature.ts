import { createHmac, timingSafeEqual } from 'node:crypto'

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
