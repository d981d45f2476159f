import { expect, test } from '@playwright/test'
import { signIn } from './demo'

// Issue 15 item 5: a supervisor changes a queue's threshold in the app. A wrong value is refused beside
// its field and nothing is stored; a right one is stored, runs the dialler (the queues page reads it)
// and is audited with before and after. Other specs share this dialler: the threshold is put back.
test('a supervisor changes a queue threshold: a field error first, then saved, applied and audited', async ({
  page,
}) => {
  await signIn(page, 'supervisor')
  await expect(page).toHaveURL(/\/supervisor$/)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()

  const queue = page.getByRole('region', { name: 'Outstanding requirements queue settings' })
  const threshold = queue.getByLabel('Threshold (regenerate below this many waiting)')
  const original = await threshold.inputValue()
  expect(original).toMatch(/^\d+$/)
  const changed = String(Number(original) + 7)

  // A negative threshold: refused beside the field, naming it; nothing stored.
  await threshold.fill('-5')
  await queue.getByRole('button', { name: 'Save Outstanding requirements queue settings' }).click()
  const fieldError = page.locator('#queue-outstanding-threshold-error')
  await expect(fieldError).toHaveText('outstanding.threshold: must be a whole number from 0 to 100000')
  await expect(threshold).toHaveAttribute('aria-invalid', 'true')
  await expect(queue.getByRole('alert')).toContainText('Not saved')
  await page.reload()
  await expect(queue.getByLabel('Threshold (regenerate below this many waiting)')).toHaveValue(original)

  // A right one: saved, and what the queues page (and the level check) now reads.
  await threshold.fill(changed)
  await queue.getByRole('button', { name: 'Save Outstanding requirements queue settings' }).click()
  await expect(queue.getByRole('status')).toContainText('Saved (version')
  await expect(page.locator('#queue-outstanding-threshold-error')).toHaveCount(0)

  const latest = page.getByRole('region', { name: 'Latest settings changes' })
  const entry = latest.getByRole('row').filter({ hasText: `outstanding.threshold: ${original} → ${changed}` })
  await expect(entry).toHaveCount(1)
  await expect(entry).toContainText('Demo supervisor')

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queues' }).click()
  await expect(page.getByTestId('queue-row-outstanding').getByRole('cell').nth(4)).toHaveText(changed)

  // Put back for the specs after this one; that change is audited too.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
  await threshold.fill(original)
  await queue.getByRole('button', { name: 'Save Outstanding requirements queue settings' }).click()
  await expect(queue.getByRole('status')).toContainText('Saved (version')
  await expect(
    latest.getByRole('row').filter({ hasText: `outstanding.threshold: ${changed} → ${original}` }),
  ).toHaveCount(1)
})
