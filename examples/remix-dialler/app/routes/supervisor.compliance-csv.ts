import type { LoaderFunctionArgs } from '@remix-run/node'
import { scopeFromSearch } from '../server/compliance.server'
import { supervisorLoader } from '../server/supervisor.server'

/** The compliance report as a CSV download, for the same scope as the page. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const url = new URL(request.url)
  const { scope, range, asked, fields } = await scopeFromSearch(running, url)
  const wrong = Object.values(fields).filter(Boolean)
  if (wrong.length > 0) return new Response(wrong.join('\n'), { status: 400 })
  const csv = await running.ringlane.compliance.reportCsv(scope)
  const name = `compliance-${range.from}-to-${range.to}${asked.campaign ? `-${asked.campaign}` : ''}.csv`
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'no-store',
    },
  })
}
