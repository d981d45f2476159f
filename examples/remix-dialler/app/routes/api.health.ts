import type { LoaderFunctionArgs } from '@remix-run/node'
import { app } from '../server/app.server'
import { checkHealth, healthReader, noStore, publicView } from '../server/health.server'

/** 200 when every part is up, 503 otherwise; details for supervisors and admins only. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  const [report, reader] = await Promise.all([checkHealth(running), healthReader(running, request)])
  return Response.json(reader.allowed ? report : publicView(report), {
    status: report.status === 'up' ? 200 : 503,
    headers: noStore,
  })
}
