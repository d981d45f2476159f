import { Calls } from '@ringlane/core'
import { AccessTokenConfig, twilioTelephony } from '@ringlane/twilio'
import { Redacted, Schema } from 'effect'
import twilio from 'twilio'
import { seeded } from '../measure.ts'
import type { SignedRequest } from './load.ts'

export const ACCOUNT_SID = `AC${'1'.repeat(32)}`
export const AUTH_TOKEN = 'bench-auth-token'
export const PUBLIC_BASE_URL = 'https://dialler.example.com'

/** Twilio with fake credentials: nothing reaches Twilio; only webhook verification uses the auth token. */
export const fakeCredentialsTwilio = () =>
  twilioTelephony({
    client: twilio(ACCOUNT_SID, AUTH_TOKEN),
    credentials: { username: ACCOUNT_SID, password: Redacted.make(AUTH_TOKEN) },
    accessToken: Schema.decodeUnknownSync(AccessTokenConfig)({
      accountSid: ACCOUNT_SID,
      apiKeySid: `SK${'2'.repeat(32)}`,
      apiKeySecret: 'fake-api-key-secret',
      twimlAppSid: `AP${'3'.repeat(32)}`,
    }),
    webhooks: { authToken: Redacted.make(AUTH_TOKEN), publicBaseUrl: PUBLIC_BASE_URL },
    callerId: '+441632960001',
  })
export const CALL_STATUS_PATH = '/webhooks/twilio/call-status'

export interface BenchCall {
  readonly sessionId: string
  readonly providerCallId: string
  readonly startedAt: Date
}

/** What one call's provider says, in the order it is sent. */
export interface CallWebhooks {
  readonly call: BenchCall
  readonly params: ReadonlyArray<Readonly<Record<string, string>>>
}

type Step = { readonly status: string; readonly after: number; readonly extra?: Record<string, string> }

// Twilio's statuses for the three common endings, with seconds after the call was placed.
const answered = (talk: number): Step[] => [
  { status: 'initiated', after: 0 },
  { status: 'ringing', after: 1 },
  { status: 'in-progress', after: 6, extra: { AnsweredBy: 'human' } },
  { status: 'completed', after: 6 + talk, extra: { CallDuration: String(talk) } },
]
const unanswered = (ending: 'busy' | 'no-answer', ring: number): Step[] => [
  { status: 'initiated', after: 0 },
  { status: 'ringing', after: 1 },
  { status: ending, after: 1 + ring, extra: { CallDuration: '0' } },
]

/**
 * The webhooks for a pool of calls: 60% answered, 20% busy, 20% no answer; 30% of callbacks delivered
 * twice, neighbours swapped 30% of the time, a late duplicate "ringing" after the end for 10% of calls;
 * then the calls' streams merged at random, so one call's webhooks sometimes arrive together.
 */
export const callWebhooks = (calls: ReadonlyArray<BenchCall>, seed: number) => {
  const next = seeded(seed)
  const streams: CallWebhooks[] = calls.map((call, index) => {
    const roll = next()
    const steps =
      roll < 0.6
        ? answered(10 + Math.floor(next() * 170))
        : unanswered(roll < 0.8 ? 'busy' : 'no-answer', 3 + Math.floor(next() * 25))
    const sent: Step[] = []
    for (const step of steps) {
      sent.push(step)
      if (next() < 0.3) sent.push(step)
    }
    for (let i = 0; i + 1 < sent.length; i++) {
      if (next() < 0.3) [sent[i], sent[i + 1]] = [sent[i + 1] as Step, sent[i] as Step]
    }
    if (next() < 0.1) sent.push(steps[1] as Step)
    const params = sent.map((step, sequence) => ({
      AccountSid: ACCOUNT_SID,
      ApiVersion: '2010-04-01',
      CallSid: call.providerCallId,
      CallStatus: step.status,
      CallbackSource: 'call-progress-events',
      Called: '+447700900123',
      Caller: 'client:agent',
      Direction: 'outbound-dial',
      From: '+441632960001',
      ParentCallSid: `CA${index.toString(16).padStart(32, 'f')}`,
      SequenceNumber: String(sequence),
      Timestamp: new Date(+call.startedAt + step.after * 1000).toUTCString(),
      To: '+447700900123',
      ...step.extra,
    }))
    return { call, params }
  })
  return { streams, requests: interleave(streams, next) }
}

/** Merges the calls' streams at random, keeping each call's own order, and signs each like Twilio. */
const interleave = (streams: ReadonlyArray<CallWebhooks>, next: () => number): SignedRequest[] => {
  const cursors = streams.map((stream) => ({ stream, at: 0 }))
  const requests: SignedRequest[] = []
  // A window of calls in flight at once, as a busy centre has: new calls join as old ones finish.
  const WINDOW = 64
  const live = cursors.splice(0, WINDOW)
  while (live.length > 0) {
    const pick = Math.floor(next() * live.length)
    const cursor = live[pick] as (typeof live)[number]
    const params = cursor.stream.params[cursor.at++] as Record<string, string>
    const path = `${CALL_STATUS_PATH}?${Calls.SESSION_PARAM}=${cursor.stream.call.sessionId}`
    requests.push({
      path,
      signature: twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}${path}`, params),
      body: new URLSearchParams(params).toString(),
    })
    if (cursor.at === cursor.stream.params.length) {
      const refill = cursors.shift()
      if (refill) live[pick] = refill
      else live.splice(pick, 1)
    }
  }
  return requests
}
