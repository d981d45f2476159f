// The one build every published package uses: run as `tsup --config ../../tsup.config.ts` from the
// package folder. Entries come from the package's own `exports` map (./dist/x.js <- ./src/x.ts), so
// adding a subpath export is the only step needed to build it. tsup emits the ESM and its sourcemaps;
// declarations come from tsc, file for file (docs/decisions/0007), run as tsup's last step.
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
  dts: false,
  onSuccess: 'tsc -p tsconfig.build.json',
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  tsconfig: 'tsconfig.build.json',
})
