import { expect, test } from '@playwright/test'
import { goAvailable, signIn } from './demo'

test('a supervisor sets up a live-call queue with rule steps, gives an agent skills, and asks which agent would get a call', async ({
  browser,
  page,
}, testInfo) => {
  // The demo agent is at their desk and available.
  const agentContext = await browser.newContext()
  const agentPage = await agentContext.newPage()
  await signIn(agentPage, 'agent')
  await goAvailable(agentPage)

  await signIn(page, 'supervisor')
  await expect(page).toHaveURL(/\/supervisor$/)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Routing' }).click()
  await expect(page.getByRole('heading', { name: 'Routing', level: 1 })).toBeVisible()

  const form = page.getByRole('region', { name: 'New queue' })
  await form.getByLabel('Id', { exact: true }).fill('welsh')
  await form.getByLabel('Name', { exact: true }).fill('Welsh claims')
  await form.getByLabel('Demo agent', { exact: true }).check()
  await form
    .getByLabel('Step 1 expression')
    .fill('agent.skills has "welsh" and agent.languages has call.language')
  await form.getByLabel('Step 1 timeout (seconds)').fill('20')
  await form.getByLabel('Step 2 expression').fill('agent.skills has')
  await form.getByRole('button', { name: 'Create queue' }).click()

  // The expression that does not parse is refused beside its step, naming it; nothing is saved.
  const stepError = page.locator('#queue-step-1-expression-error')
  await expect(stepError).toContainText('step 2')
  await expect(stepError).toContainText('expected a value')
  await expect(form.getByLabel('Step 2 expression')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByTestId('routing-queue-welsh')).toHaveCount(0)

  // A max wait with nowhere to overflow to is refused too, naming the overflow.
  await form.getByLabel('Step 2 expression').fill('true')
  await form.getByLabel('Max wait (seconds, blank: no limit)').fill('120')
  await form.getByRole('button', { name: 'Create queue' }).click()
  await expect(page.locator('#queue-overflow-error')).toContainText('overflow')
  await expect(page.getByTestId('routing-queue-welsh')).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('routing-refused.png'), fullPage: true })

  await form.getByLabel('Overflow to').selectOption('voicemail')
  await form.getByLabel('Voicemail box').fill('welsh-box')
  await form.getByRole('button', { name: 'Create queue' }).click()
  await expect(page).toHaveURL(/\/supervisor\/routing\/welsh$/)
  await expect(page.getByRole('heading', { name: 'Welsh claims', level: 1 })).toBeVisible()

  // The tester: a Welsh caller now. The demo agent has no Welsh yet, so step 1 finds nobody.
  const tester = page.getByRole('region', { name: 'Which agent would get this call' })
  await tester.getByLabel("Caller's language").fill('cy')
  await tester.getByRole('button', { name: 'Test' }).click()
  await expect(page.getByTestId('routing-step-1')).toContainText('in force')
  await expect(page.getByTestId('routing-verdict')).toContainText('nobody free for step 1')
  await expect(page.getByTestId('routing-agent-Demo agent')).toContainText('step 1 does not hold')

  // After 25 s of waiting step 2 (any agent) is in force: the demo agent would get it.
  await tester.getByLabel('Waited (seconds)').fill('25')
  await tester.getByRole('button', { name: 'Test' }).click()
  await expect(page.getByTestId('routing-step-2')).toContainText('in force')
  await expect(page.getByTestId('routing-verdict')).toContainText('Demo agent would get the call')
  await expect(page.getByTestId('routing-verdict')).toContainText('step 2')

  // The agent's skills: a wrong one is refused naming it, then Welsh and the language are saved.
  await page.getByRole('link', { name: '← Routing' }).click()
  await page.getByRole('link', { name: "Agents' skills and languages" }).click()
  const row = page.getByTestId('skills-Demo agent')
  await row.getByRole('textbox', { name: "Demo agent's skills" }).fill('Welsh:11')
  await row.getByRole('button', { name: "Save Demo agent's skills" }).click()
  await expect(row.locator('.field-error')).toContainText('skills')
  await expect(row.getByRole('textbox', { name: "Demo agent's skills" })).toHaveAttribute(
    'aria-invalid',
    'true',
  )
  await row.getByRole('textbox', { name: "Demo agent's skills" }).fill('welsh:8, motor')
  await row.getByRole('textbox', { name: "Demo agent's languages" }).fill('cy, en')
  await row.getByRole('button', { name: "Save Demo agent's skills" }).click()
  await expect(row.getByRole('status')).toHaveText('Saved.')

  // Now a Welsh caller goes to the demo agent at once, by step 1.
  await page.goto('/supervisor/routing/welsh?test=1&language=cy&waitedSeconds=0')
  await expect(page.getByTestId('routing-verdict')).toContainText('Demo agent would get the call')
  await expect(page.getByTestId('routing-verdict')).toContainText('step 1')
  await page.screenshot({ path: testInfo.outputPath('routing-tester.png'), fullPage: true })

  // Saving an edit makes a new version.
  const settings = page.getByRole('region', { name: 'Settings' })
  await settings.getByLabel('Strategy').selectOption('round-robin')
  await settings.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved (version 2).' })).toBeVisible()
  await agentContext.close()
})
