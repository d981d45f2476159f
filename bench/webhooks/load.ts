import { Worker } from 'node:worker_threads'

/** One webhook as the provider would send it: already signed, so signing costs nothing during a run. */
export interface SignedRequest {
  /** Path and query on the server, e.g. `/webhooks/twilio/call-status?ringlaneSession=…`. */
  readonly path: string
  readonly signature: string
  /** `application/x-www-form-urlencoded`. */
  readonly body: string
}

export interface LoadJob {
  readonly port: number
  readonly requests: ReadonlyArray<SignedRequest>
  readonly concurrency: number
}

export interface LoadResult {
  /** Wall time from the first request sent to the last response read. */
  readonly ms: number
  /** Per request, in milliseconds, in completion order. */
  readonly latencies: Float64Array
  /** Responses by HTTP status. */
  readonly statuses: Readonly<Record<number, number>>
}

/**
 * Sends every request once, `concurrency` at a time over keep-alive connections to 127.0.0.1, and
 * stops when all are answered. It runs in a worker thread so the load generator never shares an
 * event loop with the server it measures.
 */
export const runLoad = (job: LoadJob) =>
  new Promise<LoadResult>((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { workerData: job })
    worker.once('message', (result: LoadResult) => resolve(result))
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`))
    })
  })
