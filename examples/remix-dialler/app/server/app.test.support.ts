// The running app for a test file: started as `pnpm start` starts it, on a data dir of its own.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startApp } from './app.server'
import type { DiallerApp } from './dialler.server'

/** Starts the app with 50 demo people on `port`, its data in a new temporary dir named after `name`. */
export const startTestApp = async (name: string, port: string) => {
  const dir = mkdtempSync(join(tmpdir(), `ringlane-${name}-`))
  process.env.RINGLANE_DATA_DIR = dir
  process.env.DEMO_PEOPLE = '50'
  process.env.PORT = port
  return { dir, running: await startApp(() => {}) }
}

/** Closes the app and removes its data dir. */
export const stopTestApp = async (dir: string, running: DiallerApp | undefined) => {
  await running?.close()
  rmSync(dir, { recursive: true, force: true })
}
