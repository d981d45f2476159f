import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { app } from '../server/app.server'
import { clientIp } from '../server/client-ip.server'

/** Refused links: a link that is not ours is not found; one that was ours and no longer opens is gone. */
const statusOf = (reason: string) => (reason === 'malformed' || reason === 'unknown' ? 404 : 410)

/**
 * Where a magic link a customer was texted opens (when no portal is configured): the token is verified
 * and the opening tracked (time, browser, address) by the SDK, which refuses an unknown, expired,
 * withdrawn or used link with a sentence for the person. Public: the token is the credential, and it is
 * never shown back or logged.
 */
export const loader = async ({ request, params, context }: LoaderFunctionArgs) => {
  const running = await app()
  const url = new URL(request.url)
  const label = running.linkTypes.find((t) => t.type === params.linkType)?.label ?? null
  const token = url.searchParams.get('token') ?? ''
  try {
    const link = await running.ringlane.magicLinks.verify({
      token,
      userAgent: request.headers.get('user-agent'),
      ip: clientIp(request, context, running.env.TRUST_PROXY).slice(0, 64),
    })
    const type = running.linkTypes.find((t) => t.type === link.linkType)
    return data(
      { ok: true as const, label: type?.label ?? label ?? 'Your link' },
      { headers: { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } },
    )
  } catch (error) {
    const refused = error as { _tag?: string; reason?: string; message?: string }
    if (refused._tag !== 'MagicLinkRejected' && refused._tag !== 'InvalidMagicLinkRequest') throw error
    return data(
      { ok: false as const, label, message: refused.message ?? 'This link does not open; ask for a new one' },
      {
        status: statusOf(refused.reason ?? 'malformed'),
        headers: { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
      },
    )
  }
}
