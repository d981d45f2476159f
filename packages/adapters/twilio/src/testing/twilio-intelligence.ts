import { HttpResponse, http } from 'msw'

/**
 * A fake Twilio Conversational Intelligence service behind msw handlers, for tests and local
 * development: the real `twilio` client talks to it at https://intelligence.twilio.com/v2 as it would to
 * Twilio. One module for the Intelligence REST surface (Transcripts and their Sentences); the Voice
 * REST API is `twilio-rest.ts`.
 */
export interface FakeSentence {
  media_channel: number
  sentence_index: number
  start_time: string
  end_time: string
  transcript: string
  confidence: string | null
}

export interface FakeTranscript {
  sid: string
  service_sid: string
  status: 'queued' | 'in-progress' | 'completed' | 'failed' | 'canceled'
  channel: unknown
  customer_key: string | null
  sentences: FakeSentence[]
  /** Fetches answered `in-progress` before the transcript completes. */
  fetchesUntilDone: number
}

export const createFakeTwilioIntelligence = (options: {
  readonly accountSid: string
  readonly authToken: string
  readonly serviceSid: string
}) => {
  const base = 'https://intelligence.twilio.com/v2'
  const transcripts = new Map<string, FakeTranscript>()
  /** What was said on each recording the account holds, as sentences; a recording not here is unknown. */
  const recordings = new Map<string, FakeSentence[]>()
  /** Recordings whose transcription Twilio will report failed. */
  const failing = new Set<string>()
  let fetchesUntilDone = 1
  let serial = 0
  const sid = (prefix: string) => `${prefix}${(++serial).toString(16).padStart(32, '0')}`
  const authorized = (request: Request) =>
    request.headers.get('authorization') ===
    `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`
  const error = (status: number, code: number, message: string) =>
    HttpResponse.json(
      { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
      { status },
    )
  const transcriptJson = (t: FakeTranscript) => ({
    account_sid: options.accountSid,
    service_sid: t.service_sid,
    sid: t.sid,
    date_created: '2026-11-20T10:00:00Z',
    date_updated: '2026-11-20T10:00:00Z',
    status: t.status,
    channel: t.channel,
    data_logging: false,
    language_code: 'en-US',
    customer_key: t.customer_key,
    media_start_time: null,
    duration: 0,
    url: `${base}/Transcripts/${t.sid}`,
    redaction: false,
    links: {
      sentences: `${base}/Transcripts/${t.sid}/Sentences`,
      media: `${base}/Transcripts/${t.sid}/Media`,
      operator_results: `${base}/Transcripts/${t.sid}/OperatorResults`,
    },
  })

  const handlers = [
    http.post(`${base}/Transcripts`, async ({ request }) => {
      if (!authorized(request)) return error(401, 20003, 'Authenticate')
      const form = new URLSearchParams(await request.text())
      const serviceSid = form.get('ServiceSid')
      const channelText = form.get('Channel')
      if (!serviceSid || !channelText) return error(400, 20001, 'ServiceSid and Channel are required')
      if (serviceSid !== options.serviceSid) return error(404, 20404, `Service ${serviceSid} was not found`)
      let channel: { media_properties?: { source_sid?: string } }
      try {
        channel = JSON.parse(channelText)
      } catch {
        return error(400, 20001, 'Channel must be JSON')
      }
      const source = channel.media_properties?.source_sid ?? ''
      const sentences = recordings.get(source)
      if (!sentences) return error(404, 20404, `The requested resource /Recordings/${source} was not found`)
      const transcript: FakeTranscript = {
        sid: sid('GT'),
        service_sid: serviceSid,
        status: 'queued',
        channel,
        customer_key: form.get('CustomerKey'),
        sentences,
        fetchesUntilDone,
      }
      transcripts.set(transcript.sid, transcript)
      if (failing.has(source)) transcript.sentences = []
      return HttpResponse.json(transcriptJson(transcript), { status: 201 })
    }),
    http.get(`${base}/Transcripts/:sid`, ({ request, params }) => {
      if (!authorized(request)) return error(401, 20003, 'Authenticate')
      const transcript = transcripts.get(String(params.sid))
      if (!transcript)
        return error(404, 20404, `The requested resource /Transcripts/${String(params.sid)} was not found`)
      if (transcript.status === 'queued' || transcript.status === 'in-progress') {
        if (transcript.fetchesUntilDone > 0) {
          transcript.fetchesUntilDone--
          transcript.status = 'in-progress'
        } else {
          transcript.status = transcript.sentences.length > 0 ? 'completed' : 'failed'
        }
      }
      return HttpResponse.json(transcriptJson(transcript))
    }),
    http.get(`${base}/Transcripts/:sid/Sentences`, ({ request, params }) => {
      if (!authorized(request)) return error(401, 20003, 'Authenticate')
      const transcript = transcripts.get(String(params.sid))
      if (!transcript)
        return error(404, 20404, `The requested resource /Transcripts/${String(params.sid)} was not found`)
      const url = `${base}/Transcripts/${transcript.sid}/Sentences`
      return HttpResponse.json({
        sentences:
          transcript.status === 'completed'
            ? transcript.sentences.map((s) => ({ ...s, sid: sid('GX'), words: [] }))
            : [],
        meta: {
          page: 0,
          page_size: 50,
          first_page_url: `${url}?PageSize=50&Page=0`,
          previous_page_url: null,
          url: `${url}?PageSize=50&Page=0`,
          next_page_url: null,
          key: 'sentences',
        },
      })
    }),
  ]

  return {
    handlers,
    transcripts,
    recordings,
    failing,
    /** How many fetches answer `in-progress` before a new transcript is done (default 1). */
    setFetchesUntilDone: (count: number) => {
      fetchesUntilDone = count
    },
    newSid: sid,
  }
}
