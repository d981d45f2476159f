import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Recordings } from '@ringlane/core'
import { describeRecordingStorageConformance } from '@ringlane/core/testing'
import { Effect, Redacted } from 'effect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  InvalidLocalStorageOptions,
  localRecordingStorage,
  localRecordingStorageLayer,
} from './local-recording-storage.js'
import { synthesizeRecording } from './wav.js'

const secret = Redacted.make('a-test-secret-that-is-long-enough-0123456789')
const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

// A real directory, and the app's route as it would be: verify the URL, then read the file.
describeRecordingStorageConformance('@ringlane/simulator local directory', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'ringlane-recordings-'))
  const storage = localRecordingStorage({ directory, baseUrl: '/recordings/media', secret })
  return {
    storage,
    openSignedUrl: async (url, at) => {
      const served = await run(
        storage.verifySignedUrl(url, at).pipe(
          Effect.flatMap(storage.read),
          Effect.map(({ bytes, contentType }) => ({ status: 200, bytes, contentType })),
          Effect.catchAll((error) =>
            Effect.succeed({
              status: error._tag === 'RecordingUrlRejected' ? (error.reason === 'expired' ? 410 : 403) : 404,
              bytes: new Uint8Array(),
              contentType: null,
            }),
          ),
        ),
      )
      return served
    },
    inspect: async (path) => {
      const bytes = await readFile(join(directory, 'media', path)).catch(() => undefined)
      return bytes && new Uint8Array(bytes)
    },
    reset: async () => {
      await rm(join(directory, 'media'), { recursive: true, force: true })
      await rm(join(directory, 'meta'), { recursive: true, force: true })
    },
    close: () => rm(directory, { recursive: true, force: true }),
  }
})

describe('localRecordingStorage signed URLs', () => {
  let directory: string
  let storage: ReturnType<typeof localRecordingStorage>
  let url: string
  const path = '2026/11/20/3f2c9a4e.wav'
  const at = new Date()

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ringlane-recordings-'))
    storage = localRecordingStorage({ directory, baseUrl: 'https://dialler.test/recordings/media/', secret })
    await run(storage.put({ path, bytes: synthesizeRecording({ seconds: 1 }), contentType: 'audio/wav' }))
    url = (await run(storage.signedUrl(path, 3600))).url
  })
  afterAll(() => rm(directory, { recursive: true, force: true }))

  const refusal = async (candidate: string, when = at) =>
    (await run(Effect.flip(storage.verifySignedUrl(candidate, when)))).reason

  it('grants the signed path, from the full URL or from the path and query the route sees', async () => {
    expect(url).toMatch(
      /^https:\/\/dialler\.test\/recordings\/media\/2026\/11\/20\/3f2c9a4e\.wav\?expires=\d+&signature=/,
    )
    expect(await run(storage.verifySignedUrl(url, at))).toBe(path)
    const { pathname, search } = new URL(url)
    expect(await run(storage.verifySignedUrl(`${pathname}${search}`, at))).toBe(path)
    const served = await run(storage.read(path))
    expect(served).toMatchObject({ contentType: 'audio/wav', sizeBytes: 16_044 })
  })

  it('refuses a tampered signature, path or expiry, and an expired URL, with typed reasons', async () => {
    const parsed = new URL(url)
    const signature = parsed.searchParams.get('signature') ?? ''
    const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`
    expect(await refusal(url.replace(signature, flipped))).toBe('bad-signature')
    expect(await refusal(url.replace(signature, signature.slice(0, 10)))).toBe('bad-signature')
    expect(await refusal(url.replace('3f2c9a4e.wav', '3f2c9a4f.wav'))).toBe('bad-signature')
    const expires = Number(parsed.searchParams.get('expires'))
    expect(await refusal(url.replace(`expires=${expires}`, `expires=${expires + 86_400}`))).toBe(
      'bad-signature',
    )
    expect(await refusal(url, new Date(expires * 1000))).toBe('expired')
    const other = localRecordingStorage({
      directory,
      baseUrl: 'https://dialler.test/recordings/media',
      secret: Redacted.make('another-secret-that-is-long-enough-98765432'),
    })
    expect((await run(Effect.flip(other.verifySignedUrl(url, at)))).reason).toBe('bad-signature')
  })

  it('refuses malformed URLs and paths that would leave the directory', async () => {
    const { search } = new URL(url)
    expect(await refusal('https://dialler.test/elsewhere/a.wav')).toBe('malformed')
    expect(await refusal(url.replace(/\?.*$/, ''))).toBe('malformed')
    expect(await refusal(url.replace(/expires=\d+/, 'expires=soon'))).toBe('malformed')
    expect(await refusal(`/recordings/media/%E0%A4%A${search}`)).toBe('malformed')
    expect(await refusal(`/recordings/media/..%2F..%2Fetc%2Fpasswd${search}`)).toBe('invalid-path')
    expect(await refusal(`/recordings/media/2026%2F..%2Fsecret${search}`)).toBe('invalid-path')
    // The URL parser folds dot segments itself; what is left is a path never signed.
    expect(await refusal(`/recordings/media/2026/.%2E/.%2E/secret${search}`)).toBe('malformed')
  })

  it('never reads or writes outside its directory, whatever the path', async () => {
    await writeFile(join(directory, 'outside.txt'), 'private')
    for (const bad of ['../outside.txt', 'media/../../outside.txt', '/etc/passwd']) {
      expect(await run(Effect.flip(storage.read(bad)))).toMatchObject({ reason: 'invalid-path' })
    }
  })

  it('refuses weak options naming the field, and never puts the secret in a message', () => {
    const make = (overrides: Partial<Parameters<typeof localRecordingStorage>[0]>) => () =>
      localRecordingStorage({ directory, baseUrl: '/r', secret, ...overrides })
    expect(make({ secret: Redacted.make('short') })).toThrow(InvalidLocalStorageOptions)
    expect(make({ secret: Redacted.make('short') })).toThrow(/^secret: /)
    expect(make({ secret: 'x'.repeat(40) as unknown as Redacted.Redacted<string> })).toThrow(/^secret: /)
    expect(make({ baseUrl: 'recordings' })).toThrow(/^baseUrl: /)
    expect(make({ baseUrl: '/r?x=1' })).toThrow(/^baseUrl: /)
    expect(make({ directory: ' ' })).toThrow(/^directory: /)
    try {
      make({ baseUrl: 'nope' })()
    } catch (error) {
      expect(JSON.stringify(error)).not.toContain(Redacted.value(secret))
      expect(String(error)).not.toContain(Redacted.value(secret))
    }
  })

  it('its layer provides the RecordingStorage port', async () => {
    const backend = await run(
      Effect.map(Recordings.RecordingStorage, (s) => s.backend).pipe(
        Effect.provide(localRecordingStorageLayer({ directory, baseUrl: '/r', secret })),
      ),
    )
    expect(backend).toBe('local')
  })
})
