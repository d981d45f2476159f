// Bundle size of what an app ships for the browser softphone: minified and gzipped with esbuild, from
// the packages' source (read through tsconfig.paths.json, as tests and type-checking do). React, React
// DOM and @twilio/voice-sdk are the app's own and left out. Prints one JSON line; targets are in README.md.
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

try {
  const sizes = Object.fromEntries(await Promise.all(measurements.map(measure)))
  console.log(JSON.stringify(sizes))
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
