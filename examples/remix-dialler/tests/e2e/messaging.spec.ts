import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { createSimulatorMessaging } from '@ringlane/simulator'
import { Redacted } from 'effect'
import { collectErrors, goAvailable, signIn } from './demo'

/**
 * The simulator's inbound injection, as the person's phone: a text signed with the embedded dialler's
 * own secret (from its data dir) for the app's public origin, POSTed to the simulator's SMS route.
 */
const personTexts = (baseURL: string, from: string, body: string) => {
  const port = new URL(baseURL).port
  const sms = createSimulatorMessaging({
    secret: Redacted.make(
      readFileSync(join(process.env.E2E_DATA_DIR ?? '', 'ringlane.secret'), 'utf8').trim(),
    ),
    publicBaseUrl: `http://localhost:${port}`,
    inboundPath: '/webhooks/simulator/sms-inbound',
  })
  // The app's simulator numbers its own messages from 1 too; a provider's ids are unique.
  return sms.inboundWebhook({ from, body, providerMessageId: `SM${randomBytes(16).toString('hex')}` })
}

test('a magic link texted with the outcome shows in the thread; STOP opts the number out and the next text is refused', async ({
  page,
  request,
  baseURL,
}, testInfo) => {
  const errors = collectErrors(page)

  await signIn(page, 'agent')
  await expect(page).toHaveURL(/\/agent$/)
  await goAvailable(page)
  await page.getByRole('button', { name: /Next lead/ }).click()
  await expect(page.getByTestId('lead-name')).toBeVisible()

  const callButton = page.getByRole('button', { name: /^Call \+44/ })
  const phone = ((await callButton.textContent()) ?? '').replace('Call ', '').trim()
  expect(phone).toMatch(/^\+447700900\d{3}$/)
  await callButton.click()
  // Whatever the simulated person does (answer, or busy/no answer by the number's last digit).
  const callState = page.getByTestId('call-state')
  await expect(callState).toHaveText(/^(open|closed)/, { timeout: 20_000 })
  const answered = (await callState.textContent())?.startsWith('open') ?? false
  if (answered) await page.getByRole('button', { name: 'Hang up' }).click()
  await expect(callState).toContainText('closed')

  await page.getByLabel('How did it go?').selectOption(answered ? 'contacted' : 'no_answer')
  await page.getByLabel('Notes').fill('Texted the claim portal link')
  await page.getByLabel('Text a magic link').check()
  await page.getByLabel('Link to text').selectOption('claim_portal')
  await page.getByRole('button', { name: 'Save outcome and finish' }).click()
  await expect(page.getByTestId('desk-notice')).toHaveText('Outcome saved and the link texted.')

  // The SMS is in the lead's thread, the link's token hidden from the desk.
  await page.getByRole('link', { name: 'My history' }).click()
  const call = page.getByTestId('history-call').first()
  const thread = call.getByRole('region', { name: `Texts with ${phone}` })
  await expect(thread).toContainText('We sent')
  await expect(thread).toContainText('/l/claim_portal?token=…')
  await page.screenshot({ path: testInfo.outputPath('agent-history-texted.png'), fullPage: true })

  // The person replies STOP through the simulator's inbound injection.
  const stop = personTexts(baseURL ?? '', phone, 'STOP')
  const delivered = await request.post('/webhooks/simulator/sms-inbound', {
    headers: Object.fromEntries(
      Object.entries(stop.headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
    data: stop.body,
  })
  expect(delivered.status()).toBe(204)
  // The same text tampered with is refused.
  const tampered = await request.post('/webhooks/simulator/sms-inbound', {
    headers: Object.fromEntries(
      Object.entries(stop.headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
    data: stop.body.replace('STOP', 'START'),
  })
  expect(tampered.status()).toBe(403)

  await page.reload()
  await expect(thread).toContainText('They wrote')
  await expect(thread).toContainText('STOP')
  await expect(thread.getByRole('status')).toContainText('Opted out of texts')

  // The next text to the number is refused, saying why.
  await call.getByLabel('Text a link').selectOption('claim_portal')
  await call.getByRole('button', { name: 'Send link' }).click()
  await expect(call.getByRole('alert')).toContainText(
    'has opted out of texts; nothing is sent until they text START',
  )
  await page.screenshot({ path: testInfo.outputPath('agent-history-opted-out.png'), fullPage: true })
  expect(errors).toEqual([])
})
