import { describe, expect, it } from '@effect/vitest'
import { Effect, TestClock } from 'effect'
import { fakeTelephony, recordingsWorld } from './fakes.test.support.js'
import { processRecordingEvent } from './pipeline.js'
import { recordingUrl, refreshRecordingUrl } from './playback-urls.js'

const setup = (settings = {}, telephony = fakeTelephony()) => recordingsWorld(telephony, settings)

const stored = (providerRecordingId = 'RE1') =>
  Effect.map(
    processRecordingEvent({
      providerCallId: 'CA1',
      sessionId: 'session-1',
      providerRecordingId,
      status: 'completed',
      mediaUrl: null,
      durationSeconds: 3,
      channels: 1,
      occurredAt: new Date('2026-11-20T10:00:00Z'),
    }),
    ({ recording }) => recording,
  )

describe('recording URLs', () => {
  it.effect(
    'signs a URL for an hour by default, to refresh at 90% of its life, and audits who played it',
    () => {
      const { audit, layer } = setup()
      return Effect.gen(function* () {
        const recording = yield* stored()
        yield* TestClock.setTime(Date.parse('2026-11-21T09:00:00Z'))
        const url = yield* recordingUrl({ recordingId: recording.id, actor: 'agent-7', purpose: 'playback' })
        expect(url.expiresAt).toEqual(new Date('2026-11-21T10:00:00Z'))
        expect(url.refreshAt).toEqual(new Date('2026-11-21T09:54:00Z'))
        expect(url.url).toContain(recording.storagePath)
        expect(audit.entries).toEqual([
          {
            actor: 'agent-7',
            action: 'recording.played',
            subject: `recording:${recording.id}`,
            detail: {
              purpose: 'playback',
              expiresAt: '2026-11-21T10:00:00.000Z',
              providerCallId: 'CA1',
              sessionId: 'session-1',
            },
            at: new Date('2026-11-21T09:00:00Z'),
          },
        ])
        // The URL, a bearer secret, never reaches the audit log.
        expect(JSON.stringify(audit.entries)).not.toContain(url.url)
      }).pipe(Effect.provide(layer))
    },
  )

  it.effect('honours a configured default and a per-request expiry; downloads are audited as such', () => {
    const { audit, layer } = setup({ urlExpirySeconds: 300 })
    return Effect.gen(function* () {
      const recording = yield* stored()
      const start = yield* TestClock.currentTimeMillis
      const short = yield* recordingUrl({ recordingId: recording.id, actor: 'agent-7', purpose: 'playback' })
      expect(short.expiresAt.getTime() - start).toBe(300_000)
      const long = yield* recordingUrl({
        recordingId: recording.id,
        actor: 'supervisor-1',
        purpose: 'download',
        expiresInSeconds: 7200,
      })
      expect(long.expiresAt.getTime() - start).toBe(7_200_000)
      expect(audit.entries.map((e) => [e.actor, e.action])).toEqual([
        ['agent-7', 'recording.played'],
        ['supervisor-1', 'recording.downloaded'],
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect('refreshing gives a URL that lives on from now, audited as a refresh, not a new playback', () => {
    const { audit, layer } = setup()
    return Effect.gen(function* () {
      const recording = yield* stored()
      const first = yield* recordingUrl({ recordingId: recording.id, actor: 'agent-7', purpose: 'playback' })
      yield* TestClock.adjust('55 minutes')
      const refreshed = yield* refreshRecordingUrl({
        recordingId: recording.id,
        actor: 'agent-7',
        purpose: 'playback',
      })
      expect(refreshed.expiresAt.getTime() - first.expiresAt.getTime()).toBe(55 * 60_000)
      expect(refreshed.url).not.toBe(first.url)
      expect(audit.entries.map((e) => e.action)).toEqual(['recording.played', 'recording.url_refreshed'])
    }).pipe(Effect.provide(layer))
  })

  it.effect(
    'refuses bad input naming the field, unknown and unplayable recordings, and audits nothing',
    () => {
      const { audit, layer } = setup({ fetchTries: 1 }, fakeTelephony({ failFirst: 1 }))
      return Effect.gen(function* () {
        const failed = yield* stored()
        const ask = (request: Parameters<typeof recordingUrl>[0]) => Effect.flip(recordingUrl(request))
        expect(
          yield* ask({ recordingId: failed.id, actor: 'a', purpose: 'playback', expiresInSeconds: 10 }),
        ).toMatchObject({
          _tag: 'InvalidRecordingRequest',
          field: 'expiresInSeconds',
        })
        expect(
          yield* ask({ recordingId: failed.id, actor: 'a', purpose: 'playback', expiresInSeconds: 1.5 }),
        ).toMatchObject({ field: 'expiresInSeconds' })
        expect(yield* ask({ recordingId: failed.id, actor: ' ', purpose: 'playback' })).toMatchObject({
          field: 'actor',
        })
        expect(
          yield* ask({ recordingId: failed.id, actor: 'a', purpose: 'stream' as 'playback' }),
        ).toMatchObject({ field: 'purpose' })
        expect(yield* ask({ recordingId: 'nope', actor: 'a', purpose: 'playback' })).toMatchObject({
          _tag: 'InvalidRecordingRequest',
          field: 'recordingId',
        })
        expect(
          yield* ask({
            recordingId: '00000000-0000-4000-8000-999999999999',
            actor: 'a',
            purpose: 'playback',
          }),
        ).toMatchObject({ _tag: 'UnknownRecording' })
        const notPlayable = yield* ask({ recordingId: failed.id, actor: 'a', purpose: 'playback' })
        expect(notPlayable).toMatchObject({ _tag: 'RecordingNotAvailable', status: 'failed' })
        expect(notPlayable.message).toContain('HTTP 503 from provider')
        expect(audit.entries).toEqual([])
      }).pipe(Effect.provide(layer))
    },
  )
})
