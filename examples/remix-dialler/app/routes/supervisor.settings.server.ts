import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Settings } from '@ringlane/core'
import type { DiallerApp } from '../server/dialler.server'
import { messageOf, readForm } from '../server/forms.server'
import { publishQueueLevels } from '../server/live.server'
import { run } from '../server/run.server'
import { supervisorAction, supervisorLoader } from '../server/supervisor.server'
import { weightFields } from '../utils/queue-weights'

/**
 * The settings as stored now, each read once with its version: the forms show these values and carry
 * that version, so a save is a change of what the supervisor saw.
 */
const settingsNow = async ({ ringlane }: DiallerApp) => {
  const [tuning, dispositions, retention] = await Promise.all([
    ringlane.queues.tuningSetting(),
    ringlane.calls.dispositionsSetting(),
    ringlane.recordings.retentionSetting(),
  ])
  return {
    queues: tuning.queues.map((q) => ({
      id: q.queueId,
      label: q.label,
      threshold: q.threshold,
      coolingMinutes: q.coolingMinutes,
      weights: Object.fromEntries(weightFields.map(([name]) => [name, q.weights[name]])),
      lastOutcome: Object.entries(q.weights.lastOutcome),
    })),
    dispositions: dispositions.dispositions.map((d) => ({ ...d })),
    retention: retention.retention,
    versions: { queues: tuning.version, dispositions: dispositions.version, retention: retention.version },
  }
}
export type SettingsNow = Awaited<ReturnType<typeof settingsNow>>

/** The queues' tuning, the dispositions with their retry rules, the retention periods, and the latest changes. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const { ringlane } = running
  const [now, changes, accounts] = await Promise.all([
    settingsNow(running),
    run(running.audit.list({ action: 'settings.changed', limit: 10 })),
    ringlane.agents.list(),
  ])
  const names = new Map(accounts.map((a) => [a.id as string, a.displayName]))
  return {
    ...now,
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
  /** Someone else saved first: who, when, and what is stored now, for the form to show with the supervisor's input. */
  | {
      ok: false
      form: string
      field: 'version'
      message: string
      changedMeanwhile: { by: string; at: string | null; version: number | null; now: SettingsNow }
    }

/** A number field as typed: empty is missing (the SDK says so), anything else a number or NaN. */
const numberOf = (value: FormDataEntryValue | null) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : undefined

/** The version a form was rendered from: `none` (never stored) is null; missing or not a number, undefined. */
const versionOf = (form: FormData) => {
  const text = form.get('version')
  if (text === 'none') return null
  return typeof text === 'string' && /^\d{1,16}$/.test(text) ? Number(text) : undefined
}

const noVersion = (form: string) =>
  data<SettingsResult>(
    {
      ok: false,
      form,
      field: 'version',
      message:
        'version: the form does not say which version of the settings it shows; reload the page and redo the change',
    },
    { status: 400 },
  )

/**
 * A refused change: someone saved first (409, with who, when and what is stored now), or a wrong field
 * (400, the form's name for it); anything else (the store is down) is ours to fix (500).
 */
const refused = async (
  running: DiallerApp,
  form: string,
  error: unknown,
  field: (sdkField: string) => string,
) => {
  if (error instanceof Settings.SettingChangedMeanwhile) {
    const account = error.changedBy
      ? await running.ringlane.agents.find(error.changedBy).catch(() => null)
      : null
    const by = account?.displayName ?? error.changedBy ?? 'someone'
    const at = error.changedAt?.toISOString() ?? null
    return data<SettingsResult>(
      {
        ok: false,
        form,
        field: 'version',
        message: `${by} changed these settings${at ? ` at ${at}` : ''} (now version ${error.storedVersion ?? 'none'}) after you opened them, so yours were not saved: check them against what is stored and save again.`,
        changedMeanwhile: { by, at, version: error.storedVersion, now: await settingsNow(running) },
      },
      { status: 409 },
    )
  }
  const invalid = (error as { _tag?: unknown })._tag === 'InvalidSettingsChange'
  const sdkField = String((error as { field?: unknown }).field ?? '')
  return data<SettingsResult>(
    {
      ok: false,
      form,
      field: !invalid ? 'form' : sdkField === 'expectedVersion' ? 'version' : field(sdkField),
      message: messageOf(error),
    },
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
  const version = versionOf(form)
  if (intent === 'queue') {
    const queueId = String(form.get('queueId') ?? '')
    const formId = `queue-${queueId}`
    const lastOutcome = Object.fromEntries(
      [...form.keys()]
        .filter((key) => key.startsWith('lastOutcome.'))
        .map((key) => [key.slice('lastOutcome.'.length), numberOf(form.get(key))]),
    )
    if (version === undefined) return noVersion(formId)
    try {
      const saved = await ringlane.queues.tune(
        user.id,
        queueId,
        {
          threshold: numberOf(form.get('threshold')),
          coolingMinutes: numberOf(form.get('coolingMinutes')),
          weights: {
            ...Object.fromEntries(
              weightFields.map(([name]) => [name, numberOf(form.get(`weights.${name}`))]),
            ),
            lastOutcome,
          },
        },
        version,
      )
      await publishQueueLevels(running)
      return data<SettingsResult>({
        ok: true,
        form: formId,
        message: `Saved (version ${saved.version}): applies from the next level check and regeneration.`,
      })
    } catch (error) {
      // `unsigned.weights.perAttempt` is the form's `weights.perAttempt`.
      return refused(running, formId, error, (field) => field.replace(`${queueId}.`, ''))
    }
  }
  if (intent === 'dispositions') {
    if (version === undefined) return noVersion('dispositions')
    const rows = dispositionRows(form)
    try {
      const saved = await ringlane.calls.changeDispositions(
        user.id,
        rows.map((r) => r.value),
        version,
      )
      return data<SettingsResult>({
        ok: true,
        form: 'dispositions',
        message: `Saved (version ${saved.version}): agents see these outcomes from their next call.`,
      })
    } catch (error) {
      // `3.retryAfterMinutes` is the fourth row kept, which may be the new one or follow a removed one.
      return refused(running, 'dispositions', error, (field) => {
        const [index, name] = field.split('.')
        const row = rows[Number(index)]?.row
        return row === undefined ? 'dispositions' : `${dispositionInputs[name ?? ''] ?? 'code'}-${row}`
      })
    }
  }
  if (intent === 'retention') {
    if (version === undefined) return noVersion('retention')
    try {
      const saved = await ringlane.recordings.changeRetention(
        user.id,
        { recordingDays: numberOf(form.get('recordingDays')) },
        version,
      )
      return data<SettingsResult>({
        ok: true,
        form: 'retention',
        message: `Saved (version ${saved.version}): the daily clean-up keeps recordings ${saved.retention.recordingDays} days.`,
      })
    } catch (error) {
      return refused(running, 'retention', error, (field) => field || 'recordingDays')
    }
  }
  return data<SettingsResult>(
    { ok: false, form: 'form', field: 'intent', message: 'intent: must be queue, dispositions or retention' },
    { status: 400 },
  )
}
