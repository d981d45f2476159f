import { expect, test } from '@playwright/test'
import { signIn } from './demo'

// Issue 15 item 6: the costs page's call list is paged with the kernel's cursors, as the call log is;
// a page link someone edited is refused with a 400 saying what to do, never a 500.
test('the costs page refuses an edited page link of its call list with a 400', async ({ page }) => {
  await signIn(page, 'supervisor')
  await expect(page).toHaveURL(/\/supervisor$/)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Costs' }).click()
  await expect(page.getByRole('region', { name: 'Calls' })).toBeVisible()

  for (const cursor of ['WzEsMCwiIl0', 'not-a-cursor', 'eyJhdCI6MX0']) {
    const response = await page.request.get(`/supervisor/costs?cursor=${cursor}`)
    expect(response.status()).toBe(400)
    expect(await response.text()).toContain('start again from the first page')
  }
})

// The SMS inbox is paged the same way, most urgent first; an edited page link is refused alike.
test('the SMS inbox refuses an edited page link with a 400, and its first page opens', async ({ page }) => {
  await signIn(page, 'supervisor')
  await expect(page).toHaveURL(/\/supervisor$/)
  await page.goto('/supervisor/sms')
  await expect(page.getByRole('region', { name: 'Conversations' })).toBeVisible()
  for (const cursor of ['WzIsMCwwLCIiXQ', 'not-a-cursor', 'WzEsMCwiIl0']) {
    const response = await page.request.get(`/supervisor/sms?cursor=${cursor}`)
    expect(response.status()).toBe(400)
    expect(await response.text()).toContain('start again from the first page')
  }
})
