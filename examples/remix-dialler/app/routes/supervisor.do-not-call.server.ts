import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import type { Compliance } from '@ringlane/core'
import { Schema } from 'effect'
import type { DiallerApp } from '../server/dialler.server'
import { decodeForm, messageOf, readForm } from '../server/forms.server'
import { cursorFrom, PAGE_SIZE, pageLinks, refuseBadCursor } from '../server/paging.server'
import { supervisorAction, supervisorLoader } from '../server/supervisor.server'

/** The internal do-not-call list (newest first) and every list's freshness. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const url = new URL(request.url)
  const [lists, page, names] = await Promise.all([
    running.ringlane.compliance.lists(),
    running.ringlane.compliance
      .pageListEntries({
        listId: 'internal',
        limit: PAGE_SIZE,
        ...(cursorFrom(url) ? { cursor: cursorFrom(url) } : {}),
      })
      .catch(refuseBadCursor),
    agentNames(running),
  ])
  return {
    pages: pageLinks(url, page.nextCursor),
    csvHref: '/supervisor/do-not-call.csv',
    lists: lists.map((l) => ({
      id: l.id,
      kind: l.kind,
      entries: l.entries,
      screenedAt: l.screenedAt?.toISOString() ?? null,
      updatedAt: l.updatedAt.toISOString(),
    })),
    entries: page.items.map((e) => dncRow(e, names)),
  }
}

/** Everyone's names by account id: who added a number reads as a name, not an id. */
export const agentNames = async ({ ringlane }: DiallerApp) =>
  new Map((await ringlane.agents.list()).map((a) => [a.id as string, a.displayName]))

/** An entry as the page and the CSV show it. */
export const dncRow = (e: Compliance.ListEntry, names: ReadonlyMap<string, string>) => ({
  phone: e.phone as string,
  reason: e.reason,
  source: e.source,
  addedBy: names.get(e.addedBy) ?? e.addedBy,
  addedAt: e.addedAt.toISOString(),
})

const Add = Schema.Struct({
  intent: Schema.Literal('add'),
  phone: Schema.Trim.pipe(Schema.nonEmptyString({ message: () => 'Enter a phone number' })),
  reason: Schema.Trim.pipe(
    Schema.nonEmptyString({ message: () => 'Say why this number must not be called' }),
  ),
})
const Remove = Schema.Struct({ intent: Schema.Literal('remove'), phone: Schema.String })
const REGISTERS = ['internal', 'TPS', 'CTPS', 'US-NATIONAL-DNC'] as const
const Import = Schema.Struct({
  intent: Schema.Literal('import'),
  listId: Schema.Literal(...REGISTERS),
  screenedOn: Schema.optional(Schema.String),
  importValidRows: Schema.optional(Schema.Literal('on')),
})

type RowError = { row: number; input: string; message: string }
export type DoNotCallResult =
  | { ok: true; intent: 'add' | 'remove'; message: string }
  | { ok: true; intent: 'import'; message: string; errors: ReadonlyArray<RowError> }
  | {
      ok: false
      intent: string
      error: string
      fields?: Record<string, string>
      errors?: ReadonlyArray<RowError>
    }

const fail = (status: number, result: DoNotCallResult) => data<DoNotCallResult>(result, { status })

/** Adds or removes a number, or imports a list file with a row-by-row report (nothing on any bad row unless asked). */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction({ request, context })
  const form = await readForm(request)
  const intent = String(form.get('intent') ?? '')
  const by = user.id as string
  try {
    if (intent === 'add') {
      const input = decodeForm(Add, form)
      if (!input.ok)
        return fail(400, { ok: false, intent, error: 'Check the highlighted fields', fields: input.fields })
      const { phone, added } = await running.ringlane.compliance.addToDoNotCall({
        phone: input.value.phone,
        reason: input.value.reason,
        source: 'manual',
        by,
      })
      return data<DoNotCallResult>({
        ok: true,
        intent,
        message: added
          ? `${phone} is on the do-not-call list: calls and texts to it stop now.`
          : `${phone} was already on the list.`,
      })
    }
    if (intent === 'remove') {
      const input = decodeForm(Remove, form)
      if (!input.ok) return fail(400, { ok: false, intent, error: 'Unknown number' })
      const { phone, removed } = await running.ringlane.compliance.removeFromDoNotCall({
        phone: input.value.phone,
        by,
      })
      return data<DoNotCallResult>({
        ok: true,
        intent,
        message: removed ? `${phone} was taken off the do-not-call list.` : `${phone} was not on the list.`,
      })
    }
    if (intent === 'import') {
      const input = decodeForm(Import, form)
      const file = form.get('file')
      if (!input.ok)
        return fail(400, { ok: false, intent, error: 'Check the highlighted fields', fields: input.fields })
      if (!(file instanceof File) || file.size === 0)
        return fail(400, {
          ok: false,
          intent,
          error: 'Choose a file to import',
          fields: { file: 'Choose a file' },
        })
      const screenedOn = input.value.screenedOn?.trim()
      const screenedAt = screenedOn ? new Date(`${screenedOn}T00:00:00Z`) : undefined
      if (screenedAt && Number.isNaN(+screenedAt))
        return fail(400, {
          ok: false,
          intent,
          error: 'The screening date is not a date',
          fields: { screenedOn: 'Not a date' },
        })
      const report = await running.ringlane.compliance.importList({
        listId: input.value.listId,
        text: await file.text(),
        fileName: file.name || 'upload.csv',
        by,
        importValidRows: input.value.importValidRows === 'on',
        ...(screenedAt ? { screenedAt } : {}),
      })
      return data<DoNotCallResult>({
        ok: true,
        intent,
        message: `Imported ${report.added} new number${report.added === 1 ? '' : 's'} into ${report.listId} from ${report.rows} row${report.rows === 1 ? '' : 's'}${report.errors.length > 0 ? `; ${report.errors.length} row${report.errors.length === 1 ? '' : 's'} left out` : ''}${report.removed > 0 ? `; ${report.removed} from the previous copy replaced` : ''}.`,
        errors: report.errors,
      })
    }
    return fail(400, { ok: false, intent, error: 'Unknown action' })
  } catch (error) {
    const tagged = error as { _tag?: string; field?: string; errors?: ReadonlyArray<RowError> }
    if (tagged._tag === 'ListImportRejected')
      return fail(422, { ok: false, intent, error: messageOf(error), errors: tagged.errors ?? [] })
    if (tagged._tag === 'InvalidListRequest')
      return fail(400, {
        ok: false,
        intent,
        error: messageOf(error),
        fields: { [tagged.field ?? 'form']: messageOf(error) },
      })
    return fail(500, { ok: false, intent, error: messageOf(error) })
  }
}
