// `pnpm test:chaos`: the chaos scenarios, one file each, one after another (they load the machine on
// purpose), never part of the normal `vitest run` (whose projects only include *.test.ts files).
// They run against the built packages and the built app, as an outside tester would.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['*.chaos.ts'],
    fileParallelism: false,
    // Each scenario prints its figures as one JSON line on stdout, unprefixed.
    disableConsoleIntercept: true,
    testTimeout: 240_000,
    hookTimeout: 120_000,
    reporters: ['verbose'],
  },
})
