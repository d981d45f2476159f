import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Schema } from 'effect'
import { decodeForm, messageOf, readForm } from '../server/forms.server'
import { publishQueueLevels } from '../server/live.server'
import { supervisorAction, supervisorLoader } from '../server/supervisor.server'

/** Each queue's settings, level and last build, and the dialling rules. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const [levels, config] = await Promise.all([running.ringlane.queues.levels(), running.ringlane.config()])
  return {
    queues: config.queues.map((queue) => {
      const level = levels.find((l) => l.queueId === queue.id)
      return {
        id: queue.id,
        label: queue.label,
        kind: queue.kind,
        priority: queue.priority,
        threshold: queue.threshold,
        coolingMinutes: queue.coolingMinutes,
        maxEntries: queue.maxEntries,
        weights: Object.entries(queue.weights).map(([name, value]) => [name, JSON.stringify(value)] as const),
        waiting: level?.waiting ?? 0,
        claimed: level?.claimed ?? 0,
        generation: level?.generation ?? 0,
        regeneratedAt: level?.regeneratedAt ? new Date(level.regeneratedAt).toISOString() : null,
      }
    }),
    settings: {
      claimExpiryMinutes: config.settings.claimExpiryMinutes,
      skipCooldownMinutes: config.settings.skipCooldownMinutes,
      maxAttemptsPerDay: config.settings.maxAttemptsPerDay,
      maxAttemptsTotal: config.settings.maxAttemptsTotal,
      callingWindow: config.settings.callingWindow,
      complianceProfile: config.settings.complianceProfile,
      complianceOverlays: config.settings.complianceOverlays,
    },
  }
}

const Intent = Schema.Struct({ intent: Schema.Literal('regenerate') })

type Result =
  | {
      ok: true
      durationMs: number
      queues: ReadonlyArray<{ queueId: string; inserted: number; excluded: number }>
    }
  | { ok: false; error: string }

/** Regenerates every queue now (one regeneration at a time across instances). */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { running } = await supervisorAction({ request, context })
  const intent = decodeForm(Intent, await readForm(request))
  if (!intent.ok) return data<Result>({ ok: false, error: 'Unknown action' }, { status: 400 })
  try {
    const result = await running.ringlane.queues.regenerate()
    await publishQueueLevels(running)
    if (result._tag === 'AlreadyRunning')
      return data<Result>(
        { ok: false, error: 'A regeneration is already running; try again in a minute.' },
        { status: 409 },
      )
    return data<Result>({
      ok: true,
      durationMs: result.durationMs,
      queues: result.queues.map((q) => ({
        queueId: q.queueId,
        inserted: q.inserted,
        excluded: Object.values(q.excluded).reduce((sum, n) => sum + n, 0),
      })),
    })
  } catch (error) {
    return data<Result>({ ok: false, error: messageOf(error) }, { status: 500 })
  }
}
