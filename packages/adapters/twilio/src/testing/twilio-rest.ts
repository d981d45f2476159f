import { HttpResponse, http } from 'msw'

/**
 * A fake Twilio account behind msw handlers for Twilio's REST API, for tests and local development:
 * the real `twilio` client talks to it over its usual HTTP path. State is plain data tests can seed
 * and inspect. One module for the whole Twilio REST surface the adapters use.
 */
export interface FakeTwilioCall {
  sid: string
  to: string
  from: string
  status: string
  duration: string | null
  answered_by: string | null
  start_time: string | null
  end_time: string | null
  /** The REST parameters the call was placed with (Twiml, Timeout, MachineDetection, AsyncAmd...). */
  placed_with?: Record<string, string>
  /** Each update's parameters (Twiml or Status), in order. */
  updates?: Array<Record<string, string>>
  /** Null until Twilio prices the call (a charge is negative: "-0.01300"). */
  price?: string | null
  price_unit?: string | null
}

/** A text as the fake account received it through Messages.json. */
export interface FakeTwilioMessage {
  sid: string
  to: string
  from: string | null
  messaging_service_sid: string | null
  body: string
  status: string
  status_callback: string | null
  num_segments?: string
  price?: string | null
  price_unit?: string | null
}

export const createFakeTwilioAccount = (options: {
  readonly accountSid: string
  readonly authToken: string
}) => {
  const calls = new Map<string, FakeTwilioCall>()
  const recordings = new Map<string, Uint8Array>()
  const messages: FakeTwilioMessage[] = []
  /** Numbers Twilio refuses to text, answering with `code` (21610: the number replied STOP). */
  const refusedNumbers = new Map<string, number>()
  const base = `https://api.twilio.com/2010-04-01/Accounts/${options.accountSid}`
  const authorized = (request: Request) =>
    request.headers.get('authorization') ===
    `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`
  const unauthorized = () =>
    HttpResponse.json({ code: 20003, message: 'Authenticate', status: 401 }, { status: 401 })
  const notFound = (what: string) =>
    HttpResponse.json(
      { code: 20404, message: `The requested resource ${what} was not found`, status: 404 },
      { status: 404 },
    )
  let serial = 0
  const sid = (prefix: string) => `${prefix}${(++serial).toString(16).padStart(32, '0')}`
  const callJson = ({ placed_with: _, updates: __, ...call }: FakeTwilioCall) => ({
    price: null,
    price_unit: 'USD',
    ...call,
    account_sid: options.accountSid,
    uri: `${base}/Calls/${call.sid}.json`,
  })

  const handlers = [
    http.get(`${base}/Calls/:sid.json`, ({ request, params }) => {
      if (!authorized(request)) return unauthorized()
      const call = calls.get(String(params.sid))
      return call ? HttpResponse.json(callJson(call)) : notFound(`/Calls/${String(params.sid)}.json`)
    }),
    http.post(`${base}/Calls.json`, async ({ request }) => {
      if (!authorized(request)) return unauthorized()
      const form = new URLSearchParams(await request.text())
      const to = form.get('To')
      if (!to || !form.get('From') || !(form.get('Url') || form.get('Twiml'))) {
        return HttpResponse.json(
          { code: 21201, message: 'To, From and Url or Twiml are required', status: 400 },
          { status: 400 },
        )
      }
      const call: FakeTwilioCall = {
        sid: sid('CA'),
        to,
        from: form.get('From') ?? '',
        status: 'queued',
        duration: null,
        answered_by: null,
        start_time: null,
        end_time: null,
        placed_with: Object.fromEntries(form),
        updates: [],
      }
      calls.set(call.sid, call)
      return HttpResponse.json(callJson(call), { status: 201 })
    }),
    // Modifying a call: Status=completed|canceled to end it, or new TwiML for a live one.
    http.post(`${base}/Calls/:sid.json`, async ({ request, params }) => {
      if (!authorized(request)) return unauthorized()
      const call = calls.get(String(params.sid))
      if (!call) return notFound(`/Calls/${String(params.sid)}.json`)
      const form = new URLSearchParams(await request.text())
      const status = form.get('Status')
      const over = ['completed', 'busy', 'no-answer', 'failed', 'canceled'].includes(call.status)
      if (status !== null) {
        if (status !== 'completed' && status !== 'canceled') {
          return HttpResponse.json(
            { code: 21220, message: 'Status must be completed or canceled', status: 400 },
            { status: 400 },
          )
        }
        call.updates = [...(call.updates ?? []), Object.fromEntries(form)]
        // As Twilio does: a call already over keeps how it ended.
        if (!over) {
          call.status = call.status === 'in-progress' ? 'completed' : 'canceled'
          call.end_time = new Date().toUTCString()
        }
        return HttpResponse.json(callJson(call))
      }
      if (over) {
        return HttpResponse.json(
          { code: 21220, message: 'Call is not in-progress. Cannot redirect.', status: 400 },
          { status: 400 },
        )
      }
      call.updates = [...(call.updates ?? []), Object.fromEntries(form)]
      return HttpResponse.json(callJson(call))
    }),
    http.get(`${base}/Recordings/:file`, ({ request, params }) => {
      if (!authorized(request)) return unauthorized()
      const recording = recordings.get(String(params.file).replace(/\.wav$/, ''))
      return recording
        ? new HttpResponse(recording, { headers: { 'content-type': 'audio/x-wav' } })
        : notFound(`/Recordings/${String(params.file)}`)
    }),
    http.get(`${base}/Messages/:sid.json`, ({ request, params }) => {
      if (!authorized(request)) return unauthorized()
      const message = messages.find((m) => m.sid === String(params.sid))
      return message
        ? HttpResponse.json({
            num_segments: '1',
            price: null,
            price_unit: 'USD',
            ...message,
            account_sid: options.accountSid,
            uri: `${base}/Messages/${message.sid}.json`,
          })
        : notFound(`/Messages/${String(params.sid)}.json`)
    }),
    http.post(`${base}/Messages.json`, async ({ request }) => {
      if (!authorized(request)) return unauthorized()
      const form = new URLSearchParams(await request.text())
      const to = form.get('To')
      const from = form.get('From')
      const service = form.get('MessagingServiceSid')
      if (!to || !form.get('Body') || (!from && !service)) {
        return HttpResponse.json(
          {
            code: 21602,
            message: 'To, Body and either From or MessagingServiceSid are required',
            status: 400,
          },
          { status: 400 },
        )
      }
      const refused = refusedNumbers.get(to)
      if (refused !== undefined) {
        return HttpResponse.json(
          { code: refused, message: `The message to ${to} cannot be sent`, status: 400 },
          { status: 400 },
        )
      }
      const message: FakeTwilioMessage = {
        sid: sid('SM'),
        to,
        from,
        messaging_service_sid: service,
        body: form.get('Body') ?? '',
        // A Messaging Service first accepts, then picks a sender; a plain number queues at once.
        status: service ? 'accepted' : 'queued',
        status_callback: form.get('StatusCallback'),
      }
      messages.push(message)
      return HttpResponse.json(
        { ...message, account_sid: options.accountSid, uri: `${base}/Messages/${message.sid}.json` },
        { status: 201 },
      )
    }),
  ]

  return {
    handlers,
    calls,
    recordings,
    messages,
    refusedNumbers,
    recordingUrl: (recordingSid: string) => `${base}/Recordings/${recordingSid}`,
    newSid: sid,
  }
}
