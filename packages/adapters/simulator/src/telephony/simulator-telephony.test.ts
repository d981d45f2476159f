import type { E164 } from '@ringlane/core'
import { describeTelephonyConformance } from '@ringlane/core/testing'
import { Effect, Redacted } from 'effect'
import { afterEach, describe, expect, it } from 'vitest'
import { wavDurationSeconds } from '../recordings/wav.js'
import { SIGNATURE_HEADER, signWebhook } from './signature.js'
import {
  type BrowserCallEvent,
  createSimulatorTelephony,
  type WebhookDelivery,
} from './simulator-telephony.js'

const secret = 'simulator-conformance-secret'
const publicBaseUrl = 'https://dialler.test'
const signed = (path: string, params: Record<string, string>) => {
  const url = `${publicBaseUrl}${path}`
  return {
    url,
    method: 'POST' as const,
    headers: { [SIGNATURE_HEADER]: signWebhook(secret, url, params) },
    body: new URLSearchParams(params).toString(),
  }
}
const until = async (check: () => boolean) => {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
  if (!check()) throw new Error('timed out')
}

describeTelephonyConformance('@ringlane/simulator', async () => {
  const recordings: Array<{ id: string; url: string }> = []
  const simulator = createSimulatorTelephony({
    secret: Redacted.make(secret),
    publicBaseUrl,
    speed: 1000,
    // Server calls (to ...124) stay up until ended; browser calls talk for 5 s.
    scenario: (to) =>
      to.endsWith('124')
        ? { outcome: 'answer', ringSeconds: 1, talkSeconds: null }
        : { outcome: 'answer', ringSeconds: 1, talkSeconds: 5 },
    deliver: async (kind, request) => {
      if (kind === 'voice') {
        const form = new URLSearchParams(request.body)
        // Auto mode: the agent's leg waits in their conference.
        if (form.get('ringlaneAuto') === '1')
          return { status: 200, body: JSON.stringify({ conference: `ringlane-agent-${form.get('agent')}` }) }
        const session = form.get('ringlaneSession') ?? ''
        return {
          status: 200,
          body: JSON.stringify({
            dial: { to: '+447700900111', session, record: true, machineDetection: false, callerId: null },
          }),
        }
      }
      if (kind === 'recording') {
        const form = new URLSearchParams(request.body)
        recordings.push({ id: form.get('RecordingSid') ?? '', url: form.get('RecordingUrl') ?? '' })
      }
      return { status: 204, body: '' }
    },
  })
  return {
    telephony: simulator.telephony,
    signedCallStatus: ({ providerCallId, sessionId, status, durationSeconds }) =>
      signed('/webhooks/simulator/call-status', {
        CallSid: providerCallId,
        CallStatus: status,
        Timestamp: new Date().toISOString(),
        ringlaneSession: sessionId,
        ...(durationSeconds !== undefined && { CallDuration: String(durationSeconds) }),
      }),
    signedRecordingStatus: ({ providerCallId, providerRecordingId, sessionId, durationSeconds }) =>
      signed('/webhooks/simulator/recording-status', {
        CallSid: providerCallId,
        RecordingSid: providerRecordingId,
        RecordingStatus: 'completed',
        RecordingDuration: String(durationSeconds),
        ringlaneSession: sessionId,
      }),
    signedMalformedCallStatus: () => signed('/webhooks/simulator/call-status', { CallStatus: 'exploded' }),
    knownCall: async () => {
      const { callId } = await simulator.placeBrowserCall('agent-1', { ringlaneSession: 'a-session' })
      await until(() =>
        Effect.runSync(simulator.telephony.lookupCall(callId)).pipe(
          (found) => found._tag === 'Some' && found.value.status === 'completed',
        ),
      )
      return { providerCallId: callId, status: 'completed' }
    },
    knownRecording: async () => {
      if (recordings.length === 0) {
        await simulator.placeBrowserCall('agent-1', { ringlaneSession: 'another-session' })
        await until(() => recordings.length > 0)
      }
      const [recording] = recordings
      return { providerRecordingId: recording?.id ?? '', mediaUrl: recording?.url ?? null }
    },
    signedMachineDetection: ({ providerCallId, sessionId, answeredBy }) =>
      signed('/webhooks/simulator/call-status', {
        CallSid: providerCallId,
        AnsweredBy: answeredBy,
        ringlaneSession: sessionId,
      }),
    answeredServerCall: async () => {
      const { providerCallId } = await Effect.runPromise(
        simulator.telephony.placeCall({
          sessionId: 'a-server-session',
          to: '+447700900124' as E164,
          callerId: '+441632960002',
          ringTimeoutSeconds: 20,
          machineDetection: false,
        }),
      )
      await until(() => simulator.serverCall(providerCallId)?.status === 'in-progress')
      return providerCallId
    },
    agentLegWaiting: async (agent) => {
      await simulator.placeBrowserCall(agent, { ringlaneAuto: '1', agent })
    },
    close: async () => simulator.dispose(),
  }
})

describe('simulated calls as the browser sees them', () => {
  const made: Array<ReturnType<typeof createSimulatorTelephony>> = []
  afterEach(() => {
    for (const simulator of made) simulator.dispose()
  })
  /** The app's answer to a voice webhook: dial `to` into the session, recording the call or not. */
  const dialAnswer = (record: boolean, to = '+447700900222') => ({
    status: 200,
    body: JSON.stringify({ dial: { to, session: 's', record, machineDetection: false, callerId: null } }),
  })
  /** A simulator whose app dials each call (recording it unless `record` is false), noting each status. */
  const simulatorWith = (
    scenario: Parameters<typeof createSimulatorTelephony>[0]['scenario'],
    deliver?: WebhookDelivery,
    { record = true, browserLegGraceSeconds }: { record?: boolean; browserLegGraceSeconds?: number } = {},
  ) => {
    const statuses: string[] = []
    const simulator = createSimulatorTelephony({
      secret: Redacted.make(secret),
      publicBaseUrl,
      speed: 1000,
      ...(browserLegGraceSeconds !== undefined && { browserLegGraceSeconds }),
      ...(scenario && { scenario }),
      deliver:
        deliver ??
        (async (kind, request) => {
          if (kind === 'voice') return dialAnswer(record)
          if (kind === 'status') statuses.push(new URLSearchParams(request.body).get('CallStatus') ?? '')
          return { status: 204, body: '' }
        }),
    })
    made.push(simulator)
    return { simulator, statuses }
  }

  it('rings, opens and closes, streaming events with increasing ids that resume after a break', async () => {
    const { simulator, statuses } = simulatorWith(() => ({
      outcome: 'answer',
      ringSeconds: 2,
      talkSeconds: 3,
    }))
    const seen: BrowserCallEvent[] = []
    simulator.browserEvents('ann', null, (event) => seen.push(event))
    const { callId } = await simulator.placeBrowserCall('ann', {})
    await until(() => seen.some((e) => e.state === 'closed'))
    expect(seen.map((e) => e.state)).toEqual(['ringing', 'open', 'closed'])
    expect(seen.at(-1)).toMatchObject({ callId, endReason: 'completed' })
    expect(statuses).toEqual(['initiated', 'ringing', 'in-progress', 'completed'])
    const { replay } = simulator.browserEvents('ann', seen[0]?.id ?? 0, () => undefined)
    expect(replay.map((e) => e.state)).toEqual(['open', 'closed'])
  })

  it('lets the agent hang up an open call, and keeps each agent to their own calls', async () => {
    const { simulator } = simulatorWith(() => ({ outcome: 'answer', ringSeconds: 1, talkSeconds: null }))
    const seen: BrowserCallEvent[] = []
    simulator.browserEvents('ann', null, (event) => seen.push(event))
    const { callId } = await simulator.placeBrowserCall('ann', {})
    await until(() => seen.some((e) => e.state === 'open'))
    await expect(simulator.hangUp('bob', callId)).rejects.toMatchObject({ code: 'unknown-call' })
    await expect(simulator.sendDigits('ann', callId, '12#')).resolves.toBeUndefined()
    await expect(simulator.sendDigits('ann', callId, 'drop table')).rejects.toMatchObject({
      code: 'call-failed',
    })
    await simulator.hangUp('ann', callId)
    expect(seen.at(-1)).toMatchObject({ state: 'closed', endReason: 'completed' })
  })

  it('ends the calls of a page whose stream stays away past the grace period, as a provider does', async () => {
    const { simulator, statuses } = simulatorWith(
      () => ({ outcome: 'answer', ringSeconds: 1, talkSeconds: null }),
      undefined,
      { record: false, browserLegGraceSeconds: 0.05 },
    )
    const seen: BrowserCallEvent[] = []
    // A blip: the page's stream closes and comes back within the grace period; the call goes on.
    const first = simulator.browserEvents('ann', null, (event) => seen.push(event), 'page-1')
    const { callId } = await simulator.placeBrowserCall('ann', {}, 'page-1')
    await until(() => seen.some((e) => e.state === 'open'))
    first.unsubscribe()
    const back = simulator.browserEvents('ann', null, (event) => seen.push(event), 'page-1')
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(statuses.at(-1)).toBe('in-progress')
    // A second tab (another leg) does not keep the first page's call, nor end it by coming and going.
    const other = simulator.browserEvents('ann', null, () => undefined, 'page-2')
    other.unsubscribe()
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(statuses.at(-1)).toBe('in-progress')
    // The page is reloaded: its leg never comes back, so its call ends with the final status webhook.
    back.unsubscribe()
    await until(() => statuses.at(-1) === 'completed')
    // The next page, replaying the agent's events, sees the call closed.
    const { replay } = simulator.browserEvents('ann', 0, () => undefined)
    expect(replay.at(-1)).toMatchObject({ callId, state: 'closed', endReason: 'completed' })
  })

  it('ends a call whose page never opened its stream, but keeps calls placed without a leg', async () => {
    const { simulator, statuses } = simulatorWith(() => ({
      outcome: 'answer',
      ringSeconds: 1,
      talkSeconds: null,
    }))
    await simulator.placeBrowserCall('ann', {})
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(statuses.at(-1)).toBe('in-progress')
    const quick = simulatorWith(
      () => ({ outcome: 'answer', ringSeconds: 100, talkSeconds: null }),
      undefined,
      { record: false, browserLegGraceSeconds: 0.02 },
    )
    await quick.simulator.placeBrowserCall('ann', {}, 'gone')
    // Not answered yet, so it ends as a cancelled call.
    await until(() => quick.statuses.includes('canceled'))
  })

  it('ends busy and unanswered calls with their reason', async () => {
    for (const outcome of ['busy', 'no-answer'] as const) {
      const { simulator } = simulatorWith(() => ({ outcome, ringSeconds: 1 }))
      const seen: BrowserCallEvent[] = []
      simulator.browserEvents('ann', null, (event) => seen.push(event))
      await simulator.placeBrowserCall('ann', {})
      await until(() => seen.some((e) => e.state === 'closed'))
      expect(seen.at(-1)?.endReason).toBe(outcome)
    }
  })

  it('does not dial when the dialler refuses the call, and produces real audio for answered calls', async () => {
    const refused = simulatorWith(undefined, async () => ({
      status: 400,
      body: 'ringlaneSession: not a call waiting to be connected',
    }))
    await expect(refused.simulator.placeBrowserCall('ann', {})).rejects.toMatchObject({
      code: 'call-failed',
      status: 422,
    })
    let recording: { id: string } | undefined
    const { simulator } = simulatorWith(
      () => ({ outcome: 'answer', ringSeconds: 1, talkSeconds: 7 }),
      async (kind, request) => {
        if (kind === 'voice') return dialAnswer(true, '+447700900333')
        if (kind === 'recording')
          recording = { id: new URLSearchParams(request.body).get('RecordingSid') ?? '' }
        return { status: 204, body: '' }
      },
    )
    await simulator.placeBrowserCall('ann', {})
    await until(() => recording !== undefined)
    const media = await Effect.runPromise(
      simulator.telephony.fetchRecording({ providerRecordingId: recording?.id ?? '', mediaUrl: null }),
    )
    expect(media.contentType).toBe('audio/wav')
    expect(Math.round(wavDurationSeconds(media.bytes))).toBe(7)
  })

  it('issues and checks browser tokens', async () => {
    const { simulator } = simulatorWith(undefined)
    const { token } = await Effect.runPromise(simulator.telephony.accessToken('ann'))
    expect(simulator.verifyToken(token)).toBe('ann')
    expect(simulator.verifyToken(`${token.slice(0, -2)}xx`)).toBeNull()
    expect(simulator.verifyToken('garbage')).toBeNull()
  })
})

describe('calls the server places (the call engine)', () => {
  const made: Array<ReturnType<typeof createSimulatorTelephony>> = []
  afterEach(() => {
    for (const simulator of made) simulator.dispose()
  })
  const world = (scenario: Parameters<typeof createSimulatorTelephony>[0]['scenario']) => {
    const webhooks: Array<Record<string, string>> = []
    const simulator = createSimulatorTelephony({
      secret: Redacted.make(secret),
      publicBaseUrl,
      speed: 1000,
      ...(scenario && { scenario }),
      deliver: async (kind, request) => {
        if (kind === 'voice') {
          const agent = (new URLSearchParams(request.body).get('From') ?? '').replace('client:', '')
          const { body } = await Effect.runPromise(simulator.telephony.agentLegInstructions(agent))
          return { status: 200, body }
        }
        if (kind === 'status') webhooks.push(Object.fromEntries(new URLSearchParams(request.body)))
        return { status: 204, body: '' }
      },
    })
    made.push(simulator)
    return { simulator, webhooks }
  }
  const place = (simulator: ReturnType<typeof createSimulatorTelephony>, ringTimeoutSeconds = 20) =>
    Effect.runPromise(
      simulator.telephony.placeCall({
        sessionId: 'server-session',
        to: '+447700900124' as E164,
        callerId: '+441632960002',
        ringTimeoutSeconds,
        machineDetection: true,
      }),
    )

  it('answers, then reports who answered on a separate callback with no status, as Twilio does', async () => {
    const { simulator, webhooks } = world(() => ({
      outcome: 'answer',
      ringSeconds: 2,
      talkSeconds: null,
      answeredBy: 'machine',
    }))
    const { providerCallId } = await place(simulator)
    await until(() => webhooks.some((w) => w.AnsweredBy !== undefined))
    const answered = webhooks.find((w) => w.CallStatus === 'in-progress')
    expect(answered?.AnsweredBy).toBeUndefined()
    expect(webhooks.at(-1)).toEqual({
      CallSid: providerCallId,
      AnsweredBy: 'machine',
      ringlaneSession: 'server-session',
    })
  })

  it('gives up ringing at the ring timeout', async () => {
    const { simulator, webhooks } = world(() => ({ outcome: 'answer', ringSeconds: 30, talkSeconds: null }))
    await place(simulator, 15)
    await until(() => webhooks.some((w) => w.CallStatus === 'no-answer'))
    expect(webhooks.some((w) => w.CallStatus === 'in-progress')).toBe(false)
  })

  it("joins the answered call to the agent's conference, where the agent's leg waits open", async () => {
    const { simulator } = world(() => ({ outcome: 'answer', ringSeconds: 1, talkSeconds: null }))
    const seen: BrowserCallEvent[] = []
    simulator.browserEvents('ann', null, (event) => seen.push(event))
    await simulator.placeBrowserCall('ann', {})
    await until(() => seen.some((e) => e.state === 'open'))
    const { providerCallId } = await place(simulator)
    await until(() => simulator.serverCall(providerCallId)?.status === 'in-progress')
    await Effect.runPromise(simulator.telephony.connectToAgent(providerCallId, 'ann'))
    expect(simulator.serverCall(providerCallId)?.conference).toBe('ringlane-agent-ann')
    await Effect.runPromise(simulator.telephony.endCall(providerCallId))
    expect(simulator.serverCall(providerCallId)?.status).toBe('completed')
    // The agent's leg stays in the conference for the next call.
    expect(seen.map((e) => e.state)).toEqual(['open'])
  })

  it('plays the message to an answered call, then hangs up', async () => {
    const { simulator, webhooks } = world(() => ({ outcome: 'answer', ringSeconds: 1, talkSeconds: null }))
    const { providerCallId } = await place(simulator)
    await until(() => simulator.serverCall(providerCallId)?.status === 'in-progress')
    await Effect.runPromise(simulator.telephony.playMessageAndHangUp(providerCallId, { say: 'Sorry.' }))
    await until(() => webhooks.some((w) => w.CallStatus === 'completed'))
    expect(simulator.serverCall(providerCallId)?.played).toEqual([{ say: 'Sorry.' }])
  })
})
