import { expect, test } from '@playwright/test'
import { collectErrors, goAvailable, signIn, takeAnswerableLead } from './demo'

test('an agent takes a lead, dials it through the simulator, records the outcome and moves on', async ({
  page,
}, testInfo) => {
  // The callback reminder job runs once a minute.
  test.setTimeout(240_000)
  const errors = collectErrors(page)

  await signIn(page, 'agent')
  await expect(page).toHaveURL(/\/agent$/)
  await goAvailable(page)

  // The shortcut works once the page is interactive.
  await page.locator('html[data-hydrated]').waitFor()
  await page.keyboard.press('n')
  await expect(page.getByTestId('lead-name')).toBeVisible()
  const callButton = await takeAnswerableLead(page)
  await expect(page.getByRole('region', { name: 'Why this lead' })).toContainText('pending requirement')
  await expect(page.getByRole('region', { name: 'Claims' })).toContainText('CL-')
  await page.screenshot({ path: testInfo.outputPath('agent-lead.png'), fullPage: true })

  await callButton.click()
  await expect(page.getByTestId('call-state')).toHaveText('open', { timeout: 20_000 })
  await expect(page.getByTestId('agent-state')).toHaveText('on call')
  await page.screenshot({ path: testInfo.outputPath('agent-call.png'), fullPage: true })
  await page.getByRole('button', { name: 'Hang up' }).click()
  await expect(page.getByTestId('call-state')).toContainText('closed')

  await page.getByLabel('How did it go?').selectOption('callback_requested')
  await page.getByLabel('Notes').fill('Wants a call after work about the signature')
  // Due in three minutes: inside the reminder window (5 minutes), so the next run of the reminder
  // job (every minute) tells this agent, live.
  const soon = new Date(Date.now() + 3 * 60_000)
  const local = new Date(+soon - soon.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
  await page.getByLabel('Call back at').fill(local)
  await page.getByRole('button', { name: 'Save outcome and finish' }).click()

  await expect(page.getByRole('button', { name: /Next lead/ })).toBeEnabled()
  await expect(page.getByTestId('agent-state')).toHaveText('available')

  const reminders = page.getByRole('region', { name: 'Callback reminders' })
  await expect(reminders).toContainText('Callback due at', { timeout: 120_000 })
  await reminders.getByRole('link', { name: 'My callbacks' }).click()
  await expect(page).toHaveURL(/\/agent\/callbacks$/)
  await expect(page.getByRole('main')).toContainText('Wants a call after work')
  expect(errors).toEqual([])
})

test('bad input is refused with a message, and a wrong password does not sign in', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('Email').fill('agent@demo.ringlane.test')
  await page.getByLabel('Password').fill('not-the-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toContainText('do not match')
  await expect(page).toHaveURL(/\/login/)
})
