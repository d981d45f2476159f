import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { messageOf, readForm } from '../server/forms.server'
import { publishQueueLevels } from '../server/live.server'
import { run } from '../server/run.server'
import { supervisorAction, supervisorLoader } from '../server/supervisor.server'
import { weightFields } from '../utils/queue-weights'

/** The queues' tuning, the dispositions with their retry rules, the retention periods, and the latest changes. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const { ringlane } = running
  const [queues, dispositions, retention, changes, accounts] = await Promise.all([
    ringlane.queues.tuning(),
    ringlane.calls.dispositions(),
    ringlane.recordings.retention(),
    run(running.audit.list({ action: 'settings.changed', limit: 10 })),
    ringlane.agents.list(),
  ])
  const names = new Map(accounts.map((a) => [a.id as string, a.displayName]))
  return {
    queues: queues.map((q) => ({
      id: q.queueId,
      label: q.label,
      threshold: q.threshold,
      coolingMinutes: q.coolingMinutes,
      weights: Object.fromEntries(weightFields.map(([name]) => [name, q.weights[name]])),
      lastOutcome: Object.entries(q.weights.lastOutcome),
    })),
    dispositions: dispositions.map((d) => ({ ...d })),
    retention,
    changes: changes.map((c) => ({
      id: c.id,
      by: names.get(c.actor) ?? c.actor,
      setting: c.subject.replace(/^settings:/, ''),
      at: c.at.toISOString(),
      changed: Object.entries(c.detail).filter(([key]) => key !== 'version'),
    })),
  }
}

export type SettingsResult =
  | { ok: true; form: string; message: string }
  | { ok: false; form: string; field: string; message: string }

/** A number field as typed: empty is missing (the SDK says so), anything else a number or NaN. */
const numberOf = (value: FormDataEntryValue | null) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : undefined

/** A refused change names its field (400); anything else (the store is down) is ours to fix (500). */
const refused = (form: string, error: unknown, field: (sdkField: string) => string) => {
  const invalid = (error as { _tag?: unknown })._tag === 'InvalidSettingsChange'
  const sdkField = String((error as { field?: unknown }).field ?? '')
  return data<SettingsResult>(
    { ok: false, form, field: invalid ? field(sdkField) : 'form', message: messageOf(error) },
    { status: invalid ? 400 : 500 },
  )
}

/** The dispositions form's input for each field the SDK names. */
const dispositionInputs: Record<string, string> = {
  code: 'code',
  label: 'label',
  retryAfterMinutes: 'retry',
  contact: 'contact',
  converted: 'converted',
  requiresCallback: 'callback',
  optOut: 'optout',
}

/** The rows of the dispositions form, in order, with the form row each came from (for its errors). */
const dispositionRows = (form: FormData) => {
  const rows = Math.min(Number(form.get('rows') ?? 0) || 0, 200)
  const text = (name: string) => String(form.get(name) ?? '')
  const checked = (name: string) => form.get(name) === 'on'
  const list: Array<{ row: string; value: Record<string, unknown> }> = []
  for (const row of [...Array.from({ length: rows }, (_, i) => String(i)), 'new']) {
    if (row === 'new' && text('code-new').trim() === '') continue
    if (checked(`remove-${row}`)) continue
    const retry = text(`retry-${row}`).trim()
    list.push({
      row,
      value: {
        code: text(`code-${row}`).trim(),
        label: text(`label-${row}`),
        retryAfterMinutes: retry === '' ? null : Number(retry),
        contact: checked(`contact-${row}`),
        converted: checked(`converted-${row}`),
        requiresCallback: checked(`callback-${row}`),
        optOut: checked(`optout-${row}`),
      },
    })
  }
  return list
}

/** Saves one form of the page: a queue's tuning, the dispositions, or the retention periods. */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction({ request, context })
  const form = await readForm(request)
  const { ringlane } = running
  const intent = form.get('intent')
  if (intent === 'queue') {
    const queueId = String(form.get('queueId') ?? '')
    const formId = `queue-${queueId}`
    const lastOutcome = Object.fromEntries(
      [...form.keys()]
        .filter((key) => key.startsWith('lastOutcome.'))
        .map((key) => [key.slice('lastOutcome.'.length), numberOf(form.get(key))]),
    )
    try {
      const saved = await ringlane.queues.tune(user.id, queueId, {
        threshold: numberOf(form.get('threshold')),
        coolingMinutes: numberOf(form.get('coolingMinutes')),
        weights: {
          ...Object.fromEntries(weightFields.map(([name]) => [name, numberOf(form.get(`weights.${name}`))])),
          lastOutcome,
        },
      })
      await publishQueueLevels(running)
      return data<SettingsResult>({
        ok: true,
        form: formId,
        message: `Saved (version ${saved.version}): applies from the next level check and regeneration.`,
      })
    } catch (error) {
      // `unsigned.weights.perAttempt` is the form's `weights.perAttempt`.
      return refused(formId, error, (field) => field.replace(`${queueId}.`, ''))
    }
  }
  if (intent === 'dispositions') {
    const rows = dispositionRows(form)
    try {
      const saved = await ringlane.calls.changeDispositions(
        user.id,
        rows.map((r) => r.value),
      )
      return data<SettingsResult>({
        ok: true,
        form: 'dispositions',
        message: `Saved (version ${saved.version}): agents see these outcomes from their next call.`,
      })
    } catch (error) {
      // `3.retryAfterMinutes` is the fourth row kept, which may be the new one or follow a removed one.
      return refused('dispositions', error, (field) => {
        const [index, name] = field.split('.')
        const row = rows[Number(index)]?.row
        return row === undefined ? 'dispositions' : `${dispositionInputs[name ?? ''] ?? 'code'}-${row}`
      })
    }
  }
  if (intent === 'retention') {
    try {
      const saved = await ringlane.recordings.changeRetention(user.id, {
        recordingDays: numberOf(form.get('recordingDays')),
      })
      return data<SettingsResult>({
        ok: true,
        form: 'retention',
        message: `Saved (version ${saved.version}): the daily clean-up keeps recordings ${saved.retention.recordingDays} days.`,
      })
    } catch (error) {
      return refused('retention', error, (field) => field || 'recordingDays')
    }
  }
  return data<SettingsResult>(
    { ok: false, form: 'form', field: 'intent', message: 'intent: must be queue, dispositions or retention' },
    { status: 400 },
  )
}
