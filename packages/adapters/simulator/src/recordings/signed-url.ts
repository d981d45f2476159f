import { createHmac, timingSafeEqual } from 'node:crypto'
import { Recordings } from '@ringlane/core'
import { Effect, Either, Redacted, Schema } from 'effect'

/** A signed recording URL that is not good: answer 403 (410 for `expired`) and serve nothing. */
export class RecordingUrlRejected extends Schema.TaggedError<RecordingUrlRejected>()('RecordingUrlRejected', {
  reason: Schema.Literal('malformed', 'invalid-path', 'bad-signature', 'expired'),
  message: Schema.String,
}) {}

const signature = (secret: Redacted.Redacted<string>, path: string, expires: number) =>
  createHmac('sha256', Redacted.value(secret)).update(`${path}\n${expires}`).digest()

/** `<base>/<path>?expires=<unix seconds>&signature=<base64url HMAC-SHA256 of path and expiry>`. */
export const signRecordingUrl = (
  secret: Redacted.Redacted<string>,
  baseUrl: string,
  path: string,
  expires: number,
) =>
  `${baseUrl}/${path}?expires=${expires}&signature=${signature(secret, path, expires).toString('base64url')}`

const reject = (reason: RecordingUrlRejected['reason'], message: string) =>
  Effect.fail(new RecordingUrlRejected({ reason, message }))

/**
 * Checks a URL signed by `signRecordingUrl` and returns the storage path it grants, or why not. The
 * signature is compared in constant time; the expiry is checked only once the signature holds, so a
 * forged URL learns nothing.
 */
export const verifyRecordingUrl = (
  secret: Redacted.Redacted<string>,
  baseUrl: string,
  url: string | URL,
  at: Date,
): Effect.Effect<string, RecordingUrlRejected> => {
  // A fixed origin lets an app pass the request's full URL or just its path and query.
  const parsed = URL.canParse(url, 'http://recordings.invalid')
    ? new URL(url, 'http://recordings.invalid')
    : null
  const prefix = `${new URL(baseUrl, 'http://recordings.invalid').pathname.replace(/\/+$/, '')}/`
  if (!parsed?.pathname.startsWith(prefix)) {
    return reject('malformed', `Not a recording URL: it must start with ${prefix}`)
  }
  const expires = Number(parsed.searchParams.get('expires'))
  const given = Buffer.from(parsed.searchParams.get('signature') ?? '', 'base64url')
  if (!Number.isSafeInteger(expires) || given.length === 0) {
    return reject('malformed', 'The recording URL has no valid expires and signature parameters')
  }
  let path: string
  try {
    path = decodeURIComponent(parsed.pathname.slice(prefix.length))
  } catch {
    return reject('malformed', 'The recording URL’s path is not valid percent-encoding')
  }
  if (Either.isLeft(Schema.decodeUnknownEither(Recordings.StoragePath)(path))) {
    return reject('invalid-path', 'The recording URL names a path outside the recordings directory')
  }
  const expected = signature(secret, path, expires)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return reject(
      'bad-signature',
      'The recording URL’s signature does not match: it was altered or not issued here',
    )
  }
  if (expires * 1000 <= at.getTime()) {
    return reject('expired', 'The recording URL has expired: ask for a fresh one')
  }
  return Effect.succeed(path)
}
