import { expect, test } from '@playwright/test'
import { signIn } from './demo'

test('an unanswered inbound call reaches voicemail, and a callback is made from the message', async ({
  browser,
  page,
}) => {
  test.setTimeout(90_000)
  await signIn(page, 'supervisor')
  await expect(page).toHaveURL(/\/supervisor$/)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Voicemail' }).click()
  await expect(page.getByRole('heading', { name: 'Voicemail', level: 1 })).toBeVisible()

  // Someone calls the demo line and says nothing at the menu: asked twice, then sent to voicemail.
  const callIn = page.getByRole('form', { name: 'Call the line' })
  await callIn.getByLabel('From').fill('+447700900555')
  await callIn.getByLabel('Answers at the menu').fill('-')
  await callIn.getByRole('button', { name: 'Call in' }).click()
  await expect(page.getByRole('status')).toContainText('+447700900555 is calling')

  // The message arrives (two menu timeouts, then a few seconds after the tone), new and unheard.
  const message = page.getByTestId('voicemail').filter({ hasText: '+447700900555' })
  await expect(async () => {
    await page.reload()
    await expect(message).toHaveCount(1)
  }).toPass({ timeout: 60_000 })
  await expect(message).toContainText('new')
  await expect(message).toContainText('Claims voicemail')
  await expect(page.getByTestId('unheard')).toContainText('1 new message')

  // The supervisor makes a callback from it: for whoever is free, due now.
  await message.getByRole('button', { name: 'Make a callback' }).click()
  await expect(page.getByRole('status')).toContainText('Callback made')
  await expect(message).toContainText('Callback made')
  await expect(page.getByTestId('unheard')).toContainText('No new messages')

  // The agent sees it among the open callbacks, to the number that left the message.
  const agentContext = await browser.newContext()
  const agentPage = await agentContext.newPage()
  await signIn(agentPage, 'agent')
  await expect(agentPage).toHaveURL(/\/agent/)
  await agentPage.goto('/agent/callbacks')
  await expect(agentPage.getByTestId('callback').filter({ hasText: '900555' })).toHaveCount(1)
  await agentContext.close()
})

test('the flow editor refuses a step that leads nowhere, naming it, and the tester walks the menu', async ({
  page,
}) => {
  await signIn(page, 'supervisor')
  await expect(page).toHaveURL(/\/supervisor$/)
  await page.goto('/supervisor/flows')
  const editor = page.getByRole('form', { name: 'Flow editor' })
  await expect(editor.getByLabel('Flow id')).toHaveValue('claims-line')
  await expect(editor.getByLabel('Step 2 id')).toHaveValue('welcome')

  // "welcome" leads to a step that does not exist: refused naming the step, nothing saved.
  await editor.getByLabel('Step 2 leads to').fill('nowhere')
  await editor.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByTestId('flow-result')).toContainText(
    'step welcome: next leads to "nowhere", which is not a step',
  )
  await page.reload()
  await expect(editor.getByLabel('Step 2 leads to')).toHaveValue('menu')

  // The tester: a caller who presses 9, then says "claim", reaches the queue.
  const tester = page.getByRole('form', { name: 'Flow tester' })
  await tester.getByLabel("Caller's answers").fill('9, claim')
  await tester.getByLabel('Calling at (UTC)').fill('2026-11-30T12:00')
  await tester.getByRole('button', { name: 'Walk the flow' }).click()
  const path = page.getByRole('list', { name: 'Path taken' })
  await expect(path.getByRole('listitem')).toHaveText([
    /hours \(hours\): open \(mon 2026-11-30 12:00 Europe\/London\)/,
    /welcome \(say\): said "Thank you for calling the claims line\."/,
    /menu \(menu\): asked \(attempt 1 of 2\)/,
    /menu \(menu\): pressed 9, no match: asked again \(attempt 2 of 2\)/,
    /menu \(menu\): said "claim": to queue/,
    /queue \(queue\): to queue inbound-claims/,
  ])
})
