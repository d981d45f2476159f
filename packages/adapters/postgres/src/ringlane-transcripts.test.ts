import { createRinglane, type Ringlane, type RinglaneEvent } from '@ringlane/core'
import {
  createSimulatorTelephony,
  createSimulatorTranscription,
  defaultScript,
  type SimulatorTelephony,
  type SimulatorTranscription,
  signedWebhook,
  timedConversation,
} from '@ringlane/simulator'
import { createTestPostgres, postgresEngines, type TestPostgres } from '@ringlane/test-database'
import { Effect, Option, Redacted } from 'effect'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { countRows, resetStore } from './postgres.test.support.js'
import { createPostgresStores } from './stores.js'

const secret = Redacted.make('transcripts-test-secret')
const publicBaseUrl = 'https://dialler.test'
const TALK_SECONDS = 20

const until = async <A>(read: () => Promise<A | null | undefined>, what: string): Promise<A> => {
  for (let i = 0; i < 400; i++) {
    const value = await read()
    if (value !== null && value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`timed out waiting for ${what}`)
}

// Transcripts end to end: a simulated recorded call, its recording stored through the webhook, the
// domain event queueing the transcript, the job transcribing it, failures kept and retried, callbacks.
describe.each(postgresEngines())('transcripts on %s', (engine) => {
  let database: TestPostgres
  let ringlane: Ringlane
  let telephony: SimulatorTelephony
  let transcriber: SimulatorTranscription
  const heard: Array<RinglaneEvent> = []
  const media = new Map<string, Uint8Array>()
  let quietly = false

  beforeAll(async () => {
    database = await createTestPostgres(engine)
    const stores = await createPostgresStores({ client: database.client })
    telephony = createSimulatorTelephony({
      secret,
      publicBaseUrl,
      speed: 1000,
      scenario: () => ({ outcome: 'answer', ringSeconds: 1, talkSeconds: TALK_SECONDS }),
      deliver: async (kind, request) => {
        if (kind === 'voice') {
          const session = new URLSearchParams(request.body).get('ringlaneSession') ?? ''
          return {
            status: 200,
            body: JSON.stringify({
              dial: { to: '+447700900111', session, record: true, machineDetection: false, callerId: null },
            }),
          }
        }
        if (kind === 'recording' && quietly) {
          // Stored as a retry stores it: no RecordingStored event.
          const form = new URLSearchParams(request.body)
          await ringlane.recordings.process({
            providerCallId: form.get('CallSid') ?? '',
            sessionId: form.get('ringlaneSession'),
            providerRecordingId: form.get('RecordingSid') ?? '',
            status: 'completed',
            mediaUrl: form.get('RecordingUrl'),
            durationSeconds: Number(form.get('RecordingDuration')),
            channels: 1,
            occurredAt: new Date(),
          })
        } else if (kind === 'recording') await ringlane.recordings.handleStatus(request)
        return { status: 204, body: '' }
      },
    })
    transcriber = createSimulatorTranscription({ calls: telephony, secret, publicBaseUrl, pendingPolls: 1 })
    ringlane = await createRinglane({
      stores: { recordings: stores.recordings, audit: stores.audit, transcripts: stores.transcripts },
      telephony: telephony.telephony,
      recordings: {
        storage: {
          backend: 'memory',
          put: ({ path, bytes }) =>
            Effect.sync(() => {
              media.set(path, bytes)
              return path
            }),
          signedUrl: (path, seconds) =>
            Effect.succeed({
              url: `https://files.test/${path}`,
              expiresAt: new Date(Date.now() + seconds * 1000),
            }),
          remove: (path) => Effect.sync(() => void media.delete(path)),
          stat: () => Effect.succeed(Option.none()),
        },
      },
      transcription: {
        provider: transcriber.transcription,
        settings: { maxAttempts: 2, retryDelayMs: 1000, maxRetryDelayMs: 1000 },
      },
    })
    await ringlane.events.subscribe((event) => heard.push(event))
  })
  afterAll(async () => {
    telephony?.dispose()
    await ringlane?.dispose()
    await database?.close()
  })
  beforeEach(async () => {
    quietly = false
    heard.length = 0
    await resetStore(database)
  })

  /** A recorded simulated call: its recording stored, its transcript queued by the event. */
  const recordedCall = async (session: string) => {
    await telephony.placeBrowserCall('agent-1', { ringlaneSession: session })
    const [recording] = await until(async () => {
      const found = await ringlane.recordings.list({ sessionId: session })
      return found.length > 0 && found[0]?.status === 'stored' ? found : null
    }, 'the recording')
    if (!recording) throw new Error('no recording')
    const queued = await until(() => ringlane.transcripts.ofRecording(recording.id), 'the queued transcript')
    return { recording, queued }
  }

  it('transcribes a stored recording as its call said it, searchable by phrase', async () => {
    const { recording, queued } = await recordedCall('session-1')
    expect(queued).toMatchObject({ status: 'queued', sessionId: 'session-1', provider: 'simulator' })
    expect(heard).toContainEqual(
      expect.objectContaining({ _tag: 'TranscriptQueued', recordingId: recording.id }),
    )

    // The provider takes a moment: first run requests, the next collects.
    expect(await ringlane.jobs.run('transcription')).toMatchObject({ checked: 1, requested: 1 })
    expect(await ringlane.jobs.run('transcription')).toMatchObject({ checked: 1, completed: 1 })
    const done = await ringlane.transcripts.ofRecording(recording.id)
    expect(done?.status).toBe('completed')
    expect(done?.turns).toEqual(timedConversation(defaultScript, TALK_SECONDS))
    await until(async () => heard.find((e) => e._tag === 'TranscriptReady'), 'TranscriptReady')

    const hits = await ringlane.transcripts.search({ query: '"signature on the claim form"' })
    expect(hits.map((hit) => [hit.recordingId, hit.position, hit.speaker])).toEqual([
      [recording.id, 2, 'agent'],
    ])
    expect((await ringlane.transcripts.ofCall({ sessionId: 'session-1' })).map((t) => t.id)).toEqual([
      queued.id,
    ])
    // Nothing is due any more.
    expect(await ringlane.jobs.run('transcription')).toMatchObject({ checked: 0 })
  })

  it('keeps a failure visible, retries it when its time comes, and gives up after maxAttempts', async () => {
    const { recording } = await recordedCall('session-2')
    transcriber.injectFaults('request-fails')
    expect(await ringlane.jobs.run('transcription')).toMatchObject({ failed: 1 })
    const failed = await ringlane.transcripts.ofRecording(recording.id)
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 })
    expect(failed?.failureReason).toContain('503')
    expect(failed?.nextAttemptAt).not.toBeNull()
    await until(async () => heard.find((e) => e._tag === 'TranscriptFailed'), 'TranscriptFailed')
    expect(heard.find((e) => e._tag === 'TranscriptFailed')).toMatchObject({ willRetry: true, attempts: 1 })
    // Not yet due: the run leaves it alone.
    expect(await ringlane.jobs.run('transcription')).toMatchObject({ checked: 0 })

    await new Promise((resolve) => setTimeout(resolve, 1100))
    transcriber.injectFaults('provider-fails')
    expect(await ringlane.jobs.run('transcription')).toMatchObject({ requested: 1 })
    expect(await ringlane.jobs.run('transcription')).toMatchObject({ failed: 1 })
    const givenUp = await ringlane.transcripts.ofRecording(recording.id)
    expect(givenUp).toMatchObject({ status: 'failed', attempts: 2, nextAttemptAt: null })
    expect(givenUp?.failureReason).toContain('could not be transcribed')
    await until(
      async () => heard.find((e) => e._tag === 'TranscriptFailed' && !e.willRetry),
      'the final TranscriptFailed',
    )
  })

  it('collects a transcript on its signed callback; refuses unsigned ones and writes nothing for unknown ones', async () => {
    const { recording } = await recordedCall('session-3')
    await ringlane.jobs.run('transcription')
    const requested = await ringlane.transcripts.ofRecording(recording.id)
    expect(requested?.status).toBe('requested')
    const providerId = requested?.providerTranscriptId ?? ''

    const unsigned = { ...transcriber.callback(providerId), headers: {} }
    await expect(ringlane.transcripts.handleCallback(unsigned)).rejects.toMatchObject({
      _tag: 'WebhookRejected',
    })
    const noSid = signedWebhook(Redacted.value(secret), transcriber.callback(providerId).url, {
      Status: 'done',
    })
    await expect(ringlane.transcripts.handleCallback(noSid)).rejects.toMatchObject({
      _tag: 'InvalidWebhook',
      field: 'TranscriptSid',
    })
    const turnsBefore = await countRows(database, 'transcript_turns')
    expect(await ringlane.transcripts.handleCallback(transcriber.callback('GT-nobody'))).toEqual({
      outcome: 'unknown',
    })
    expect(await countRows(database, 'transcript_turns')).toBe(turnsBefore)
    expect((await ringlane.transcripts.ofRecording(recording.id))?.status).toBe('requested')

    expect(await ringlane.transcripts.handleCallback(transcriber.callback(providerId))).toEqual({
      outcome: 'completed',
    })
    expect(await ringlane.transcripts.handleCallback(transcriber.callback(providerId))).toEqual({
      outcome: 'duplicate',
    })
    expect((await ringlane.transcripts.ofRecording(recording.id))?.turns).toHaveLength(
      timedConversation(defaultScript, TALK_SECONDS).length,
    )
  })

  it('queues a stored recording whose event never came (a retry stores quietly) on the next run', async () => {
    quietly = true
    await telephony.placeBrowserCall('agent-1', { ringlaneSession: 'session-4' })
    const [recording] = await until(async () => {
      const found = await ringlane.recordings.list({ sessionId: 'session-4' })
      return found[0]?.status === 'stored' ? found : null
    }, 'the recording')
    expect(await ringlane.transcripts.ofRecording(recording?.id ?? '')).toBeNull()
    expect(await ringlane.jobs.run('transcription')).toMatchObject({ missedQueued: 1, requested: 1 })
    expect(await ringlane.jobs.run('transcription')).toMatchObject({ missedQueued: 0, completed: 1 })
    expect((await ringlane.transcripts.ofRecording(recording?.id ?? ''))?.status).toBe('completed')
  })

  it('refuses to transcribe a recording that is not stored, or is not a recording', async () => {
    await expect(ringlane.transcripts.queue('not-a-uuid')).rejects.toMatchObject({
      _tag: 'InvalidRecordingRequest',
    })
    await expect(ringlane.transcripts.queue('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      _tag: 'UnknownRecording',
    })
    await expect(ringlane.transcripts.search({ query: '   ' })).rejects.toMatchObject({
      _tag: 'InvalidTranscriptRequest',
      field: 'query',
    })
    expect(await countRows(database, 'transcripts')).toBe(0)
  })
})
