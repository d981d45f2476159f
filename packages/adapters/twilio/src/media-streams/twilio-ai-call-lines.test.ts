import { Effect, Option } from 'effect'
import { setupServer } from 'msw/node'
import twilio from 'twilio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeTwilioAccount } from '../testing/twilio-rest.js'
import { TICKET_PARAMETER, twilioAiCallLines } from './twilio-ai-call-lines.js'

const accountSid = `AC${'1'.repeat(32)}`
const authToken = 'ai-lines-auth-token'
const account = createFakeTwilioAccount({ accountSid, authToken })
const server = setupServer(...account.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const lines = twilioAiCallLines({
  client: twilio(accountSid, authToken),
  streamUrl: 'wss://dialler.example.com/voice-ai/media-stream',
})
const request = {
  callId: 'call-1',
  providerCallId: '',
  agentId: 'claims-ai',
  campaignId: 'renewals',
  direction: 'outbound' as const,
}
const answeredCall = () => {
  const sid = account.addCall({
    to: '+447700900001',
    from: '+441632960001',
    status: 'in-progress',
  })
  return sid
}

describe('Twilio AI call lines', () => {
  it('redirects the answered call to <Connect><Stream> carrying its ticket; the line comes later', async () => {
    const sid = answeredCall()
    const line = await Effect.runPromise(
      lines.connect({ request: { ...request, providerCallId: sid }, ticket: 'body.signature' }),
    )
    expect(Option.isNone(line)).toBe(true)
    expect(account.calls.get(sid)?.updates).toEqual([
      {
        Twiml: `<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="wss://dialler.example.com/voice-ai/media-stream"><Parameter name="${TICKET_PARAMETER}" value="body.signature"/></Stream></Connect></Response>`,
      },
    ])
  })

  it('fails, redirecting nothing, without a ticket or when Twilio does not know the call', async () => {
    const sid = answeredCall()
    const noTicket = await Effect.runPromise(
      Effect.flip(lines.connect({ request: { ...request, providerCallId: sid }, ticket: null })),
    )
    expect(noTicket).toMatchObject({ _tag: 'AiLineFailed', message: expect.stringContaining('streamSecret') })
    expect(account.calls.get(sid)?.updates ?? []).toEqual([])
    const unknown = await Effect.runPromise(
      Effect.flip(
        lines.connect({ request: { ...request, providerCallId: `CA${'9'.repeat(32)}` }, ticket: 'a.b' }),
      ),
    )
    expect(unknown).toMatchObject({ _tag: 'AiLineFailed', providerCallId: `CA${'9'.repeat(32)}` })
  })

  it('refuses a stream URL that is not wss:// when it is built', () => {
    expect(() =>
      twilioAiCallLines({
        client: twilio(accountSid, authToken),
        streamUrl: 'https://dialler.example.com/s',
      }),
    ).toThrow(/wss/)
  })
})
