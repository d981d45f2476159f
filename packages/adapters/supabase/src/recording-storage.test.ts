import { Recordings } from '@ringlane/core'
import { describeRecordingStorageConformance } from '@ringlane/core/testing'
import { createClient } from '@supabase/supabase-js'
import { Effect, Option } from 'effect'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { InvalidSupabaseStorageOptions, layer, supabaseRecordingStorage } from './recording-storage.js'
import { supabaseStorageEmulator } from './testing/storage-handlers.js'

const url = 'https://project.supabase.test'
const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const client = () =>
  createClient(url, 'service-role-key', { auth: { persistSession: false, autoRefreshToken: false } })

// The real @supabase/supabase-js client, talking to msw's emulation of Storage's REST API.
describeRecordingStorageConformance('@ringlane/supabase over supabase-js and msw', async () => {
  let clock: Date | undefined
  const emulator = supabaseStorageEmulator({ url, now: () => clock ?? new Date() })
  const server = setupServer(...emulator.handlers)
  server.listen({ onUnhandledRequest: 'error' })
  return {
    storage: supabaseRecordingStorage({ client: client(), bucket: 'recordings' }),
    openSignedUrl: async (signedUrl, at) => {
      clock = at
      try {
        const response = await fetch(signedUrl)
        return {
          status: response.status,
          bytes: new Uint8Array(await response.arrayBuffer()),
          contentType: response.headers.get('content-type'),
        }
      } finally {
        clock = undefined
      }
    },
    inspect: async (path) => emulator.bucket('recordings').get(path)?.bytes,
    reset: async () => emulator.reset(),
    close: async () => server.close(),
  }
})

describe('supabaseRecordingStorage', () => {
  const emulator = supabaseStorageEmulator({ url, buckets: ['recordings'] })
  const server = setupServer(...emulator.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())
  beforeEach(() => emulator.reset())

  it('uploads with the content type and upsert, so a retried copy replaces the object', async () => {
    const seen: Array<{ upsert: string | null; contentType: string | null }> = []
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST' && !request.url.includes('/sign/')) {
        seen.push({
          upsert: request.headers.get('x-upsert'),
          contentType: request.headers.get('content-type'),
        })
      }
    })
    const storage = supabaseRecordingStorage({ client: client(), bucket: 'recordings' })
    await run(storage.put({ path: 'a/b.wav', bytes: new Uint8Array([1]), contentType: 'audio/wav' }))
    server.events.removeAllListeners()
    expect(seen).toEqual([{ upsert: 'true', contentType: 'audio/wav' }])
  })

  it('an outage is `unavailable`, with Storage’s error as cause and what to do in the message', async () => {
    const storage = supabaseRecordingStorage({ client: client(), bucket: 'recordings' })
    emulator.failNextRequests(1)
    const error = await run(
      Effect.flip(storage.put({ path: 'a.wav', bytes: new Uint8Array([1]), contentType: 'audio/wav' })),
    )
    expect(error).toMatchObject({ _tag: 'RecordingStorageError', reason: 'unavailable', path: 'a.wav' })
    expect(error.message).toBe(
      'Supabase Storage refused to store a recording recordings/a.wav: Storage is temporarily unavailable',
    )
    expect(error.cause).toMatchObject({ status: 503 })
    expect(emulator.bucket('recordings').size).toBe(0)
  })

  it('a missing bucket says to create it', async () => {
    const storage = supabaseRecordingStorage({ client: client(), bucket: 'elsewhere' })
    const error = await run(
      Effect.flip(storage.put({ path: 'a.wav', bytes: new Uint8Array([1]), contentType: 'audio/wav' })),
    )
    expect(error.message).toMatch(/no bucket "elsewhere": create it/)
  })

  it('a wrong key is refused, not mistaken for a missing object', async () => {
    const anonymous = createClient(url, 'service-role-key', {
      auth: { persistSession: false, autoRefreshToken: false },
      global: { headers: { Authorization: '' } },
    })
    const storage = supabaseRecordingStorage({ client: anonymous, bucket: 'recordings' })
    const error = await run(Effect.flip(storage.stat('a.wav')))
    expect(error).toMatchObject({ reason: 'unavailable' })
    expect(
      Option.isNone(
        await run(supabaseRecordingStorage({ client: client(), bucket: 'recordings' }).stat('a.wav')),
      ),
    ).toBe(true)
  })

  it('refuses a bucket name Supabase would not accept, naming the field', () => {
    expect(() => supabaseRecordingStorage({ client: client(), bucket: 'Bad Bucket' })).toThrow(
      InvalidSupabaseStorageOptions,
    )
    expect(() => supabaseRecordingStorage({ client: client(), bucket: '' })).toThrow(/^bucket: /)
  })

  it('its layer provides the RecordingStorage port', async () => {
    const backend = await run(
      Effect.map(Recordings.RecordingStorage, (storage) => storage.backend).pipe(
        Effect.provide(layer({ client: client(), bucket: 'recordings' })),
      ),
    )
    expect(backend).toBe('supabase')
    const refused = await run(
      Effect.flip(Effect.provide(Recordings.RecordingStorage, layer({ client: client(), bucket: 'NO' }))),
    )
    expect(refused).toMatchObject({ _tag: 'InvalidSupabaseStorageOptions', field: 'bucket' })
  })
})
