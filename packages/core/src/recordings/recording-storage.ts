import { Context, Effect, Either, type Option, ParseResult, Schema } from 'effect'

/**
 * Why storage refused or failed, so callers can react without reading messages:
 * `not-found` (no object at the path), `invalid-path` (a path the port never accepts),
 * `invalid-expiry` (a signed URL lifetime out of range), `unavailable` (the backend failed).
 */
export const RecordingStorageFailure = Schema.Literal(
  'not-found',
  'invalid-path',
  'invalid-expiry',
  'unavailable',
)
export type RecordingStorageFailure = typeof RecordingStorageFailure.Type

/** Recording storage failed or refused. Carries the backend's error as `cause`. */
export class RecordingStorageError extends Schema.TaggedError<RecordingStorageError>()(
  'RecordingStorageError',
  {
    operation: Schema.String,
    reason: RecordingStorageFailure,
    path: Schema.String,
    message: Schema.String,
    cause: Schema.optional(Schema.Defect),
  },
) {}

/**
 * A storage path every adapter accepts: relative, `/`-separated segments of letters, digits, `.`,
 * `_` and `-`, none starting with a dot (so no `..`, no hidden files), at most 512 characters.
 */
export const StoragePath = Schema.String.pipe(
  Schema.maxLength(512),
  Schema.pattern(/^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/, {
    message: () => 'a storage path is relative segments of letters, digits, . _ -, e.g. 2026/11/20/abc.wav',
  }),
)

/** Signed URLs live between a minute and a week: long enough to play, short enough to be a secret. */
export const SignedUrlExpiry = Schema.Int.pipe(
  Schema.between(60, 604_800, { message: () => 'a signed URL lives between 60 and 604800 seconds' }),
)

/** A URL that serves one stored recording until `expiresAt`; a bearer secret, never logged. */
export interface SignedUrl {
  readonly url: string
  readonly expiresAt: Date
}

/**
 * Where recording media lives (a Supabase bucket, a local directory, ...). Paths are chosen by the
 * caller and checked against `StoragePath`; URLs are signed and expire.
 */
export interface RecordingStorageService {
  /** Which backend this is, for logs and health (`supabase`, `local`). */
  readonly backend: string
  /**
   * Stores the bytes at the path and returns the path. An object already there is replaced, so a
   * retried copy of the same recording is harmless.
   */
  readonly put: (object: {
    readonly path: string
    readonly bytes: Uint8Array
    readonly contentType: string
  }) => Effect.Effect<string, RecordingStorageError>
  /** A URL that serves the object for `expiresInSeconds`. Fails with `not-found` if there is none. */
  readonly signedUrl: (
    path: string,
    expiresInSeconds: number,
  ) => Effect.Effect<SignedUrl, RecordingStorageError>
  /** Removes the object; removing one that is not there succeeds, so retention can be re-run. */
  readonly remove: (path: string) => Effect.Effect<void, RecordingStorageError>
  /** Whether an object is there, and its size and type. */
  readonly stat: (
    path: string,
  ) => Effect.Effect<
    Option.Option<{ readonly sizeBytes: number; readonly contentType: string }>,
    RecordingStorageError
  >
}

export class RecordingStorage extends Context.Tag('@ringlane/core/RecordingStorage')<
  RecordingStorage,
  RecordingStorageService
>() {}

const refuse = (
  operation: string,
  path: string,
  reason: RecordingStorageFailure,
  error: ParseResult.ParseError,
) =>
  new RecordingStorageError({
    operation,
    reason,
    path,
    message: `${reason === 'invalid-path' ? 'path' : 'expiresInSeconds'}: ${ParseResult.TreeFormatter.formatErrorSync(error)}`,
  })

/** For adapters: the path if every adapter would accept it, else an `invalid-path` refusal. */
export const checkStoragePath = (
  operation: string,
  path: string,
): Effect.Effect<string, RecordingStorageError> =>
  Either.match(Schema.decodeUnknownEither(StoragePath)(path), {
    onLeft: (error) => Effect.fail(refuse(operation, String(path), 'invalid-path', error)),
    onRight: Effect.succeed,
  })

/** For adapters: the lifetime if it is in range, else an `invalid-expiry` refusal. */
export const checkSignedUrlExpiry = (
  path: string,
  seconds: number,
): Effect.Effect<number, RecordingStorageError> =>
  Either.match(Schema.decodeUnknownEither(SignedUrlExpiry)(seconds), {
    onLeft: (error) => Effect.fail(refuse('sign a recording URL', path, 'invalid-expiry', error)),
    onRight: Effect.succeed,
  })
