import { Recordings } from '@ringlane/core'
import { Clock, Effect, Layer, Option, Schema } from 'effect'

/** The error Supabase Storage answers with (`StorageError` in @supabase/storage-js), as far as we read it. */
export interface SupabaseStorageApiError {
  readonly message: string
  readonly status?: unknown
  readonly statusCode?: unknown
  readonly code?: unknown
}

type Result<T> = { data: T; error: null } | { data: null; error: SupabaseStorageApiError }

/**
 * The slice of `SupabaseClient` this adapter uses, so `@supabase/supabase-js` stays your dependency:
 * pass the client you created (with a key that may write the bucket, e.g. the service role key).
 */
export interface SupabaseStorageClient {
  readonly storage: {
    from(bucket: string): {
      upload(
        path: string,
        body: Uint8Array,
        options: { contentType: string; upsert: boolean },
      ): Promise<Result<{ path: string }>>
      createSignedUrl(path: string, expiresIn: number): Promise<Result<{ signedUrl: string }>>
      remove(paths: string[]): Promise<Result<unknown>>
      info(path: string): Promise<Result<{ size?: number | undefined; contentType?: string | undefined }>>
    }
  }
}

/** Supabase's bucket name rules: lower case letters, digits, dots, dashes and underscores. */
const BucketName = Schema.String.pipe(
  Schema.pattern(/^[a-z0-9][a-z0-9._-]{1,62}$/, {
    message: () => 'a Supabase bucket name is 2-63 lower case letters, digits, . _ or -',
  }),
)

export interface SupabaseRecordingStorageOptions {
  readonly client: SupabaseStorageClient
  /** The bucket recordings go in; create it private, signed URLs are how listeners get in. */
  readonly bucket: string
}

export class InvalidSupabaseStorageOptions extends Schema.TaggedError<InvalidSupabaseStorageOptions>()(
  'InvalidSupabaseStorageOptions',
  { field: Schema.String, message: Schema.String },
) {}

const isNotFound = (error: SupabaseStorageApiError) =>
  error.statusCode === '404' || error.code === 'NoSuchKey' || error.status === 404

/**
 * Recording storage on a Supabase Storage bucket: `put` uploads (replacing), `signedUrl` asks Storage
 * for a signed URL, `stat` reads the object's info. Throws `InvalidSupabaseStorageOptions` for a bad
 * bucket name.
 */
export const supabaseRecordingStorage = ({
  client,
  bucket,
}: SupabaseRecordingStorageOptions): Recordings.RecordingStorageService => {
  const checked = Schema.decodeUnknownEither(BucketName)(bucket)
  if (checked._tag === 'Left') {
    throw new InvalidSupabaseStorageOptions({
      field: 'bucket',
      message: `bucket: "${bucket}" is not a valid Supabase bucket name (2-63 lower case letters, digits, . _ -)`,
    })
  }
  const objects = () => client.storage.from(bucket)

  /** Runs one Storage call; `notFound` says what a 404 means for this operation. */
  const call = <T, A>(
    operation: string,
    path: string,
    request: () => Promise<Result<T>>,
    onData: (data: T) => A,
    notFound: () => Effect.Effect<A, Recordings.RecordingStorageError>,
  ) =>
    Effect.flatMap(Recordings.checkStoragePath(operation, path), () =>
      Effect.tryPromise({
        try: request,
        catch: (cause) =>
          new Recordings.RecordingStorageError({
            operation,
            reason: 'unavailable',
            path,
            message: `Supabase Storage could not be reached to ${operation} ${bucket}/${path}: ${
              cause instanceof Error ? cause.message : String(cause)
            }`,
            cause,
          }),
      }).pipe(
        Effect.flatMap((result) => {
          if (result.error === null) return Effect.succeed(onData(result.data))
          if (isNotFound(result.error)) return notFound()
          return Effect.fail(
            new Recordings.RecordingStorageError({
              operation,
              reason: 'unavailable',
              path,
              message: `Supabase Storage refused to ${operation} ${bucket}/${path}: ${result.error.message}`,
              cause: result.error,
            }),
          )
        }),
      ),
    )
  const missing = (operation: string, path: string) => () =>
    Effect.fail(
      new Recordings.RecordingStorageError({
        operation,
        reason: 'not-found',
        path,
        message: `There is no recording at ${bucket}/${path}`,
      }),
    )

  return {
    backend: 'supabase',
    put: ({ path, bytes, contentType }) =>
      call(
        'store a recording',
        path,
        () => objects().upload(path, bytes, { contentType, upsert: true }),
        () => path,
        // A 404 on upload means the bucket itself is missing.
        () =>
          Effect.fail(
            new Recordings.RecordingStorageError({
              operation: 'store a recording',
              reason: 'unavailable',
              path,
              message: `Supabase Storage has no bucket "${bucket}": create it (private) first`,
            }),
          ),
      ),
    signedUrl: (path, expiresInSeconds) =>
      Effect.gen(function* () {
        const seconds = yield* Recordings.checkSignedUrlExpiry(path, expiresInSeconds)
        const issuedAt = yield* Clock.currentTimeMillis
        const url = yield* call(
          'sign a recording URL',
          path,
          () => objects().createSignedUrl(path, seconds),
          (data) => data.signedUrl,
          missing('sign a recording URL', path),
        )
        return { url, expiresAt: new Date(issuedAt + seconds * 1000) }
      }),
    remove: (path) =>
      call(
        'remove a recording',
        path,
        () => objects().remove([path]),
        () => undefined,
        () => Effect.void,
      ),
    stat: (path) =>
      call(
        'read a recording’s info',
        path,
        () => objects().info(path),
        (info) =>
          Option.some({
            sizeBytes: info.size ?? 0,
            contentType: info.contentType ?? 'application/octet-stream',
          }),
        () => Effect.succeed(Option.none()),
      ),
  }
}

/** Effect API: provides `Recordings.RecordingStorage` on a Supabase bucket. */
export const layer = (options: SupabaseRecordingStorageOptions) =>
  Layer.effect(
    Recordings.RecordingStorage,
    Effect.try({
      try: () => supabaseRecordingStorage(options),
      catch: (error) =>
        error instanceof InvalidSupabaseStorageOptions
          ? error
          : new InvalidSupabaseStorageOptions({ field: 'client', message: String(error) }),
    }),
  )
