// One `vitest run` for the whole repo: each package is a project, and every project reads sibling
// packages from source through the same map type-checking uses (tsconfig.paths.json).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))
const { compilerOptions } = JSON.parse(readFileSync(`${root}tsconfig.paths.json`, 'utf8')) as {
  compilerOptions: { paths: Record<string, [string]> }
}
// Longest specifier first, so `@ringlane/core/testing` is not read as `@ringlane/core` + `/testing`.
const alias = Object.entries(compilerOptions.paths)
  .sort(([a], [b]) => b.length - a.length)
  .map(([find, [path]]) => ({
    find: new RegExp(`^${find.replace(/[/.]/g, '\\$&')}$`),
    replacement: fileURLToPath(new URL(path, `file://${root}`)),
  }))

const project = (dir: string, name: string, environment: 'node' | 'happy-dom' = 'node') => ({
  extends: true as const,
  test: { name, root: dir, environment, include: ['src/**/*.test.{ts,tsx}', 'app/**/*.test.{ts,tsx}'] },
})

export default defineConfig({
  resolve: { alias },
  test: {
    // Database-backed files boot their own engine; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One test file at a time: with two workers, PGlite's and the servers' load on 2 cores starved vitest's
    // own messages until a worker's call to the runner timed out (60 s) with every test green.
    maxWorkers: 1,
    projects: [
      project('packages/core', '@ringlane/core'),
      project('packages/presets/claims', '@ringlane/claims'),
      project('packages/adapters/postgres', '@ringlane/postgres'),
      project('packages/adapters/mysql', '@ringlane/mysql'),
      project('packages/adapters/twilio', '@ringlane/twilio'),
      project('packages/adapters/supabase', '@ringlane/supabase'),
      project('packages/adapters/openai-realtime', '@ringlane/openai-realtime'),
      project('packages/adapters/simulator', '@ringlane/simulator'),
      project('packages/react', '@ringlane/react', 'happy-dom'),
      project('tooling/test-database', '@ringlane/test-database'),
      project('examples/remix-dialler', '@ringlane/remix-dialler'),
    ],
  },
})
