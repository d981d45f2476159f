import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from '@playwright/test'

const port = Number(process.env.E2E_PORT ?? 3210)
// One fresh embedded dialler per run; tests read the demo logins it writes into its data dir.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'ringlane-e2e-'))
process.env.E2E_DATA_DIR = dataDir

// Debian's Chromium, never a browser a tool downloads. These flags keep it off the closed network.
export default defineConfig({
  testDir: './tests/e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI
    ? [['list']]
    : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
  webServer: {
    command: 'pnpm run build && pnpm run serve',
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 180_000,
    env: {
      PORT: String(port),
      RINGLANE_DATA_DIR: dataDir,
      // A small demo source keeps the first start quick; the agent flow needs only a few leads.
      DEMO_PEOPLE: '500',
      // The unsigned queue (~140 people at this size) is always below this threshold, and an alert is
      // raised at once, so the live page's operations alerts can be seen (ops-alerts.spec.ts).
      QUEUE_THRESHOLDS: 'unsigned=1000',
      OPS_ALERT_BELOW_THRESHOLD_MINUTES: '0',
    },
  },
})
