// The one build every published package uses: run as `tsup --config ../../tsup.config.ts` from the
// package folder. Entries come from the package's own `exports` map (./dist/x.js <- ./src/x.ts), so
// adding a subpath export is the only step needed to build it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { defineConfig } from 'tsup'

interface ExportTarget {
  readonly types?: string
  readonly import?: string
}

const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
  readonly exports: Record<string, ExportTarget | null>
}

const entry = Object.values(manifest.exports)
  .flatMap((target) => (target?.import ? [target.import] : []))
  .map((file) => file.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'))

export default defineConfig({
  entry,
  outDir: 'dist',
  format: ['esm'],
  target: 'node22',
  platform: 'neutral',
  dts: { compilerOptions: { composite: false, declarationMap: false } },
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  tsconfig: 'tsconfig.build.json',
})
