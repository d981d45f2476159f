import { describe, expect, it } from 'vitest'
import {
  RecordingStorageFailed,
  type SupabaseStorageLike,
  supabaseRecordingStorage,
} from './recording-storage.js'

/** An in-memory bucket with Supabase Storage's result shapes. */
const memoryBucket = () => {
  const objects = new Map<string, { body: Uint8Array; contentType: string }>()
  const client: SupabaseStorageLike = {
    storage: {
      from: (bucket) => ({
        upload: async (path, body, options) => {
          if (objects.has(path) && !options.upsert)
            return { data: null, error: { message: 'The resource already exists' } }
          objects.set(path, { body: body as Uint8Array, contentType: options.contentType })
          return { data: { path }, error: null }
        },
        createSignedUrl: async (path, expiresIn) =>
          objects.has(path)
            ? {
                data: { signedUrl: `https://example.test/${bucket}/${path}?expires=${expiresIn}` },
                error: null,
              }
            : { data: null, error: { message: 'Object not found' } },
        remove: async (paths) => {
          for (const path of paths) objects.delete(path)
          return { data: paths, error: null }
        },
      }),
    },
  }
  return { client, objects }
}

describe('supabaseRecordingStorage', () => {
  it('stores, signs and removes a recording', async () => {
    const { client, objects } = memoryBucket()
    const storage = supabaseRecordingStorage({ client, bucket: 'recordings' })
    expect(await storage.put('2026/11/CA1.wav', new Uint8Array([1, 2]), 'audio/wav')).toBe('2026/11/CA1.wav')
    expect(objects.get('2026/11/CA1.wav')?.contentType).toBe('audio/wav')
    expect(await storage.signedUrl('2026/11/CA1.wav', 3600)).toContain('expires=3600')
    await storage.remove('2026/11/CA1.wav')
    expect(objects.size).toBe(0)
  })

  it('never overwrites a stored recording and says what failed', async () => {
    const storage = supabaseRecordingStorage({ client: memoryBucket().client, bucket: 'recordings' })
    await storage.put('a.wav', new Uint8Array([1]), 'audio/wav')
    await expect(storage.put('a.wav', new Uint8Array([2]), 'audio/wav')).rejects.toThrow(
      new RecordingStorageFailed('Could not store recordings/a.wav: The resource already exists'),
    )
  })

  it('refuses an invalid bucket name', () => {
    expect(() => supabaseRecordingStorage({ client: memoryBucket().client, bucket: 'Bad Bucket' })).toThrow(
      /bucket/,
    )
  })
})
