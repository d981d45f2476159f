import { csvRow } from '@ringlane/core'

type Cell = Parameters<typeof csvRow>[0][number]

/**
 * A CSV download streamed as it is read: the header, then each batch of rows as it arrives, so a whole
 * filtered list goes out without holding it in memory or capping it. A failure part-way ends the
 * stream with an error (the browser shows a failed download, never a short file that looks whole).
 */
export const csvDownload = <A>(
  filename: string,
  header: ReadonlyArray<string>,
  batches: AsyncIterable<ReadonlyArray<A>>,
  row: (item: A) => ReadonlyArray<Cell>,
) => {
  const encoder = new TextEncoder()
  const iterator = batches[Symbol.asyncIterator]()
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(encoder.encode(csvRow(header))),
    pull: async (controller) => {
      const next = await iterator.next()
      if (next.done) return controller.close()
      controller.enqueue(encoder.encode(next.value.map((item) => csvRow(row(item))).join('')))
    },
    cancel: async () => {
      await iterator.return?.(undefined)
    },
  })
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
