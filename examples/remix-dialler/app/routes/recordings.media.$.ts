import type { LoaderFunctionArgs } from '@remix-run/node'
import { Effect } from 'effect'
import { app } from '../server/app.server'
import { requireRole } from '../server/auth.server'
import { run } from '../server/run.server'

const refusalStatus = { malformed: 400, 'invalid-path': 400, 'bad-signature': 403, expired: 410 } as const

/**
 * Local recordings, served only to a supervisor holding a URL the recordings service signed (and
 * audited) for them. Byte ranges are honoured, so the player can seek.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  await requireRole(running, running.publicBaseUrl, request, ['supervisor', 'admin'])
  const storage = running.localRecordings
  if (!storage) return new Response('Recordings are not kept on this server.', { status: 404 })
  const checked = await run(
    storage.verifySignedUrl(request.url).pipe(
      Effect.flatMap(storage.read),
      Effect.map((media) => ({ ok: true as const, media })),
      Effect.catchAll((error) =>
        Effect.succeed({
          ok: false as const,
          status: error._tag === 'RecordingUrlRejected' ? refusalStatus[error.reason] : 404,
          message: error.message,
        }),
      ),
    ),
  )
  if (!checked.ok) return new Response(checked.message, { status: checked.status })
  const { bytes, contentType } = checked.media
  const url = new URL(request.url)
  const headers = new Headers({
    'Content-Type': contentType,
    'Accept-Ranges': 'bytes',
    // A signed URL is a bearer secret: never kept by shared caches.
    'Cache-Control': 'private, no-store',
    'Referrer-Policy': 'no-referrer',
  })
  if (url.searchParams.get('download') === '1') {
    const name = url.pathname.split('/').pop() ?? 'recording'
    headers.set('Content-Disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`)
  }
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get('range') ?? '')
  if (range && (range[1] || range[2])) {
    const size = bytes.length
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]))
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1
    if (start >= size || start > end) {
      headers.set('Content-Range', `bytes */${size}`)
      return new Response(null, { status: 416, headers })
    }
    headers.set('Content-Range', `bytes ${start}-${end}/${size}`)
    headers.set('Content-Length', String(end - start + 1))
    return new Response(bytes.slice(start, end + 1), { status: 206, headers })
  }
  headers.set('Content-Length', String(bytes.length))
  return new Response(bytes, { status: 200, headers })
}
