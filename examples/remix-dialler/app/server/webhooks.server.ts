import { webhookRequestFrom } from '@ringlane/core'
import { app } from './app.server'
import { noteRejectedWebhook } from './ops-alerts.server'
import { takeRequest, tooManyRequests } from './rate-limit.server'

export type WebhookKind =
  | 'voice'
  | 'ivr'
  | 'call-status'
  | 'recording-status'
  | 'sms-inbound'
  | 'sms-status'
  | 'transcript-ready'
export type WebhookProvider = 'twilio' | 'simulator'

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

const tagOf = (error: unknown) =>
  typeof error === 'object' && error !== null && '_tag' in error ? String(error._tag) : null
const fieldOf = (error: unknown) =>
  typeof error === 'object' && error !== null && 'field' in error && typeof error.field === 'string'
    ? error.field
    : null

/**
 * What a provider hears back when its webhook was not applied. Unsigned or tampered: 403, and nothing
 * but the refusal's audit record is written. Malformed: 400 naming the field, so the provider's log
 * says what to fix. Anything else is ours: 500, so the provider retries; the log names the error only,
 * never the body (it carries phone numbers and texts).
 */
export const webhookFailure = (error: unknown, route: string) => {
  const tag = tagOf(error)
  if (tag === 'WebhookRejected') {
    // Counted for the operations alert on a spike of them (a wrong auth token, or forgeries).
    noteRejectedWebhook()
    return text(403, 'The webhook signature is missing or does not match.')
  }
  const field = fieldOf(error)
  if (field !== null) {
    const message = error instanceof Error ? error.message : 'is not valid'
    return text(400, message.startsWith(`${field}:`) ? message : `${field}: ${message}`)
  }
  console.error(`webhook ${route} failed: ${tag ?? (error instanceof Error ? error.name : 'error')}`)
  return text(500, 'The webhook could not be processed; try again.')
}

/** The request as the SDK's verification reads it: raw body, every header, the URL it came to. */
/**
 * One provider webhook over HTTP. Each provider has its own routes and only the configured one answers,
 * so a simulator signature can never reach a Twilio deployment (and the other way round).
 */
export const receiveWebhook = async (request: Request, provider: WebhookProvider, kind: WebhookKind) => {
  const route = `/webhooks/${provider}/${kind}`
  if (request.method !== 'POST') return text(405, 'Webhooks are POSTed.')
  const { webhooks, env } = await app()
  if (webhooks.provider !== provider)
    return text(404, `${provider} webhooks are not in use here; this dialler runs on ${webhooks.provider}.`)
  // Per provider, before any signature work: a flood costs a counter, not an HMAC and a database.
  const wait = takeRequest(`webhook:${provider}`, env.RATE_LIMIT_WEBHOOKS)
  if (wait !== null) return tooManyRequests(wait, 'webhooks')
  try {
    const webhook = await webhookRequestFrom(request)
    switch (kind) {
      case 'voice':
      case 'ivr': {
        const instructions = await (kind === 'voice' ? webhooks.voice(webhook) : webhooks.flow(webhook))
        return new Response(instructions.body, {
          status: 200,
          headers: { 'Content-Type': instructions.contentType },
        })
      }
      case 'call-status':
        await webhooks.callStatus(webhook)
        break
      case 'recording-status':
        await webhooks.recordingStatus(webhook)
        break
      case 'sms-inbound':
        await webhooks.smsInbound(webhook)
        // Automatic answers go out through the API, so Twilio is told to send nothing itself.
        if (provider === 'twilio')
          return new Response('<?xml version="1.0" encoding="UTF-8"?><Response/>', {
            status: 200,
            headers: { 'Content-Type': 'text/xml' },
          })
        break
      case 'sms-status':
        await webhooks.smsStatus(webhook)
        break
      case 'transcript-ready':
        if (!webhooks.transcriptReady) return text(404, 'Nothing transcribes recordings here.')
        // An unknown transcript is acknowledged and nothing is written.
        await webhooks.transcriptReady(webhook)
        break
    }
    return new Response(null, { status: 204 })
  } catch (error) {
    return webhookFailure(error, route)
  }
}
