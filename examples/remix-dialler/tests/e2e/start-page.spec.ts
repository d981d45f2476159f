import { expect, test } from '@playwright/test'

test('the dialler serves its start page in a real browser', async ({ page }, testInfo) => {
  await page.goto('/')
  await expect(page).toHaveTitle('Ringlane dialler')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ringlane dialler')
  await page.screenshot({ path: testInfo.outputPath('start-page.png'), fullPage: true })
})
