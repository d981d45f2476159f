import http from 'node:http'
import { parentPort, workerData } from 'node:worker_threads'
import type { LoadJob, LoadResult, SignedRequest } from './load.ts'

const { port, requests, concurrency } = workerData as LoadJob
// One socket per in-flight request, kept alive for the whole run.
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })

const send = (request: SignedRequest) =>
  new Promise<number>((resolve, reject) => {
    const outgoing = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: request.path,
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(request.body),
          'x-twilio-signature': request.signature,
        },
      },
      (response) => {
        response.resume()
        response.once('end', () => resolve(response.statusCode ?? 0))
        response.once('error', reject)
      },
    )
    outgoing.once('error', reject)
    outgoing.end(request.body)
  })

const latencies = new Float64Array(requests.length)
const statuses: Record<number, number> = {}
let next = 0
let done = 0

const lane = async () => {
  while (next < requests.length) {
    const request = requests[next++] as SignedRequest
    const start = performance.now()
    const status = await send(request)
    latencies[done++] = performance.now() - start
    statuses[status] = (statuses[status] ?? 0) + 1
  }
}

const started = performance.now()
await Promise.all(Array.from({ length: concurrency }, lane))
const result: LoadResult = { ms: performance.now() - started, latencies, statuses }
agent.destroy()
parentPort?.postMessage(result)
