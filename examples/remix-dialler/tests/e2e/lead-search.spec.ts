import { expect, test } from '@playwright/test'
import { goAvailable, signIn } from './demo'

test('an agent finds a lead by case reference and by name, takes it and dials it through the pre-dial checks', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000)
  await signIn(page, 'agent')
  await expect(page).toHaveURL(/\/agent$/)
  await goAvailable(page)

  const search = page.getByRole('region', { name: 'Find a lead' })
  // Too short: a message on the field, nothing searched.
  await search.getByLabel('Name, number or case reference').fill('C')
  await search.getByRole('button', { name: 'Search' }).click()
  await expect(search).toContainText('at least 2 characters')

  // The demo's first claim, typed in lower case.
  await search.getByLabel('Name, number or case reference').fill('cl-0000001')
  await search.getByRole('button', { name: 'Search' }).click()
  await expect(search.getByRole('row')).toHaveCount(2)
  await expect(search).toContainText('case CL-0000001')
  const name = ((await search.getByRole('row').nth(1).getByRole('cell').first().textContent()) ?? '').trim()
  expect(name).toMatch(/^\S+ \S+$/)

  // The same person by their name, in any case.
  await search.getByLabel('Name, number or case reference').fill(name.toUpperCase())
  await search.getByRole('button', { name: 'Search' }).click()
  await expect(search.getByRole('cell', { name, exact: true }).first()).toBeVisible()
  await search
    .getByRole('button', { name: `Take ${name} to dial` })
    .first()
    .click()

  // On the desk as a queued lead would be; Call runs the same checks.
  await expect(page.getByTestId('lead-name')).toHaveText(name)
  await page.screenshot({ path: testInfo.outputPath('lead-search.png'), fullPage: true })
  // The demo's person passes every check (drama number, no opt-out, calling hours off in the demo).
  await page.getByRole('button', { name: /^Call \+44/ }).click()
  await expect(page.getByTestId('call-state')).toBeVisible({ timeout: 20_000 })
  await expect(page.getByRole('alert')).toBeHidden()
  // Leave the desk as found: hang up and record the outcome.
  await page.getByRole('button', { name: 'Hang up' }).click()
  await expect(page.getByTestId('call-state')).toContainText('closed')
  await page.getByLabel('How did it go?').selectOption('no_answer')
  await page.getByRole('button', { name: 'Save outcome and finish' }).click()
  await expect(page.getByTestId('agent-state')).toHaveText('available')
})
