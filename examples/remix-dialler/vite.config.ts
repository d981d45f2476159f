import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

// The reference app builds the Ringlane packages from source, through the same map type-checking
// uses, so `start` needs no package build first (docs/decisions/0008).
const root = fileURLToPath(new URL('../..', import.meta.url))
const { compilerOptions } = JSON.parse(readFileSync(`${root}tsconfig.paths.json`, 'utf8')) as {
  compilerOptions: { paths: Record<string, [string]> }
}
const alias = Object.entries(compilerOptions.paths)
  .filter(([name]) => name !== '@ringlane/test-database')
  .sort(([a], [b]) => b.length - a.length)
  .map(([find, [path]]) => ({
    find: new RegExp(`^${find.replace(/[/.]/g, '\\$&')}$`),
    replacement: `${root}${path.replace(/^\.\//, '')}`,
  }))

export default defineConfig({
  resolve: { alias },
  plugins: [
    remix({
      // Server-only code sits beside its route as `<route>.server.ts` (loader and action), and tests
      // beside what they test; neither is a route of its own.
      ignoredRouteFiles: ['**/.*', '**/*.server.*', '**/*.test.*'],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    rollupOptions: {
      output: {
        // The app's shared components and helpers are small: one chunk of them, cached once, costs
        // less than a request and a gzip header each on every page that uses a few.
        manualChunks: (id) => (/\/app\/(components|utils)\//.test(id) ? 'app-ui' : undefined),
      },
    },
  },
})
