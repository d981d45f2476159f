/**
 * The reference app as an outsider runs it: the built server (`node server.mjs`, what `pnpm start`
 * serves) in its own OS process, configured only through its environment, talked to over HTTP. Shared
 * by the chaos scenarios and bench/desk. Plain Node TypeScript (type stripping), so a bench can import
 * it without vitest.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SIGNATURE_HEADER, signWebhook } from '@ringlane/simulator'

export const APP_DIR = fileURLToPath(new URL('../../examples/remix-dialler/', import.meta.url))

/** Fake Twilio credentials: nothing reaches Twilio; webhook signatures are checked with this token. */
export const TWILIO = {
  TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'chaos-auth-token-0123',
  TWILIO_API_KEY_SID: `SK${'2'.repeat(32)}`,
  TWILIO_API_KEY_SECRET: 'chaos-api-key-secret',
  TWILIO_TWIML_APP_SID: `AP${'3'.repeat(32)}`,
  TWILIO_CALLER_ID: '+441632960001',
} as const

/** The app's RINGLANE_SECRET, with which simulated telephony signs its webhooks. */
export const SIMULATOR_SECRET = 'chaos-secret-chaos-secret-chaos-secret'

/** A webhook as the app's simulated telephony sends it, signed, over HTTP to the app's own route. */
export const simulatorWebhook = (origin: string, path: string, params: Readonly<Record<string, string>>) =>
  fetch(`${origin}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      [SIGNATURE_HEADER]: signWebhook(SIMULATOR_SECRET, `${origin}${path}`, params),
    },
    body: new URLSearchParams(params),
  })

/** A port nobody listens on now. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })

export interface AppOptions {
  /** Server Postgres; embedded PGlite in `dataDir` when absent. */
  readonly databaseUrl?: string
  /** A MySQL/MariaDB lead source; the generated demo source when absent. */
  readonly replicaUrl?: string
  readonly twilio?: boolean
  readonly dataDir?: string
  readonly demoPeople?: number
  readonly env?: Readonly<Record<string, string>>
  /** Where the app's output goes, line by line (stderr of this process by default). */
  readonly log?: (line: string) => void
}

export interface RunningApp {
  readonly port: number
  readonly origin: string
  readonly dataDir: string
  readonly pid: number
  /** Sends `signal` and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<void>
  /** Starts it again with the same environment and data (after a stop or a kill). */
  restart(): Promise<RunningApp>
}

/** Starts the built app and resolves once it listens. `pnpm test:chaos` builds it first. */
export const startApp = async (options: AppOptions = {}): Promise<RunningApp> => {
  if (!existsSync(join(APP_DIR, 'build/server/index.js')))
    throw new Error('The app is not built: run `pnpm --filter @ringlane/remix-dialler build` first')
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ringlane-chaos-'))
  const log = options.log ?? ((line: string) => process.stderr.write(`  [app] ${line}\n`))
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    PORT: String(port),
    PUBLIC_BASE_URL: origin,
    RINGLANE_DATA_DIR: dataDir,
    RINGLANE_SECRET: SIMULATOR_SECRET,
    DEMO_PEOPLE: String(options.demoPeople ?? 500),
    // The storms come from one address; the app's per-instance limits would answer 429 to them.
    RATE_LIMIT_ACTIONS: '0',
    RATE_LIMIT_WEBHOOKS: '0',
    ...(options.databaseUrl && { DATABASE_URL: options.databaseUrl }),
    ...(options.replicaUrl && { REPLICA_DATABASE_URL: options.replicaUrl }),
    ...(options.twilio && TWILIO),
    ...options.env,
  }
  const launch = async (): Promise<RunningApp> => {
    const child: ChildProcess = spawn(process.execPath, ['server.mjs'], {
      cwd: APP_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    await new Promise<void>((resolve, reject) => {
      let output = ''
      const onLine = (chunk: Buffer) => {
        const text = chunk.toString()
        output += text
        for (const line of text.split('\n')) if (line.trim()) log(line)
        if (output.includes('dialler ready on')) resolve()
      }
      child.stdout?.on('data', onLine)
      child.stderr?.on('data', onLine)
      child.once('exit', (code, signal) =>
        reject(new Error(`the app exited before it was ready (${code ?? signal}):\n${output.slice(-2000)}`)),
      )
    })
    const running: RunningApp = {
      port,
      origin,
      dataDir,
      pid: child.pid ?? 0,
      stop: async (signal = 'SIGTERM') => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal)
        await exited
      },
      restart: () => launch(),
    }
    return running
  }
  return launch()
}

/** A signed-in browser: its cookie, and form posts from the app's own origin. */
export interface Session {
  readonly cookie: string
  get(path: string): Promise<Response>
  /** `application/x-www-form-urlencoded`, with the Origin header a page of the app sends (an index
   * route's action is `path?index`). */
  post(path: string, form: Record<string, string> | URLSearchParams | string): Promise<Response>
}

export const session = (origin: string, cookie: string): Session => ({
  cookie,
  get: (path) => fetch(`${origin}${path}`, { headers: { cookie }, redirect: 'manual' }),
  post: (path, form) =>
    fetch(`${origin}${path}`, {
      method: 'POST',
      headers: {
        cookie,
        origin,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: typeof form === 'string' ? form : new URLSearchParams(form as Record<string, string>),
      redirect: 'manual',
    }),
})

/** Signs in through the login form, as a person would; throws unless the app lets them in. */
export const signIn = async (origin: string, email: string, password: string): Promise<Session> => {
  const response = await fetch(`${origin}/login`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }),
    redirect: 'manual',
  })
  const cookie = response.headers.get('set-cookie')?.split(';')[0]
  if (response.status !== 302 || !cookie)
    throw new Error(`sign-in of ${email} answered ${response.status}: ${await response.text()}`)
  return session(origin, cookie)
}

/** What an agent's desk page shows, read from its HTML as a browser without JavaScript would post it. */
export interface DeskPage {
  readonly status: number
  /** The lead held (its entry), when the desk shows one. */
  readonly entryId: string | null
  /** The call awaiting an outcome, when the desk shows one. */
  readonly sessionId: string | null
}

const hidden = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([0-9a-f-]{36})"`).exec(html)?.[1] ?? null

const deskPage = async (response: Response): Promise<DeskPage> => {
  const html = await response.text()
  return { status: response.status, entryId: hidden(html, 'entryId'), sessionId: hidden(html, 'sessionId') }
}

/** The agent's desk, over the same page and forms an agent uses (they work before hydration). */
export const desk = (agent: Session) => ({
  show: async () => deskPage(await agent.get('/agent')),
  act: async (form: Record<string, string>) => deskPage(await agent.post('/agent?index', form)),
})
