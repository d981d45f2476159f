/**
 * @ringlane/supabase/testing: msw handlers that answer Supabase Storage's REST API from memory, so
 * the real `@supabase/supabase-js` client can be driven in unit tests, local development and
 * end-to-end tests with no Supabase project. Signed URLs are real HS256 tokens that expire.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import { HttpResponse, http } from 'msw'

export interface StoredObject {
  readonly bytes: Uint8Array
  readonly contentType: string
  readonly createdAt: Date
}

export interface SupabaseStorageEmulatorOptions {
  /** The project URL given to `createClient`, e.g. `https://project.supabase.test`. */
  readonly url: string
  /** Buckets that exist; requests for others fail as Storage would. Default `['recordings']`. */
  readonly buckets?: ReadonlyArray<string>
  /** The clock signed URLs are issued and checked against. Default: the real one. */
  readonly now?: () => Date
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url')

/** Storage's error body: `statusCode` is the code it means, the HTTP status is often 400. */
const storageError = (
  httpStatus: number,
  statusCode: string,
  error: string,
  message: string,
  code?: string,
) => HttpResponse.json({ statusCode, error, message, ...(code ? { code } : {}) }, { status: httpStatus })

export const supabaseStorageEmulator = ({
  url,
  buckets: bucketNames = ['recordings'],
  now = () => new Date(),
}: SupabaseStorageEmulatorOptions) => {
  const storageUrl = `${url.replace(/\/+$/, '')}/storage/v1`
  const secret = randomUUID()
  const buckets = new Map(bucketNames.map((name) => [name, new Map<string, StoredObject>()]))
  let failures = 0

  const sign = (payload: object) => {
    const body = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}`
    return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`
  }
  const verify = (token: string): { url: string; exp: number } | 'invalid' => {
    const [header, payload, signature] = token.split('.')
    if (!header || !payload || !signature) return 'invalid'
    const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest()
    const given = Buffer.from(signature, 'base64url')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid'
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { url: string; exp: number }
  }

  /** `/object/<rest>` split into bucket and object path, decoded. */
  const locate = (rest: string) => {
    const [bucket = '', ...parts] = rest.split('/').map(decodeURIComponent)
    return { bucket, path: parts.join('/'), objects: buckets.get(bucket) }
  }
  const noBucket = () => storageError(400, '404', 'Bucket not found', 'Bucket not found')
  const noObject = () => storageError(400, '404', 'not_found', 'Object not found')
  const authorized = (request: Request) =>
    /^Bearer .+/.test(request.headers.get('authorization') ?? '') && request.headers.get('apikey') !== null

  const handlers = [
    http.all(`${storageUrl}/object/*`, async ({ request }) => {
      if (failures > 0) {
        failures--
        return storageError(503, '503', 'ServiceUnavailable', 'Storage is temporarily unavailable')
      }
      const { pathname, searchParams } = new URL(request.url)
      const route = pathname.slice(new URL(storageUrl).pathname.length + '/object/'.length)

      // A listener opening a signed URL: no API key, only the token.
      if (request.method === 'GET' && route.startsWith('sign/')) {
        const { bucket, path, objects } = locate(route.slice('sign/'.length))
        const claims = verify(searchParams.get('token') ?? '')
        if (claims === 'invalid' || claims.url !== `${bucket}/${path}`) {
          return storageError(400, '400', 'InvalidSignature', 'The signature does not match')
        }
        if (claims.exp * 1000 <= now().getTime()) return storageError(400, '400', 'InvalidJWT', 'jwt expired')
        const object = objects?.get(path)
        if (!object) return noObject()
        return new HttpResponse(object.bytes, { headers: { 'content-type': object.contentType } })
      }

      if (!authorized(request)) return storageError(400, '403', 'Unauthorized', 'Invalid Compact JWS')

      if (request.method === 'POST' && route.startsWith('sign/')) {
        const { bucket, path, objects } = locate(route.slice('sign/'.length))
        if (!objects) return noBucket()
        if (!objects.has(path)) return noObject()
        const { expiresIn } = (await request.json()) as { expiresIn: number }
        const iat = Math.floor(now().getTime() / 1000)
        const token = sign({ url: `${bucket}/${path}`, iat, exp: iat + expiresIn })
        return HttpResponse.json({ signedURL: `/object/sign/${bucket}/${path}?token=${token}` })
      }

      if (request.method === 'GET' && route.startsWith('info/')) {
        const { bucket, path, objects } = locate(route.slice('info/'.length))
        if (!objects) return noBucket()
        const object = objects.get(path)
        if (!object) return storageError(404, '404', 'not_found', 'Object not found', 'NoSuchKey')
        return HttpResponse.json({
          id: randomUUID(),
          version: '1',
          name: path,
          bucket_id: bucket,
          created_at: object.createdAt.toISOString(),
          size: object.bytes.byteLength,
          content_type: object.contentType,
          cache_control: 'max-age=3600',
          etag: `"${object.bytes.byteLength}"`,
          metadata: {},
        })
      }

      if (request.method === 'POST' || request.method === 'PUT') {
        const { bucket, path, objects } = locate(route)
        if (!objects) return noBucket()
        const upsert = request.method === 'PUT' || request.headers.get('x-upsert') === 'true'
        if (objects.has(path) && !upsert) {
          return storageError(400, '409', 'Duplicate', 'The resource already exists')
        }
        objects.set(path, {
          bytes: new Uint8Array(await request.arrayBuffer()),
          contentType: request.headers.get('content-type') ?? 'application/octet-stream',
          createdAt: now(),
        })
        return HttpResponse.json({ Id: randomUUID(), Key: `${bucket}/${path}` })
      }

      if (request.method === 'DELETE') {
        const { bucket, objects } = locate(route)
        if (!objects) return noBucket()
        const { prefixes } = (await request.json()) as { prefixes: string[] }
        const removed = prefixes.filter((path) => objects.delete(path))
        return HttpResponse.json(removed.map((name) => ({ name, bucket_id: bucket })))
      }

      return storageError(400, '400', 'InvalidRequest', `${request.method} ${pathname} is not emulated`)
    }),
  ]

  return {
    /** Give these to `setupServer(...)` (msw/node) or `setupWorker(...)`. */
    handlers,
    /** What a bucket holds, for assertions. */
    bucket: (name: string): ReadonlyMap<string, StoredObject> => buckets.get(name) ?? new Map(),
    /** The next `count` requests fail with 503, as an outage would. */
    failNextRequests: (count: number) => {
      failures = count
    },
    /** Empties every bucket. */
    reset: () => {
      for (const objects of buckets.values()) objects.clear()
      failures = 0
    },
  }
}

export type SupabaseStorageEmulator = ReturnType<typeof supabaseStorageEmulator>
