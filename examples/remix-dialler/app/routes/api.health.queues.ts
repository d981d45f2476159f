import type { LoaderFunctionArgs } from '@remix-run/node'
import { app } from '../server/app.server'
import { healthReader, noStore } from '../server/health.server'

/**
 * Queue levels against their thresholds, the last regeneration, and the queue jobs' last runs here.
 * Business data, not for the public: supervisors and admins only (401 signed out, 403 for agents).
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  const reader = await healthReader(running, request)
  if (!reader.allowed)
    return Response.json(
      { error: 'Queue health is for supervisors and admins: sign in as one.' },
      { status: reader.signedIn ? 403 : 401, headers: noStore },
    )
  const [levels, config] = await Promise.all([running.ringlane.queues.levels(), running.ringlane.config()])
  const queues = config.queues.map((queue) => {
    const level = levels.find((l) => l.queueId === queue.id)
    const waiting = level?.waiting ?? 0
    return {
      queueId: queue.id,
      label: queue.label,
      priority: queue.priority,
      waiting,
      claimed: level?.claimed ?? 0,
      threshold: queue.threshold,
      belowThreshold: waiting < queue.threshold,
      generation: level?.generation ?? 0,
      regeneratedAt: level?.regeneratedAt?.toISOString() ?? null,
    }
  })
  const regenerations = queues.map((q) => q.regeneratedAt).filter((at): at is string => at !== null)
  const jobRuns = running.jobs
    .lastRuns()
    .filter((run) => run.name === 'queue-level-check' || run.name === 'queue-regeneration')
  return Response.json(
    {
      status: queues.some((q) => q.belowThreshold) ? 'low' : 'ok',
      lastRegeneratedAt: regenerations.sort().at(-1) ?? null,
      queues,
      jobs: jobRuns,
    },
    { headers: noStore },
  )
}
