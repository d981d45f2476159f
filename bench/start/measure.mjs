// Cold start of the reference dialler as a new user meets it: the README's `start` command after
// install, with no build output, no Vite cache and an empty data dir, timed until the login page
// answers 200. Prints one JSON line; progress goes to stderr. The target is in bench/README.md.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('../../', import.meta.url).pathname
const app = join(root, 'examples/remix-dialler')
const port = Number(process.env.BENCH_PORT ?? 3456)
const runs = Number(process.env.BENCH_RUNS ?? 3)
/** A start that takes this long is reported as failed, not waited on forever. */
const GIVE_UP_MS = 180_000

const log = (line) => process.stderr.write(`[bench:start] ${line}\n`)
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

const loginAnswers = async () => {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/login`, { signal: AbortSignal.timeout(2000) })
    await response.arrayBuffer()
    return response.status === 200
  } catch {
    return false
  }
}

const coldStart = async () => {
  rmSync(join(app, 'build'), { recursive: true, force: true })
  rmSync(join(app, 'node_modules/.vite'), { recursive: true, force: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'ringlane-cold-'))
  const started = performance.now()
  // pnpm on PATH is the pinned one when this runs as a pnpm script; the app's own `start` is the same
  // command the root `start` runs.
  const child = spawn('pnpm', ['--filter', '@ringlane/remix-dialler', 'start'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), RINGLANE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  let buildDoneMs = null
  let serverReportedS = null
  child.stdout.setEncoding('utf8')
  child.stderr.setEncoding('utf8')
  const collect = (chunk) => {
    output += chunk
    // The client and the server build each print "built in"; the second is the end of the build.
    if ((output.match(/built in/g) ?? []).length >= 2 && buildDoneMs === null)
      buildDoneMs = performance.now() - started
    const ready = /ready on http:\/\/localhost:\d+ \(started in ([\d.]+) s\)/.exec(output)
    if (ready) serverReportedS = Number(ready[1])
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  let exited = false
  child.once('exit', () => {
    exited = true
  })
  try {
    while (!(await loginAnswers())) {
      if (exited) throw new Error(`the app exited before serving the login page:\n${output.slice(-2000)}`)
      if (performance.now() - started > GIVE_UP_MS) throw new Error(`no login page after ${GIVE_UP_MS} ms`)
      await sleep(100)
    }
    return {
      loginMs: performance.now() - started,
      buildMs: buildDoneMs,
      serverStartMs: serverReportedS === null ? null : serverReportedS * 1000,
    }
  } finally {
    // SIGINT lets the server flush PGlite and exit; the whole process group goes.
    try {
      process.kill(-child.pid, 'SIGINT')
    } catch {}
    for (let i = 0; i < 100 && !exited; i++) await sleep(100)
    if (!exited) process.kill(-child.pid, 'SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const results = []
for (let run = 1; run <= runs; run++) {
  const result = await coldStart()
  log(
    `run ${run}/${runs}: login page after ${(result.loginMs / 1000).toFixed(1)} s (build ${((result.buildMs ?? 0) / 1000).toFixed(1)} s, server start ${((result.serverStartMs ?? 0) / 1000).toFixed(1)} s)`,
  )
  results.push(result)
}
const median = (values) => {
  const sorted = values.filter((v) => v !== null).sort((a, b) => a - b)
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null
}
const seconds = (ms) => (ms === null ? null : Math.round(ms / 100) / 10)
const output = {
  cold_start_s: seconds(median(results.map((r) => r.loginMs))),
  cold_start_max_s: seconds(Math.max(...results.map((r) => r.loginMs))),
  build_s: seconds(median(results.map((r) => r.buildMs))),
  server_start_s: seconds(median(results.map((r) => r.serverStartMs))),
  runs,
}
log(`cold start ${output.cold_start_s} s (target <= 20)`)
console.log(JSON.stringify(output))
