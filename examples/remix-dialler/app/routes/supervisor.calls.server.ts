import type { LoaderFunctionArgs } from '@remix-run/node'
import { callRow, filterChoices, filtersFrom, searchOf } from '../server/call-log.server'
import { cursorFrom, PAGE_SIZE, pageLinks, refuseBadCursor } from '../server/paging.server'
import { supervisorLoader } from '../server/supervisor.server'

/** The call log, inbound and outbound, a page at a time. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const url = new URL(request.url)
  const filters = filtersFrom(url)
  const choices = await filterChoices(running)
  const asked = Object.fromEntries(url.searchParams)
  if (!filters.ok)
    return {
      asked,
      fields: filters.fields,
      ...choices,
      calls: [],
      pages: pageLinks(url, null),
      csvHref: null,
    }
  const page = await running.ringlane.calls
    .search(searchOf(filters.value, cursorFrom(url), filters.value.size ?? PAGE_SIZE))
    .catch((error: unknown) => {
      // A name the lead source cannot search by is the field's message, not a failed page.
      if ((error as { _tag?: string })._tag === 'InvalidCallSearch')
        return { items: [], nextCursor: null, field: error as { field: string; message: string } }
      return refuseBadCursor(error)
    })
  const csv = new URLSearchParams(url.searchParams)
  csv.delete('cursor')
  return {
    asked,
    fields: 'field' in page ? { [page.field.field]: page.field.message } : {},
    ...choices,
    calls: page.items.map((call) => callRow(call, choices.labels)),
    pages: pageLinks(url, page.nextCursor),
    csvHref: `/supervisor/calls.csv${csv.size > 0 ? `?${csv}` : ''}`,
  }
}
