import { expect, test } from '@playwright/test'
import { goAvailable, signIn } from './demo'

test('a supervisor puts a lead’s number on the do-not-call list and the agent’s dial is refused, naming the list', async ({
  browser,
}, testInfo) => {
  const agent = await (await browser.newContext()).newPage()
  const supervisor = await (await browser.newContext()).newPage()

  await signIn(agent, 'agent')
  await expect(agent).toHaveURL(/\/agent$/)
  await goAvailable(agent)
  if (!(await agent.getByTestId('lead-name').isVisible())) {
    await agent.getByRole('button', { name: /Next lead/ }).click()
    await expect(agent.getByTestId('lead-name')).toBeVisible()
  }
  const callButton = agent.getByRole('button', { name: /^Call \+44/ })
  await expect(callButton).toBeEnabled({ timeout: 20_000 })
  const phone = ((await callButton.textContent()) ?? '').replace(/^Call /, '').trim()

  // In another browser, on the supervisor's page: the number goes on the internal list.
  await signIn(supervisor, 'supervisor')
  await expect(supervisor).toHaveURL(/\/supervisor$/)
  await supervisor.goto('/supervisor/do-not-call')
  await supervisor.getByLabel('Phone number').fill(phone)
  await supervisor.getByLabel('Reason').fill('Asked never to be called again')
  await supervisor.getByRole('button', { name: 'Add to the list' }).click()
  await expect(supervisor.getByText(`${phone} is on the do-not-call list`)).toBeVisible()
  await expect(supervisor.getByTestId('dnc-entry').filter({ hasText: phone })).toContainText(
    'Asked never to be called again',
  )

  // The agent's dial of the lead they already hold is refused, and the refusal names the list.
  await callButton.click()
  const refusal = agent.getByRole('alert').filter({ hasText: 'Not allowed to call now' })
  await expect(refusal).toContainText('internal do-not-call list (Asked never to be called again)')
  await expect(agent.getByTestId('call-state')).toBeHidden()
  await agent.screenshot({ path: testInfo.outputPath('dial-refused-dnc.png'), fullPage: true })

  // The refusal is in the compliance report, by the rule that refused it.
  await supervisor.goto('/supervisor/compliance')
  await expect(supervisor.getByRole('region', { name: 'Refusals by rule' })).toContainText(
    'suppression.internal-dnc',
  )
  const csv = await supervisor.request.get('/supervisor/compliance-csv')
  expect(csv.headers()['content-type']).toContain('text/csv')
  expect(await csv.text()).toContain('refusals,suppression.internal-dnc,1,do_not_call_list')

  // Leave the demo as it was for the other specs.
  await supervisor.goto('/supervisor/do-not-call')
  await supervisor
    .getByTestId('dnc-entry')
    .filter({ hasText: phone })
    .getByRole('button', { name: 'Remove' })
    .click()
  await expect(supervisor.getByText(`${phone} was taken off the do-not-call list`)).toBeVisible()
})

test('a CSV import with a bad row reports the row and imports nothing', async ({ page }) => {
  await signIn(page, 'supervisor')
  await expect(page).toHaveURL(/\/supervisor$/)
  await page.goto('/supervisor/do-not-call')
  await page
    .getByRole('form', { name: 'Import a list' })
    .getByLabel('File')
    .setInputFiles({
      name: 'dnc.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('phone,reason\n07700 900951,Complained\nnot-a-number,Asked\n07700 900952,Asked\n'),
    })
  await page.getByRole('button', { name: 'Import' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'nothing was imported' })).toBeVisible()
  const rows = page.getByTestId('import-row-error')
  await expect(rows).toHaveCount(1)
  await expect(rows).toContainText('3')
  await expect(rows).toContainText('"not-a-number" is not a phone number')
  await expect(page.getByRole('region', { name: 'Internal do-not-call list' })).not.toContainText(
    '+447700900951',
  )
})
