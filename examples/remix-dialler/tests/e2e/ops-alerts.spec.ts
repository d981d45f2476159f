import { expect, test } from '@playwright/test'
import { signIn } from './demo'

test('the live page alerts a supervisor to a queue below its threshold, naming it and its numbers', async ({
  page,
}, testInfo) => {
  await signIn(page, 'supervisor')
  await expect(page).toHaveURL(/\/supervisor$/)
  const alerts = page.getByRole('region', { name: 'Operations alerts' })
  // This run's unsigned queue has a threshold of 1000 (playwright.config.ts): far more than 500 people fill.
  const low = alerts.getByTestId('ops-alert-queue_below_threshold')
  await expect(low).toHaveCount(1)
  await expect(low).toContainText(
    /^warning Unsigned has \d+ waiting, below its threshold of 1000, for \d+ minutes?/,
  )
  // The other queues are above theirs: no alert for them.
  await expect(alerts).not.toContainText('Outstanding requirements has')
  await page.screenshot({ path: testInfo.outputPath('ops-alerts.png'), fullPage: true })
})
