import type { DiallerApp } from './dialler.server'
import { startDialler } from './dialler.server'
import { readEnv } from './env.server'

// One dialler per process, kept on globalThis so development reloads of route modules share it.
const holder = globalThis as unknown as { __ringlane?: Promise<DiallerApp> }

/** Starts the dialler (once); the server awaits this before it listens. */
export const startApp = (log?: (line: string) => void) => {
  holder.__ringlane ??= startDialler(readEnv(), log)
  return holder.__ringlane
}

/** The running dialler, for loaders and actions. */
export const app = () => {
  if (!holder.__ringlane)
    throw new Error('The dialler has not been started: the server calls startApp() first')
  return holder.__ringlane
}
