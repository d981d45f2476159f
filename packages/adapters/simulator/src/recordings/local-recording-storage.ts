import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, resolve, sep } from 'node:path'
import { Recordings } from '@ringlane/core'
import { Clock, Effect, Layer, Option, Redacted, Schema } from 'effect'
import { type RecordingUrlRejected, signRecordingUrl, verifyRecordingUrl } from './signed-url.js'

export interface LocalRecordingStorageOptions {
  /** Where recordings are kept; created if missing. */
  readonly directory: string
  /**
   * Where the app serves them: a path on the app's origin (`/recordings/media`) or an absolute URL.
   * The app's route at `<baseUrl>/*` calls `verifySignedUrl` and then `read`.
   */
  readonly baseUrl: string
  /** Signs URLs (HMAC-SHA256); at least 32 characters. Keep it in the app's secrets. */
  readonly secret: Redacted.Redacted<string>
}

export class InvalidLocalStorageOptions extends Schema.TaggedError<InvalidLocalStorageOptions>()(
  'InvalidLocalStorageOptions',
  { field: Schema.String, message: Schema.String },
) {}

const checkOptions = ({ directory, baseUrl, secret }: LocalRecordingStorageOptions) => {
  const refuse = (field: string, message: string) => {
    throw new InvalidLocalStorageOptions({ field, message: `${field}: ${message}` })
  }
  if (directory.trim() === '') refuse('directory', 'must name a directory')
  if (!(baseUrl.startsWith('/') || URL.canParse(baseUrl)) || baseUrl.includes('?') || baseUrl.includes('#')) {
    refuse('baseUrl', 'must be a path like /recordings/media or an absolute URL, without query or fragment')
  }
  // Read here only to check its strength; the value never reaches a message or a log.
  if (!Redacted.isRedacted(secret) || Redacted.value(secret).length < 32) {
    refuse('secret', 'must be a Redacted string of at least 32 characters (e.g. 32 random bytes, base64)')
  }
}

/** Recording storage in a local directory, with expiring HMAC-signed URLs the app serves. */
export const localRecordingStorage = (options: LocalRecordingStorageOptions) => {
  checkOptions(options)
  const root = resolve(options.directory)
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  const media = resolve(root, 'media')
  const meta = resolve(root, 'meta')

  /** The file for a checked path; refuses anything that would resolve outside the directory. */
  const locate = (operation: string, path: string) =>
    Effect.flatMap(Recordings.checkStoragePath(operation, path), (checked) => {
      const file = resolve(media, checked)
      return file.startsWith(media + sep)
        ? Effect.succeed({ file, metaFile: `${resolve(meta, checked)}.json` })
        : Effect.fail(
            new Recordings.RecordingStorageError({
              operation,
              reason: 'invalid-path',
              path,
              message: `path: ${path} is outside the recordings directory`,
            }),
          )
    })
  const io = <A>(operation: string, path: string, run: () => Promise<A>) =>
    Effect.tryPromise({
      try: run,
      catch: (cause) =>
        new Recordings.RecordingStorageError({
          operation,
          reason: (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'not-found' : 'unavailable',
          path,
          message: `Could not ${operation} ${path}: ${cause instanceof Error ? cause.message : String(cause)}`,
          cause,
        }),
    })
  const fileInfo = (operation: string, path: string) =>
    Effect.flatMap(locate(operation, path), ({ file, metaFile }) =>
      io(operation, path, async () => {
        const found = await stat(file).catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return undefined
          throw error
        })
        if (!found?.isFile()) return Option.none()
        const { contentType } = JSON.parse(await readFile(metaFile, 'utf8')) as { contentType: string }
        return Option.some({ file, sizeBytes: found.size, contentType })
      }),
    )

  const storage: Recordings.RecordingStorageService = {
    backend: 'local',
    put: ({ path, bytes, contentType }) =>
      Effect.flatMap(locate('store a recording', path), ({ file, metaFile }) =>
        io('store a recording', path, async () => {
          await mkdir(dirname(file), { recursive: true })
          await mkdir(dirname(metaFile), { recursive: true })
          // Written aside and renamed, so a reader never sees half a file.
          const partial = `${file}.${process.pid}.${Date.now()}.partial`
          await writeFile(partial, bytes)
          await writeFile(metaFile, JSON.stringify({ contentType }))
          await rename(partial, file)
          return path
        }),
      ),
    signedUrl: (path, expiresInSeconds) =>
      Effect.gen(function* () {
        const seconds = yield* Recordings.checkSignedUrlExpiry(path, expiresInSeconds)
        const found = yield* fileInfo('sign a recording URL', path)
        if (Option.isNone(found)) {
          return yield* new Recordings.RecordingStorageError({
            operation: 'sign a recording URL',
            reason: 'not-found',
            path,
            message: `There is no recording at ${path}`,
          })
        }
        const expires = Math.floor((yield* Clock.currentTimeMillis) / 1000) + seconds
        return {
          url: signRecordingUrl(options.secret, baseUrl, path, expires),
          expiresAt: new Date(expires * 1000),
        }
      }),
    remove: (path) =>
      Effect.flatMap(locate('remove a recording', path), ({ file, metaFile }) =>
        io('remove a recording', path, async () => {
          await rm(file, { force: true })
          await rm(metaFile, { force: true })
        }),
      ),
    stat: (path) =>
      Effect.map(
        fileInfo('read a recording’s size', path),
        Option.map(({ sizeBytes, contentType }) => ({ sizeBytes, contentType })),
      ),
  }

  return {
    ...storage,
    /**
     * For the app's route: the storage path a signed URL grants, or why it is refused. Pass the
     * request's URL (full, or path and query). `at` defaults to now.
     */
    verifySignedUrl: (
      url: string | URL,
      at: Date = new Date(),
    ): Effect.Effect<string, RecordingUrlRejected> => verifyRecordingUrl(options.secret, baseUrl, url, at),
    /** The stored bytes and their type, to send once `verifySignedUrl` granted the path. */
    read: (path: string) =>
      Effect.flatMap(fileInfo('read a recording', path), (found) =>
        Option.isNone(found)
          ? Effect.fail(
              new Recordings.RecordingStorageError({
                operation: 'read a recording',
                reason: 'not-found',
                path,
                message: `There is no recording at ${path}`,
              }),
            )
          : Effect.map(
              io('read a recording', path, () => readFile(found.value.file)),
              (bytes) => ({
                bytes: new Uint8Array(bytes),
                contentType: found.value.contentType,
                sizeBytes: found.value.sizeBytes,
              }),
            ),
      ),
  }
}

export type LocalRecordingStorage = ReturnType<typeof localRecordingStorage>

/** Effect API: provides `Recordings.RecordingStorage` on a local directory. */
export const localRecordingStorageLayer = (options: LocalRecordingStorageOptions) =>
  Layer.effect(
    Recordings.RecordingStorage,
    Effect.try({
      try: () => localRecordingStorage(options),
      catch: (error) =>
        error instanceof InvalidLocalStorageOptions
          ? error
          : new InvalidLocalStorageOptions({ field: 'directory', message: String(error) }),
    }),
  )
