import { expect, test } from '@playwright/test'
import { goAvailable, signIn } from './demo'

test('the hot path on the keyboard alone: next, skip, call, hang up, save, pause, available', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await signIn(page, 'agent')
  await expect(page).toHaveURL(/\/agent$/)
  await goAvailable(page)
  await page.locator('html[data-hydrated]').waitFor()
  // The keys are listed on the desk.
  await page.getByText('Keyboard shortcuts').click()
  await expect(page.getByRole('group', { name: 'Keyboard shortcuts' })).toContainText('Hang up')

  const name = page.getByTestId('lead-name')
  const callButton = page.getByRole('button', { name: /^Call \+44/ })
  // N takes a lead; K then a reason and Enter skips one the simulator scripts not to answer (7, 8, 9).
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.keyboard.press('n')
    await expect(name).toBeVisible()
    const phone = ((await callButton.textContent()) ?? '')
      .replace(/^Call /, '')
      .replace(/\s*C$/, '')
      .trim()
    if (!/[789]$/.test(phone)) break
    await page.keyboard.press('k')
    await expect(page.getByLabel('Skip this lead because…')).toBeFocused()
    await page.keyboard.type('e2e: scripted not to answer')
    await page.keyboard.press('Enter')
    await expect(name).toBeHidden()
  }

  await expect(callButton).toBeEnabled()
  await page.keyboard.press('c')
  await expect(page.getByTestId('call-state')).toHaveText('open', { timeout: 20_000 })
  await page.keyboard.press('h')
  await expect(page.getByTestId('call-state')).toContainText('closed')

  await page.getByLabel('How did it go?').focus()
  await page.getByLabel('How did it go?').selectOption('contacted')
  await page.getByLabel('Notes').focus()
  await page.keyboard.type('All on the keyboard')
  await page.keyboard.press('Control+Enter')
  await expect(page.getByTestId('desk-notice')).toHaveText('Outcome saved: Spoke to them.')
  await expect(page.getByTestId('agent-state')).toHaveText('available')

  await page.locator('body').click({ position: { x: 1, y: 1 } })
  await page.keyboard.press('p')
  await expect(page.getByTestId('agent-state')).toHaveText('paused')
  await page.keyboard.press('a')
  await expect(page.getByTestId('agent-state')).toHaveText('available')
})
