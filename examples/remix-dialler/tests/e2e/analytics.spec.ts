import { expect, type Page, test } from '@playwright/test'
import { collectErrors, goAvailable, signIn, takeAnswerableLead } from './demo'

/** Opens a supervisor page from the main navigation. */
const openPage = async (page: Page, name: string) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click()
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible()
}

/** Today in the dialler's zone, as the date range form takes it. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date())

/** Fills the date range form with today and shows it. */
const showToday = async (page: Page) => {
  await page.getByRole('textbox', { name: 'From' }).fill(today())
  await page.getByRole('textbox', { name: 'To', exact: true }).fill(today())
  await page.getByRole('button', { name: 'Show' }).click()
  await expect(page).toHaveURL(new RegExp(`from=${today()}`))
}

/** The CSV the page links to: downloaded as text/csv, its text. */
const downloadCsv = async (page: Page) => {
  const href = (await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')) ?? ''
  expect(href).toContain(`from=${today()}`)
  const csv = await page.request.get(href)
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/)
  return csv.text()
}

test('a supervisor reads what calls led to, what broke and how the queues are served, for today, and exports each as CSV', async ({
  browser,
}, testInfo) => {
  test.setTimeout(300_000)
  const agent = await (await browser.newContext()).newPage()
  const supervisor = await (await browser.newContext()).newPage()
  const supervisorErrors = collectErrors(supervisor)

  // An agent calls a lead the simulator answers and books a callback: a call that led to an action.
  await signIn(agent, 'agent')
  await goAvailable(agent)
  const callButton = await takeAnswerableLead(agent)
  await expect(callButton).toBeEnabled({ timeout: 20_000 })
  await callButton.click()
  await expect(agent.getByTestId('call-state')).toHaveText('open', { timeout: 20_000 })
  await agent.getByRole('button', { name: 'Hang up' }).click()
  await expect(agent.getByTestId('call-state')).toContainText('closed')
  await agent.getByLabel('How did it go?').selectOption('contacted')
  await agent.getByRole('button', { name: 'Save outcome and finish' }).click()
  await expect(agent.getByTestId('agent-state')).toHaveText('available')

  // A forged recording webhook (no signature) is refused, and kept as a system error.
  const forged = await supervisor.request.post('/webhooks/simulator/recording-status', {
    form: { CallSid: 'CA-forged', RecordingSid: 'RE-forged', RecordingStatus: 'completed' },
  })
  expect(forged.status()).toBe(403)

  // Intelligence: today's figures.
  await signIn(supervisor, 'supervisor')
  await openPage(supervisor, 'Intelligence')
  await showToday(supervisor)
  const summary = supervisor.getByRole('region', { name: 'Summary' })
  await expect(summary).not.toContainText('Calls0')
  await expect(supervisor.getByRole('region', { name: 'By agent' })).toContainText('Demo agent')
  await expect(supervisor.getByRole('region', { name: 'Outcomes' })).toContainText('completed')
  expect(await downloadCsv(supervisor)).toMatch(/\r\nagent,[^,]+,Demo agent,[1-9]/)
  await supervisor.screenshot({ path: testInfo.outputPath('intelligence.png'), fullPage: true })

  // Quality: the refused webhook, counted and opened.
  await openPage(supervisor, 'Quality')
  await showToday(supervisor)
  const rejected = supervisor
    .getByRole('region', { name: 'By kind' })
    .locator('.stat', { hasText: 'Rejected webhooks' })
  await expect(rejected).not.toContainText(/Rejected webhooks\s*0$/)
  const row = supervisor.getByTestId('system-error').filter({ hasText: 'missing-signature' }).first()
  await expect(row).toContainText('recordings.handleStatus')
  await row.getByRole('link', { name: 'Open' }).click()
  const opened = supervisor.getByTestId('opened-error')
  await expect(opened).toContainText('Rejected webhooks: missing-signature')
  await expect(opened).toContainText('recordings.handleStatus')
  expect(await downloadCsv(supervisor)).toContain('rejected-webhook,missing-signature')
  await supervisor.screenshot({ path: testInfo.outputPath('quality.png'), fullPage: true })

  // SLA: today's figures by queue and interval, occupancy from the agents' states, live.
  await openPage(supervisor, 'SLA')
  await showToday(supervisor)
  await expect(supervisor.getByTestId('live-status')).toHaveText('live')
  const occupancy = supervisor
    .getByRole('region', { name: 'All queues' })
    .locator('.stat', { hasText: 'Occupancy' })
  await expect(occupancy).toContainText('%')
  const computedAt = supervisor.getByTestId('sla-computed-at')
  const before = (await computedAt.getAttribute('datetime')) ?? ''
  // The agent takes another call: the dashboard works its figures out again within 2 s of the change.
  const next = await takeAnswerableLead(agent)
  await expect(next).toBeEnabled({ timeout: 20_000 })
  await next.click()
  await expect(agent.getByTestId('agent-state')).toHaveText('on call', { timeout: 20_000 })
  await expect(computedAt).not.toHaveAttribute('datetime', before, { timeout: 2_000 })
  expect(await downloadCsv(supervisor)).toContain('interval start,occupancy')
  await supervisor.screenshot({ path: testInfo.outputPath('sla.png'), fullPage: true })
  expect(supervisorErrors).toEqual([])
})
