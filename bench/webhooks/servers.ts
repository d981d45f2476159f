import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Calls, type Ringlane, type Telephony } from '@ringlane/core'
import type pg from 'pg'

export interface BenchServer {
  readonly port: number
  close(): Promise<void>
}

const readBody = (request: http.IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => {
      body += chunk
    })
    request.once('end', () => resolve(body))
    request.once('error', reject)
  })

const listen = (handle: (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void>) =>
  new Promise<BenchServer>((resolve) => {
    const server = http.createServer((request, response) => {
      handle(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error))
      })
    })
    server.keepAliveTimeout = 30_000
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      }),
    )
  })

/** The status a provider gets for each way the handler can fail, as an app's route would answer. */
const statusOf = (error: unknown) => {
  const tag = (error as { _tag?: unknown } | null)?._tag
  return tag === 'WebhookRejected' ? 403 : tag === 'InvalidWebhook' ? 400 : 500
}

/**
 * The real thing: Twilio's signature checked by the adapter with the `twilio` validator against the
 * public URL, the body parsed, the event applied to its session in Postgres, wrap-up when a call ends,
 * all through the dialler's Promise facade.
 */
export const diallerServer = (dialler: Ringlane) =>
  listen(async (request, response) => {
    const body = await readBody(request)
    const webhook: Telephony.WebhookRequest = {
      // Behind a proxy the app sees its own URL; the adapter rebuilds the public one Twilio signed.
      url: `http://127.0.0.1${request.url ?? '/'}`,
      method: 'POST',
      headers: request.headers as Record<string, string | undefined>,
      body,
    }
    try {
      await dialler.calls.handleStatus(webhook)
      response.writeHead(204).end()
    } catch (error) {
      const status = statusOf(error)
      if (status === 500) process.stderr.write(`[bench:webhooks] handler failed: ${String(error)}\n`)
      response.writeHead(status).end()
    }
  })

/** A table shaped like `call_events` (columns, defaults, unique key, foreign key to the session). */
export const createBaselineTable = async (pool: pg.Pool, table: string) => {
  await pool.query(`drop table if exists ${table}`)
  await pool.query(`create table ${table} (like call_events including all)`)
  await pool.query(`alter table ${table} add foreign key (session_id) references call_sessions (id)`)
}

/**
 * The bare baseline: a node:http server that reads the form body and writes one row per request, a
 * duplicate doing nothing, with no verification, no session, no state machine.
 */
export const baselineServer = (pool: pg.Pool, table: string) =>
  listen(async (request, response) => {
    const params = new URLSearchParams(await readBody(request))
    const sessionId = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get(Calls.SESSION_PARAM)
    await pool.query(
      `insert into ${table} (session_id, provider_call_id, status, occurred_at, answered_by, duration_seconds, error_code)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing`,
      [
        sessionId,
        params.get('CallSid'),
        params.get('CallStatus'),
        new Date(params.get('Timestamp') ?? Date.now()),
        params.get('AnsweredBy'),
        params.get('CallDuration'),
        params.get('ErrorCode'),
      ],
    )
    response.writeHead(204).end()
  })
