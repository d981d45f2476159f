import type { LoaderFunctionArgs } from '@remix-run/node'
import { app } from '../server/app.server'
import { requireRole } from '../server/auth.server'

/** Every agent page: agents only. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { db, publicBaseUrl } = await app()
  await requireRole(db, publicBaseUrl, request, ['agent'])
  return null
}
