import { Effect, Option } from 'effect'
import { describe, expect, it } from 'vitest'
import type { RecordingStorageService } from '../recordings/recording-storage.js'
import { withFixture } from './suite.js'

export interface RecordingStorageFixture {
  readonly storage: RecordingStorageService
  /**
   * Opens a signed URL as a listener's browser would, at the given time: through the adapter's server
   * (or the route an app mounts for it), which must check the signature and the expiry.
   */
  readonly openSignedUrl: (
    url: string,
    at: Date,
  ) => Promise<{ readonly status: number; readonly bytes: Uint8Array; readonly contentType: string | null }>
  /** The bytes really stored at a path, bypassing the adapter; undefined when there is nothing. */
  readonly inspect: (path: string) => Promise<Uint8Array | undefined>
  /** Empties the storage between tests. */
  readonly reset: () => Promise<void>
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const fail = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(Effect.flip(effect))
const wav = (size: number, seed = 1) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) % 256)

/**
 * The contract every recording storage meets. Call it once from the adapter's test file with a setup
 * that returns the storage on a real (or faithfully emulated) backend.
 */
export const describeRecordingStorageConformance = (
  name: string,
  setup: () => Promise<RecordingStorageFixture>,
) =>
  describe(`RecordingStorage conformance: ${name}`, () => {
    let fixture: RecordingStorageFixture
    let storage: RecordingStorageService

    withFixture(setup, (opened) => {
      fixture = opened
      storage = fixture.storage
    })

    it('stores bytes at the path it returns, with their size and content type', async () => {
      const bytes = wav(2048)
      const path = '2026/11/20/4d1f.wav'
      expect(await run(storage.put({ path, bytes, contentType: 'audio/wav' }))).toBe(path)
      expect(await fixture.inspect(path)).toEqual(bytes)
      expect(Option.getOrNull(await run(storage.stat(path)))).toEqual({
        sizeBytes: 2048,
        contentType: 'audio/wav',
      })
    })

    it('replaces an object put again at the same path', async () => {
      const path = '2026/11/20/again.wav'
      await run(storage.put({ path, bytes: wav(10), contentType: 'audio/wav' }))
      await run(storage.put({ path, bytes: wav(20, 7), contentType: 'audio/mpeg' }))
      expect(await fixture.inspect(path)).toEqual(wav(20, 7))
      expect(Option.getOrNull(await run(storage.stat(path)))).toEqual({
        sizeBytes: 20,
        contentType: 'audio/mpeg',
      })
    })

    it('says when nothing is at a path', async () => {
      expect(Option.isNone(await run(storage.stat('2026/11/20/missing.wav')))).toBe(true)
    })

    it('signs a URL that serves the bytes until it expires, and not after', async () => {
      const bytes = wav(512)
      const path = '2026/11/20/signed.wav'
      await run(storage.put({ path, bytes, contentType: 'audio/wav' }))
      const before = Date.now()
      const signed = await run(storage.signedUrl(path, 600))
      const lifetime = signed.expiresAt.getTime() - before
      expect(lifetime).toBeGreaterThanOrEqual(599_000)
      expect(lifetime).toBeLessThanOrEqual(601_000 + (Date.now() - before))

      const during = await fixture.openSignedUrl(signed.url, new Date(signed.expiresAt.getTime() - 5_000))
      expect(during.status).toBe(200)
      expect(during.bytes).toEqual(bytes)
      expect(during.contentType).toBe('audio/wav')
      const after = await fixture.openSignedUrl(signed.url, new Date(signed.expiresAt.getTime() + 5_000))
      expect(after.status).toBeGreaterThanOrEqual(400)
      expect(after.bytes).not.toEqual(bytes)
    })

    it('a fresh URL (a refresh) outlives the first one', async () => {
      const path = '2026/11/20/refresh.wav'
      await run(storage.put({ path, bytes: wav(64), contentType: 'audio/wav' }))
      const first = await run(storage.signedUrl(path, 60))
      const refreshed = await run(storage.signedUrl(path, 3600))
      expect(refreshed.expiresAt.getTime()).toBeGreaterThan(first.expiresAt.getTime() + 3_000_000)
      const late = new Date(first.expiresAt.getTime() + 60_000)
      expect((await fixture.openSignedUrl(first.url, late)).status).toBeGreaterThanOrEqual(400)
      expect((await fixture.openSignedUrl(refreshed.url, late)).status).toBe(200)
    })

    it('a signed URL edited to point at another recording is refused', async () => {
      const secret = '2026/11/20/aaaa.wav'
      const other = '2026/11/20/bbbb.wav'
      await run(storage.put({ path: secret, bytes: wav(32, 1), contentType: 'audio/wav' }))
      await run(storage.put({ path: other, bytes: wav(32, 2), contentType: 'audio/wav' }))
      const signed = await run(storage.signedUrl(other, 600))
      expect(signed.url).toContain('bbbb.wav')
      const edited = await fixture.openSignedUrl(signed.url.replace('bbbb.wav', 'aaaa.wav'), new Date())
      expect(edited.status).toBeGreaterThanOrEqual(400)
      expect(edited.bytes).not.toEqual(wav(32, 1))
    })

    it('refuses to sign a URL for a missing object or with an out-of-range lifetime', async () => {
      expect(await fail(storage.signedUrl('2026/11/20/missing.wav', 600))).toMatchObject({
        _tag: 'RecordingStorageError',
        reason: 'not-found',
      })
      const path = '2026/11/20/expiry.wav'
      await run(storage.put({ path, bytes: wav(8), contentType: 'audio/wav' }))
      for (const seconds of [0, 59, 604_801, 1.5]) {
        expect(await fail(storage.signedUrl(path, seconds))).toMatchObject({ reason: 'invalid-expiry' })
      }
    })

    it('removes an object; removing it again succeeds', async () => {
      const path = '2026/11/20/gone.wav'
      await run(storage.put({ path, bytes: wav(8), contentType: 'audio/wav' }))
      await run(storage.remove(path))
      expect(await fixture.inspect(path)).toBeUndefined()
      expect(Option.isNone(await run(storage.stat(path)))).toBe(true)
      await run(storage.remove(path))
    })

    it('refuses paths that could escape or alias, and writes nothing', async () => {
      for (const path of ['../escape.wav', '/absolute.wav', 'a//b.wav', 'a/../../b.wav', '.hidden', '']) {
        expect(await fail(storage.put({ path, bytes: wav(8), contentType: 'audio/wav' }))).toMatchObject({
          _tag: 'RecordingStorageError',
          reason: 'invalid-path',
        })
        expect(await fail(storage.signedUrl(path, 600))).toMatchObject({ reason: 'invalid-path' })
        expect(await fail(storage.remove(path))).toMatchObject({ reason: 'invalid-path' })
        expect(await fail(storage.stat(path))).toMatchObject({ reason: 'invalid-path' })
      }
      expect(await fixture.inspect('escape.wav')).toBeUndefined()
    })
  })
