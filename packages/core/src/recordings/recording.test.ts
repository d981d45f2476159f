import { describe, expect, it } from '@effect/vitest'
import { Effect, Schema } from 'effect'
import { createRinglane } from '../ringlane.js'
import {
  fakeTelephony,
  memoryAuditLog,
  memoryRecordingStorage,
  memoryRecordingStore,
} from './fakes.test.support.js'
import { normalizeContentType, type RecordingId, recordingPath } from './recording.js'
import { RecordingsConfig } from './recording-settings.js'
import { checkStoragePath, StoragePath } from './recording-storage.js'

const id = '3f2c9a4e-1b7d-4c3e-9f10-2a6b8c0d4e5f' as RecordingId

describe('recording paths and settings', () => {
  it('paths come from the recording day (UTC) and id, with the media type as extension', () => {
    const recordedAt = new Date('2026-01-02T23:30:00-02:00')
    expect(recordingPath({ id, recordedAt }, 'audio/wav')).toBe(`2026/01/03/${id}.wav`)
    expect(recordingPath({ id, recordedAt }, 'audio/mpeg; charset=binary')).toBe(`2026/01/03/${id}.mp3`)
    expect(recordingPath({ id, recordedAt }, 'video/odd')).toBe(`2026/01/03/${id}.bin`)
    expect(Schema.is(StoragePath)(recordingPath({ id, recordedAt }, 'audio/wav'))).toBe(true)
  })

  it('normalizes content types, and anything else is a neutral one', () => {
    expect(normalizeContentType(' Audio/X-WAV ; rate=8000')).toBe('audio/x-wav')
    expect(normalizeContentType('')).toBe('application/octet-stream')
    expect(normalizeContentType('<script>')).toBe('application/octet-stream')
  })

  it.effect('storage paths refuse traversal, absolute and empty segments', () =>
    Effect.gen(function* () {
      for (const path of [
        '../etc/passwd',
        '/abs.wav',
        'a//b.wav',
        'a/../b.wav',
        '.hidden',
        'a/./b',
        '',
        'a b.wav',
        'a\\b',
      ]) {
        expect(yield* Effect.flip(checkStoragePath('put', path))).toMatchObject({
          _tag: 'RecordingStorageError',
          reason: 'invalid-path',
          path,
        })
      }
      expect(yield* checkStoragePath('put', '2026/11/20/x-1_a.wav')).toBe('2026/11/20/x-1_a.wav')
    }),
  )

  it.effect('settings are checked, errors naming the field', () =>
    Effect.gen(function* () {
      const bad = (input: Parameters<typeof RecordingsConfig.layer>[0]) =>
        Effect.flip(Effect.provide(RecordingsConfig, RecordingsConfig.layer(input)))
      expect(yield* bad({ urlExpirySeconds: 5 })).toMatchObject({
        _tag: 'InvalidRecordingSettings',
        field: 'urlExpirySeconds',
      })
      expect(yield* bad({ fetchTries: 0 })).toMatchObject({ field: 'fetchTries' })
      expect(yield* bad({ fetchBackoffMs: 5000, fetchMaxBackoffMs: 1000 })).toMatchObject({
        field: 'fetchMaxBackoffMs',
      })
      const defaults = yield* Effect.provide(RecordingsConfig, RecordingsConfig.layer())
      expect(defaults).toMatchObject({ urlExpirySeconds: 3600, fetchTries: 5 })
    }),
  )
})

describe('ringlane.recordings, the Promise API', () => {
  const parts = (settings = {}) => ({
    stores: { recordings: memoryRecordingStore().service, audit: memoryAuditLog().service },
    telephony: fakeTelephony().service,
    recordings: { storage: memoryRecordingStorage().service, settings },
  })

  it('runs the same programs and rejects with the same tagged errors', async () => {
    const ringlane = await createRinglane(parts())
    const { recordings } = ringlane
    const { outcome, recording } = await recordings.process({
      providerCallId: 'CA1',
      sessionId: null,
      providerRecordingId: 'RE1',
      status: 'completed',
      mediaUrl: null,
      durationSeconds: 1,
      channels: 1,
      occurredAt: new Date(),
    })
    expect(outcome).toBe('stored')
    const url = await recordings.playbackUrl({
      recordingId: recording.id,
      actor: 'agent-1',
      purpose: 'playback',
    })
    expect(url.expiresAt.getTime() - Date.now()).toBeGreaterThan(3590_000)
    expect(await recordings.find(recording.id)).toEqual(recording)
    await expect(recordings.find('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      _tag: 'UnknownRecording',
    })
    await ringlane.dispose()
  })

  it('refuses bad settings when it is created', async () => {
    await expect(createRinglane(parts({ urlExpirySeconds: 0 }))).rejects.toMatchObject({
      _tag: 'InvalidRecordingSettings',
      field: 'urlExpirySeconds',
    })
  })
})
