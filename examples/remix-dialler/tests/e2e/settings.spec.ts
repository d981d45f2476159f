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

// Issue 15 item 5, decision 0041: two people on the settings page at once. The one who saves second
// from what they opened is told who saved first and when, keeps what they typed, and saves again.
test('a supervisor who saves over a change made meanwhile is refused, told by whom, and saves again', async ({
  browser,
}) => {
  const open = async (role: 'supervisor' | 'admin') => {
    const page = await (await browser.newContext()).newPage()
    await signIn(page, role)
    await expect(page).not.toHaveURL(/\/login/)
    await page.goto('/supervisor/settings')
    return page
  }
  const supervisor = await open('supervisor')
  const admin = await open('admin')
  const days = (page: typeof admin) =>
    page.getByRole('region', { name: 'Data retention' }).getByLabel('Keep call recordings (days)')
  const save = (page: typeof admin) =>
    page.getByRole('region', { name: 'Data retention' }).getByRole('button', { name: 'Save retention' })
  const original = await days(supervisor).inputValue()
  expect(original).toMatch(/^\d+$/)
  const theirs = String(Number(original) + 30)
  const mine = String(Number(original) + 60)

  // The admin saves first; the supervisor's page still shows what was stored when it opened.
  await days(admin).fill(theirs)
  await save(admin).click()
  await expect(admin.getByRole('region', { name: 'Data retention' }).getByRole('status')).toContainText(
    'Saved (version',
  )
  await days(supervisor).fill(mine)
  await save(supervisor).click()
  const retention = supervisor.getByRole('region', { name: 'Data retention' })
  await expect(retention.getByRole('alert')).toContainText('Not saved: Demo admin changed these settings')
  // What they typed is kept; saving again now applies it, over the admin's change.
  await expect(days(supervisor)).toHaveValue(mine)
  await save(supervisor).click()
  await expect(retention.getByRole('status')).toContainText('Saved (version')
  const latest = supervisor.getByRole('region', { name: 'Latest settings changes' })
  await expect(latest.getByRole('row').filter({ hasText: `${theirs} → ${mine}` })).toHaveCount(1)

  // Put back for the specs after this one.
  await days(supervisor).fill(original)
  await save(supervisor).click()
  await expect(latest.getByRole('row').filter({ hasText: `${mine} → ${original}` })).toHaveCount(1)
  await supervisor.context().close()
  await admin.context().close()
})
