// The reference dialler's server: starts the dialler (database, demo data, jobs) before it listens,
// then serves the Remix app. `--dev` serves through Vite with hot reload instead of the build.
import { createRequestHandler } from '@remix-run/express'
import express from 'express'

const dev = process.argv.includes('--dev')
const port = Number(process.env.PORT ?? 3000)
const started = Date.now()

const vite = dev
  ? await import('vite').then((v) => v.createServer({ server: { middlewareMode: true } }))
  : undefined
const loadBuild = () =>
  vite ? vite.ssrLoadModule('virtual:remix/server-build') : import('./build/server/index.js')

let build
let running
try {
  build = await loadBuild()
  running = await build.entry.module.startApp((line) => console.info(line))
} catch (error) {
  // Bad configuration ends the process with the reasons, one per line.
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}

const server = express()
server.disable('x-powered-by')
// A post from another site is refused here with a plain 403: left to Remix, its own Origin check
// would answer 500. Providers' webhooks send no Origin and go on to their signature checks.
const ownOrigin = new URL(running.publicBaseUrl).origin
server.use((request, response, next) => {
  const origin = request.get('origin')
  if (request.method === 'GET' || request.method === 'HEAD' || !origin) return next()
  if (origin === ownOrigin || origin === `${request.protocol}://${request.get('host')}`) return next()
  response.status(403).type('text/plain').send('Cross-site requests are refused.')
})
// The app uses single fetch and never asks `?_data=`; Remix's legacy handling of a forged one can
// answer 500 (an empty route id), so it is refused here as the caller's mistake.
server.use((request, response, next) => {
  if (!new URL(request.originalUrl, 'http://app').searchParams.has('_data')) return next()
  response.status(400).type('text/plain').send('`_data` requests are not served: this app uses single fetch.')
})
if (vite) server.use(vite.middlewares)
else {
  server.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
  server.use(express.static('build/client', { maxAge: '1h' }))
}
// The socket's address reaches loaders and actions as `context.remoteAddress`; X-Forwarded-For is
// read only with TRUST_PROXY set (see app/server/client-ip.server.ts).
const handle = createRequestHandler({
  build: vite ? loadBuild : build,
  getLoadContext: (request) => ({ remoteAddress: request.socket.remoteAddress }),
})
// Each request in its own scope, so its action and loaders look up who is signed in once.
server.all('*', (request, response, next) =>
  build.entry.module.inRequestScope(() => handle(request, response, next)),
)

const listener = server.listen(port, () => {
  console.info(
    `Ringlane dialler ready on http://localhost:${port} (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  )
  if (running.demoLogins.length) {
    console.info('Demo logins (embedded demo only):')
    for (const login of running.demoLogins)
      console.info(`  ${login.role.padEnd(10)} ${login.email}  ${login.password}`)
  }
})

// Twilio Media Streams for AI agents: WebSocket upgrades on /voice-ai/media-stream, checked by ticket.
const mediaStreams = build.entry.module.serveMediaStreams(listener, running.ringlane.voiceAi.acceptStream)

// Stop cleanly: finish requests, then close the databases (PGlite must flush to disk).
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    mediaStreams.close()
    listener.close()
    running.close().finally(() => process.exit(0))
  })
}
