import type { LoaderFunctionArgs } from '@remix-run/node'
import { app } from '../server/app.server'
import { requireRole } from '../server/auth.server'

/** Every agent page: agents only. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  const { publicBaseUrl } = running
  await requireRole(running, publicBaseUrl, request, ['agent'])
  return null
}
