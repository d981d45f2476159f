import { decodeCursor, type Page, type PageKey, pageOf } from '@ringlane/core'
import { Either } from 'effect'

/** How many rows a list page shows. */
export const PAGE_SIZE = 50

/** The cursor a list page was asked for (`?cursor=`), if any. */
export const cursorFrom = (url: URL): string | undefined => url.searchParams.get('cursor') || undefined

/**
 * The links under a paged list: the next page (same filters, the page's cursor), and back to the first
 * (same filters, no cursor) once past it. Both null when there is only one page.
 */
export const pageLinks = (url: URL, nextCursor: string | null) => {
  const at = (cursor: string | null) => {
    const query = new URLSearchParams(url.searchParams)
    query.delete('cursor')
    if (cursor) query.set('cursor', cursor)
    const search = query.toString()
    return `${url.pathname}${search ? `?${search}` : ''}`
  }
  return { next: nextCursor ? at(nextCursor) : null, first: url.searchParams.has('cursor') ? at(null) : null }
}

/** A cursor that is not one of ours (edited, cut short) is the asker's mistake: 400, never a 500. */
export const refuseBadCursor = (error: unknown): never => {
  if ((error as { _tag?: string })._tag === 'InvalidCursor')
    throw new Response('That page link is not valid any more: start again from the first page.', {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  throw error
}

/**
 * Every page of a list, following each page's cursor to the end. The first page is read before this
 * resolves, so a search the SDK refuses fails here (a 400 for the route), not half-way through a download.
 */
export const everyPage = async <A>(
  read: (cursor: string | undefined) => Promise<Page<A>>,
): Promise<AsyncGenerator<ReadonlyArray<A>>> => {
  const first = await read(undefined)
  return (async function* () {
    yield first.items
    let cursor = first.nextCursor
    while (cursor) {
      const page = await read(cursor)
      yield page.items
      cursor = page.nextCursor
    }
  })()
}

/** A store read of a newest-first list: at most `limit` rows after the key (none: from the newest). */
export type KeysetRead<A> = (after: PageKey | null, limit: number) => Promise<ReadonlyArray<A>>

/**
 * One page of a list read straight from a store port that pages by key (the audit log), with the
 * same opaque, checked cursor the SDK's paged methods use: a bad `?cursor=` is a 400.
 */
export const keysetPage = async <A>(
  cursor: string | undefined,
  limit: number,
  read: KeysetRead<A>,
  keyOf: (row: A) => PageKey,
): Promise<Page<A>> => {
  const after = cursor === undefined ? null : decodeCursor(cursor)
  if (after !== null && Either.isLeft(after)) return refuseBadCursor(after.left)
  return pageOf(await read(after === null ? null : after.right, limit + 1), limit, keyOf)
}
