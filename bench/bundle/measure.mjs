// Bundle size of what an app ships for the browser softphone: minified and gzipped with esbuild, from
// the packages' source (read through tsconfig.paths.json, as tests and type-checking do). React, React
// DOM and @twilio/voice-sdk are the app's own and left out. Prints one JSON line; targets are in README.md.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = new URL('../../', import.meta.url).pathname

/** Each measurement: a JSON key and the entry an app would import. */
const measurements = [
  {
    key: 'react_simulator_gzip_kb',
    entry: "export * from '@ringlane/react'\nexport * from '@ringlane/simulator/browser'\n",
  },
  {
    key: 'react_twilio_driver_gzip_kb',
    entry: "export * from '@ringlane/react'\nexport * from '@ringlane/twilio/browser'\n",
  },
]

// What must never reach a browser bundle: a measurement that included them would be meaningless.
const forbidden = [
  /node_modules\/(\.pnpm\/)?effect/,
  /libphonenumber-js/,
  /node_modules\/(\.pnpm\/)?twilio[@/]/,
  /packages\/core\/src\/(?!softphone\/)/,
]

const measure = async ({ key, entry }) => {
  const result = await build({
    stdin: { contents: entry, resolveDir: root, sourcefile: `${key}.ts`, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    tsconfig: `${root}tsconfig.paths.json`,
    external: ['react', 'react/*', 'react-dom', 'react-dom/*', '@twilio/voice-sdk'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const leaked = Object.keys(result.metafile.inputs).filter((input) => forbidden.some((re) => re.test(input)))
  if (leaked.length) {
    const shown = leaked.slice(0, 8).join('\n  ')
    const more = leaked.length > 8 ? `\n  ... and ${leaked.length - 8} more` : ''
    throw new Error(`${key}: the bundle includes modules a browser must not load:\n  ${shown}${more}`)
  }
  const [output] = result.outputFiles
  return [key, Math.round((gzipSync(output.contents, { level: 9 }).length / 1024) * 100) / 100]
}

const app = `${root}examples/remix-dialler/`
const gzipKb = (bytes) => gzipSync(bytes, { level: 9 }).length / 1024

/** The newest modification time under a directory (sources only), to tell whether a build is stale. */
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|css)$/.test(entry.name))
    .reduce((latest, entry) => Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0)

/**
 * Every script the agent's call page (/agent) loads, from the reference app's production build: the
 * route manifest, the client entry, and the root, agent and agent desk route modules with every chunk
 * they import (Remix's manifest lists each module's static imports, already closed over). Each file is
 * gzipped on its own, as a server sends them. Builds the app first if it has no build or an older one.
 */
const agentCallPage = () => {
  const assets = `${app}build/client/assets/`
  const manifestFile = () => readdirSync(assets).find((name) => /^manifest-.*\.js$/.test(name))
  const built = (() => {
    try {
      return statSync(`${assets}${manifestFile()}`).mtimeMs
    } catch {
      return 0
    }
  })()
  const sources = Math.max(newest(`${app}app`), newest(`${root}packages`))
  if (built < sources)
    execFileSync(`${app}node_modules/.bin/remix`, ['vite:build'], { cwd: app, stdio: 'ignore' })
  const name = manifestFile()
  const text = readFileSync(`${assets}${name}`, 'utf8')
  const manifest = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1))
  const modules = [
    manifest.entry,
    ...['root', 'routes/agent', 'routes/agent._index'].map((id) => manifest.routes[id]),
  ]
  const files = new Set([`/assets/${name}`])
  for (const module of modules) {
    if (!module) throw new Error('agent_call_page_gzip_kb: the build has no agent desk route')
    for (const file of [module.module, ...module.imports]) files.add(file)
  }
  const total = [...files].reduce((sum, file) => sum + gzipKb(readFileSync(`${app}build/client${file}`)), 0)
  return ['agent_call_page_gzip_kb', Math.round(total * 100) / 100]
}

try {
  const sizes = Object.fromEntries([...(await Promise.all(measurements.map(measure))), agentCallPage()])
  console.log(JSON.stringify(sizes))
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
