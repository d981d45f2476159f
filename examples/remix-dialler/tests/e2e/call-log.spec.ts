import { readFile } from 'node:fs/promises'
import { type Browser, expect, type Page, test } from '@playwright/test'
import { goAvailable, signIn, takeAnswerableLead } from './demo'

/**
 * The demo agent, signed in on their own browser and available. The specs share one dialler: a call an
 * earlier spec left open on this agent is hung up and recorded first, as the agent would.
 */
const agentOnDesk = async (browser: Browser) => {
  const agent = await (await browser.newContext()).newPage()
  await signIn(agent, 'agent')
  await expect(agent.getByTestId('agent-state')).toBeVisible()
  const leftOpen = agent.getByRole('button', { name: /^Hang up/ })
  if (await leftOpen.isVisible()) {
    await leftOpen.click()
    await agent.getByLabel('How did it go?').selectOption('contacted')
    await agent.getByRole('button', { name: 'Save outcome and finish' }).click()
    await expect(agent.getByRole('button', { name: /Next lead/ })).toBeEnabled()
  }
  await goAvailable(agent)
  return agent
}

/**
 * The agent calls an answering lead, hangs up and picks "Spoke to them" (and `then`, e.g. texting a
 * link), then saves; answers the lead's name and number.
 */
const callOneLead = async (page: Page, then: () => Promise<void> = async () => {}) => {
  const callButton = await takeAnswerableLead(page)
  const name = ((await page.getByTestId('lead-name').textContent()) ?? '').trim()
  const phone = ((await callButton.textContent()) ?? '').replace(/^Call /, '').trim()
  await callButton.click()
  await expect(page.getByTestId('call-state')).toHaveText('open', { timeout: 20_000 })
  await page.getByRole('button', { name: 'Hang up' }).click()
  await expect(page.getByTestId('call-state')).toContainText('closed')
  await page.getByLabel('How did it go?').selectOption('contacted')
  await then()
  await page.getByRole('button', { name: 'Save outcome and finish' }).click()
  await expect(page.getByRole('button', { name: /Next lead/ })).toBeEnabled()
  return { name, phone }
}

test('a supervisor finds a call by the lead’s name, pages the log, opens a call’s events, and exports it', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const agent = await agentOnDesk(browser)
  const first = (await callOneLead(agent)).name
  const second = (await callOneLead(agent)).name
  expect(first).not.toBe(second)

  const page = await (await browser.newContext({ acceptDownloads: true })).newPage()
  await signIn(page, 'supervisor')
  await page.getByRole('link', { name: 'Call log' }).click()
  await expect(page).toHaveURL(/\/supervisor\/calls$/)
  // Earlier specs' calls are in the log too: these two are the newest.
  const rows = page.getByTestId('call-row')
  await expect(rows.first()).toContainText(second)
  await expect(rows.nth(1)).toContainText(first)

  // Search by the first lead's name (in capitals): only their calls (an earlier spec may have called
  // the same lead too), the newest being this one; the second lead's call is not among them.
  await page.getByLabel("Lead's name").fill(first.toUpperCase())
  await page.getByRole('button', { name: 'Search' }).click()
  await expect(rows.first()).toContainText(first)
  await expect(rows.first()).toContainText('Spoke to them')
  for (const row of await rows.all()) await expect(row).toContainText(first)
  await expect(rows.filter({ hasText: second })).toHaveCount(0)

  // One call a page: the newest first, then the next page has the other, and no next after it.
  await page.goto('/supervisor/calls?size=1')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(second)
  await page.getByRole('link', { name: 'Next page' }).click()
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(first)
  await expect(page.getByRole('link', { name: 'First page' })).toBeVisible()

  // An edited page link is refused, not a server error.
  const cursor = new URL(page.url()).searchParams.get('cursor') ?? ''
  const edited = await page.request.get(`/supervisor/calls?size=1&cursor=${cursor.slice(0, -2)}x`)
  expect(edited.status()).toBe(400)

  // The whole log as CSV: a header and both calls, names not ids.
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Export all calls as CSV' }).click()
  const csv = await readFile((await (await download).path()) ?? '', 'utf8')
  const lines = csv.trim().split('\r\n')
  expect(lines[0]).toBe('started,direction,lead,number,agent,status,outcome,talk seconds,cost,call id')
  expect(lines.length).toBeGreaterThanOrEqual(3)
  expect(csv).toContain(first)
  expect(csv).toContain(second)

  // The call's own page: who, the outcome, and what the provider said, in order.
  await page.getByRole('link', { name: new RegExp(`Open the call with ${first}`) }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Call to ${first}`)
  const events = page.getByTestId('call-event')
  const happened = (what: string) =>
    events.filter({ has: page.getByRole('cell', { name: what, exact: true }) })
  await expect(happened('Ringing')).toHaveCount(1)
  await expect(happened('Answered')).toHaveCount(1)
  await expect(happened('Ended')).toHaveCount(1)
  await expect(page.getByRole('region', { name: 'The call' })).toContainText('Spoke to them')

  // The agent opens their own call from their history; a call id that is not theirs is not found.
  await agent.goto('/agent/history')
  await agent.getByTestId('history-call').first().getByRole('link').click()
  await expect(agent.getByRole('heading', { level: 1 })).toHaveText(`Call to ${second}`)
  expect((await agent.request.get('/calls/00000000-0000-4000-8000-000000000000')).status()).toBe(404)
})

test('a magic link opens the app’s page and counts; withdrawn from the lead’s page, its page refuses it', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const agent = await agentOnDesk(browser)
  const { name, phone } = await callOneLead(agent, async () => {
    await agent.getByLabel('Text a magic link').check()
    await agent.getByLabel('Link to text').selectOption('claim_portal')
  })
  await expect(agent.getByTestId('desk-notice')).toHaveText('Outcome saved and the link texted.')

  // The text the simulated person got carries a link to this app's landing page.
  const page = await (await browser.newContext()).newPage()
  await signIn(page, 'supervisor')
  await expect(page).toHaveURL(/\/supervisor/)
  const phoneOf = await page.request.get(`/simulator/sms?to=${encodeURIComponent(phone)}`)
  const { texts } = (await phoneOf.json()) as { texts: Array<{ body: string }> }
  const link = /https?:\/\/\S+\/l\/claim_portal\?token=[\w-]+/.exec(texts.at(-1)?.body ?? '')?.[0]
  expect(link).toBeTruthy()

  // The person opens it: the page says so, and the lead's page counts the opening.
  const person = await (await browser.newContext()).newPage()
  await person.goto(link ?? '')
  await expect(person.getByTestId('link-opened')).toBeVisible()

  await page.goto('/supervisor/calls')
  await page.getByLabel("Lead's name").fill(name)
  await page.getByRole('button', { name: 'Search' }).click()
  await page.getByRole('link', { name: new RegExp(`Open the call with ${name}`) }).click()
  await page.getByRole('link', { name: 'The lead’s page' }).click()
  const links = page.getByRole('region', { name: 'Magic links' })
  const row = links.getByTestId('magic-link-row').first()
  await expect(row).toContainText('open')
  await expect(row.getByRole('cell').nth(5)).toHaveText('1')
  await row.getByRole('textbox').fill('Sent to the wrong person')
  await row.getByRole('button', { name: 'Withdraw' }).click()
  await expect(links.getByRole('status')).toContainText('withdrawn')
  await expect(row).toContainText('withdrawn')

  // The same link now refuses, saying why; the magic links page lists it as withdrawn.
  const again = await person.goto(link ?? '')
  expect(again?.status()).toBe(410)
  await expect(person.getByTestId('link-refused')).toContainText('withdrawn')
  await page.getByRole('link', { name: 'Magic links' }).click()
  await expect(
    page.getByRole('region', { name: 'Links sent' }).getByTestId('magic-link-row').first(),
  ).toContainText('withdrawn')
})
