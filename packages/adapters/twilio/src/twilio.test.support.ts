// What the Twilio adapter's tests share.
import twilio from 'twilio'

/** A webhook signed like Twilio, with the real library: over the URL Twilio called and the form parameters. */
export const signedLikeTwilio = (authToken: string, url: string, params: Record<string, string>) => ({
  url,
  method: 'POST' as const,
  headers: { 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(authToken, url, params) },
  body: new URLSearchParams(params).toString(),
})
