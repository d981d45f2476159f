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

type CallDefaults = Pick<FakeTwilioCall, 'duration' | 'answered_by' | 'start_time' | 'end_time'>

/** Someone in a fake conference, as Twilio's Participant resource describes them. */
export interface FakeTwilioParticipant {
  call_sid: string
  label: string | null
  hold: boolean
  muted: boolean
  coaching: boolean
  call_sid_to_coach: string | null
  end_conference_on_exit: boolean
}

/** A conference in progress: made by the first call that joins it, over when the last leaves. */
export interface FakeTwilioConference {
  sid: string
  friendly_name: string
  participants: Map<string, FakeTwilioParticipant>
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
  /** Twilio's answer to a request it will not take: its error code and message. */
  const badRequest = (code: number, message: string) =>
    HttpResponse.json({ code, message, status: 400 }, { status: 400 })
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

  const conferences = new Map<string, FakeTwilioConference>()
  const conferenceBySid = (conferenceSid: string) =>
    [...conferences.values()].find((conference) => conference.sid === conferenceSid)
  const participantJson = (conference: FakeTwilioConference, participant: FakeTwilioParticipant) => ({
    ...participant,
    account_sid: options.accountSid,
    conference_sid: conference.sid,
    status: 'connected',
    start_conference_on_enter: true,
    uri: `${base}/Conferences/${conference.sid}/Participants/${participant.call_sid}.json`,
  })
  const endCall = (call: FakeTwilioCall) => {
    call.status = 'completed'
    call.end_time = new Date().toUTCString()
  }
  /** The call leaves its conference; one whose participant ends the conference on exit ends it for all. */
  const leaveConference = (callSid: string) => {
    for (const [name, conference] of conferences) {
      const participant = conference.participants.get(callSid)
      if (!participant) continue
      conference.participants.delete(callSid)
      if (participant.end_conference_on_exit) {
        // As Twilio does: everyone else's <Dial> ends, and with no more TwiML their calls hang up.
        for (const other of conference.participants.keys()) {
          const call = calls.get(other)
          if (call) endCall(call)
        }
        conference.participants.clear()
      }
      if (conference.participants.size === 0) conferences.delete(name)
    }
  }
  const joinConference = (name: string, participant: FakeTwilioParticipant) => {
    const conference = conferences.get(name) ?? {
      sid: sid('CF'),
      friendly_name: name,
      participants: new Map(),
    }
    conferences.set(name, conference)
    conference.participants.set(participant.call_sid, participant)
    return conference
  }
  const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]
  /** Runs the conference part of new TwiML for a live call: it leaves where it was, and joins the named one. */
  const runTwiml = (callSid: string, twiml: string) => {
    leaveConference(callSid)
    const found = /<Conference([^>]*)>([^<]+)<\/Conference>/.exec(twiml)
    if (!found) return
    const [, tag = '', name = ''] = found
    const coach = attribute(tag, 'coach') ?? null
    joinConference(name, {
      call_sid: callSid,
      label: attribute(tag, 'participantLabel') ?? null,
      hold: false,
      muted: attribute(tag, 'muted') === 'true',
      coaching: coach !== null,
      call_sid_to_coach: coach,
      end_conference_on_exit: attribute(tag, 'endConferenceOnExit') === 'true',
    })
  }
  const participantIn = (conference: FakeTwilioConference, callSidOrLabel: string) =>
    conference.participants.get(callSidOrLabel) ??
    [...conference.participants.values()].find((participant) => participant.label === callSidOrLabel)
  const isTrue = (value: string | null) => value === 'true'

  const handlers = [
    http.get(`${base}/Conferences.json`, ({ request }) => {
      if (!authorized(request)) return unauthorized()
      const query = new URL(request.url).searchParams
      const name = query.get('FriendlyName')
      const found = [...conferences.values()].filter(
        (conference) => !name || conference.friendly_name === name,
      )
      // Only conferences in progress exist here: any other status lists none.
      const listed = query.get('Status') && query.get('Status') !== 'in-progress' ? [] : found
      return HttpResponse.json({
        conferences: listed.map((conference) => ({
          sid: conference.sid,
          friendly_name: conference.friendly_name,
          status: 'in-progress',
          account_sid: options.accountSid,
        })),
        next_page_uri: null,
        page: 0,
        page_size: 50,
      })
    }),
    http.get(`${base}/Conferences/:conference/Participants.json`, ({ request, params }) => {
      if (!authorized(request)) return unauthorized()
      const conference = conferenceBySid(String(params.conference))
      if (!conference) return notFound(`/Conferences/${String(params.conference)}`)
      return HttpResponse.json({
        participants: [...conference.participants.values()].map((p) => participantJson(conference, p)),
        next_page_uri: null,
        page: 0,
        page_size: 50,
      })
    }),
    // Adding a participant: Twilio calls `To` and puts the call in the conference when it answers.
    http.post(`${base}/Conferences/:conference/Participants.json`, async ({ request, params }) => {
      if (!authorized(request)) return unauthorized()
      const conference = conferenceBySid(String(params.conference))
      if (!conference) return notFound(`/Conferences/${String(params.conference)}`)
      const form = new URLSearchParams(await request.text())
      const to = form.get('To')
      if (!to || !form.get('From')) {
        return badRequest(21201, 'To and From are required')
      }
      if (isTrue(form.get('Coaching')) && !form.get('CallSidToCoach')) {
        return badRequest(16027, 'CallSidToCoach is required when Coaching is true')
      }
      const call: FakeTwilioCall = {
        sid: sid('CA'),
        to,
        from: form.get('From') ?? '',
        status: 'in-progress',
        duration: null,
        answered_by: null,
        start_time: new Date().toUTCString(),
        end_time: null,
        placed_with: Object.fromEntries(form),
        updates: [],
      }
      calls.set(call.sid, call)
      const participant: FakeTwilioParticipant = {
        call_sid: call.sid,
        label: form.get('Label'),
        hold: false,
        muted: isTrue(form.get('Muted')),
        coaching: isTrue(form.get('Coaching')),
        call_sid_to_coach: form.get('CallSidToCoach'),
        end_conference_on_exit: isTrue(form.get('EndConferenceOnExit')),
      }
      conference.participants.set(call.sid, participant)
      return HttpResponse.json(participantJson(conference, participant), { status: 201 })
    }),
    http.get(`${base}/Conferences/:conference/Participants/:participant.json`, ({ request, params }) => {
      if (!authorized(request)) return unauthorized()
      const conference = conferenceBySid(String(params.conference))
      const participant = conference && participantIn(conference, String(params.participant))
      return conference && participant
        ? HttpResponse.json(participantJson(conference, participant))
        : notFound(`/Participants/${String(params.participant)}`)
    }),
    http.post(
      `${base}/Conferences/:conference/Participants/:participant.json`,
      async ({ request, params }) => {
        if (!authorized(request)) return unauthorized()
        const conference = conferenceBySid(String(params.conference))
        const participant = conference && participantIn(conference, String(params.participant))
        if (!conference || !participant) return notFound(`/Participants/${String(params.participant)}`)
        const form = new URLSearchParams(await request.text())
        if (form.has('Hold')) participant.hold = isTrue(form.get('Hold'))
        if (form.has('Muted')) participant.muted = isTrue(form.get('Muted'))
        if (form.has('EndConferenceOnExit'))
          participant.end_conference_on_exit = isTrue(form.get('EndConferenceOnExit'))
        if (form.has('Coaching')) {
          if (isTrue(form.get('Coaching')) && !form.get('CallSidToCoach') && !participant.call_sid_to_coach) {
            return badRequest(16027, 'CallSidToCoach is required when Coaching is true')
          }
          participant.coaching = isTrue(form.get('Coaching'))
          participant.call_sid_to_coach = participant.coaching
            ? (form.get('CallSidToCoach') ?? participant.call_sid_to_coach)
            : null
        }
        return HttpResponse.json(participantJson(conference, participant))
      },
    ),
    // Removing (kicking) a participant hangs their call up.
    http.delete(`${base}/Conferences/:conference/Participants/:participant.json`, ({ request, params }) => {
      if (!authorized(request)) return unauthorized()
      const conference = conferenceBySid(String(params.conference))
      const participant = conference && participantIn(conference, String(params.participant))
      if (!conference || !participant) return notFound(`/Participants/${String(params.participant)}`)
      leaveConference(participant.call_sid)
      const call = calls.get(participant.call_sid)
      if (call) endCall(call)
      return new HttpResponse(null, { status: 204 })
    }),
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
        return badRequest(21201, 'To, From and Url or Twiml are required')
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
          return badRequest(21220, 'Status must be completed or canceled')
        }
        call.updates = [...(call.updates ?? []), Object.fromEntries(form)]
        // As Twilio does: a call already over keeps how it ended.
        if (!over) {
          call.status = call.status === 'in-progress' ? 'completed' : 'canceled'
          call.end_time = new Date().toUTCString()
          leaveConference(call.sid)
        }
        return HttpResponse.json(callJson(call))
      }
      if (over) {
        return badRequest(21220, 'Call is not in-progress. Cannot redirect.')
      }
      call.updates = [...(call.updates ?? []), Object.fromEntries(form)]
      runTwiml(call.sid, form.get('Twiml') ?? '')
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
        return badRequest(21602, 'To, Body and either From or MessagingServiceSid are required')
      }
      const refused = refusedNumbers.get(to)
      if (refused !== undefined) {
        return badRequest(refused, `The message to ${to} cannot be sent`)
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
    conferences,
    /** A call runs TwiML as if Twilio fetched it (a browser leg answered with `agentLegInstructions`). */
    runTwiml,
    recordingUrl: (recordingSid: string) => `${base}/Recordings/${recordingSid}`,
    newSid: sid,
    /** Seeds a call Twilio knows, under a new sid (returned); a time, duration or AMD answer not given is null. */
    addCall: (call: Omit<FakeTwilioCall, 'sid' | keyof CallDefaults> & Partial<CallDefaults>) => {
      const callSid = sid('CA')
      calls.set(callSid, {
        duration: null,
        answered_by: null,
        start_time: null,
        end_time: null,
        ...call,
        sid: callSid,
      })
      return callSid
    },
  }
}
