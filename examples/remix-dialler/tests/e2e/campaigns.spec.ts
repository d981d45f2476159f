import { expect, test } from '@playwright/test'
import { demoLogin, signIn } from './demo'

test('a supervisor creates a campaign, is refused a 10 s ring timeout, edits it, adds an agent and pauses it', async ({
  page,
}, testInfo) => {
  await signIn(page, 'supervisor')
  await expect(page).toHaveURL(/\/supervisor$/)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click()
  await expect(page.getByRole('heading', { name: 'Campaigns', level: 1 })).toBeVisible()
  // The demo's own campaign is there from the first start.
  await expect(page.getByTestId('campaign-row-demo-claims')).toContainText('uk-ofcom')

  const form = page.getByRole('region', { name: 'New campaign' })
  await form.getByLabel('Id', { exact: true }).fill('spring')
  await form.getByLabel('Name', { exact: true }).fill('Spring renewals')
  await form.getByLabel('Unsigned').check()
  await form.getByLabel('Dial mode').selectOption('progressive')
  await form.getByLabel('Caller ID').fill('+441632960002')
  await form.getByLabel('Abandon message').fill('Sorry we missed you: Spring renewals, on 01632 960002.')
  const ring = form.getByLabel('Ring timeout')
  await ring.fill('10')
  await form.getByRole('button', { name: 'Create campaign' }).click()

  // Refused beside the field, naming it; nothing saved.
  await expect(page.locator('#campaign-ringTimeoutSeconds-error')).toContainText('ringTimeoutSeconds')
  await expect(page.locator('#campaign-ringTimeoutSeconds-error')).toContainText('15')
  await expect(ring).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByTestId('campaign-row-spring')).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('campaign-refused.png'), fullPage: true })

  await ring.fill('25')
  await form.getByRole('button', { name: 'Create campaign' }).click()
  await expect(page).toHaveURL(/\/supervisor\/campaigns\/spring$/)
  await expect(page.getByRole('heading', { name: 'Spring renewals', level: 1 })).toBeVisible()
  await expect(page.getByTestId('campaign-status')).toHaveText('active')

  // Edit: a stricter target and a new name.
  const settings = page.getByRole('region', { name: 'Settings' })
  await expect(settings.getByLabel('Ring timeout')).toHaveValue('25')
  await settings.getByLabel('Name', { exact: true }).fill('Spring renewals (weekdays)')
  await settings.getByLabel('Target abandon rate').fill('2')
  await settings.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Spring renewals (weekdays)', level: 1 })).toBeVisible()
  await expect(settings.getByLabel('Target abandon rate')).toHaveValue('2')

  // An agent joins.
  const agents = page.getByRole('region', { name: 'Agents' })
  const agentEmail = demoLogin('agent').email
  await agents.getByLabel('Add an agent').selectOption({ label: `Demo agent (${agentEmail})` })
  await agents.getByRole('button', { name: 'Add agent' }).click()
  await expect(page.getByTestId(`campaign-agent-${agentEmail}`)).toBeVisible()

  // Paused: the status says so, and the list too.
  await page.getByRole('button', { name: 'Pause' }).click()
  await expect(page.getByTestId('campaign-status')).toHaveText('paused')
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('campaign-paused.png'), fullPage: true })
  await page.goto('/supervisor/campaigns')
  const row = page.getByTestId('campaign-row-spring')
  await expect(row).toContainText('paused')
  await expect(row).toContainText('Spring renewals (weekdays)')
  await expect(row.getByRole('cell').last()).toHaveText('1')
})

test("a supervisor watches the auto-dial campaign live: lines in flight, dial level, the window's abandon rate", async ({
  browser,
}, testInfo) => {
  // Before hydration: the numbers are in the server's HTML.
  const noScript = await browser.newContext({ javaScriptEnabled: false })
  const bare = await noScript.newPage()
  await signIn(bare, 'supervisor')
  await expect(bare).toHaveURL(/\/supervisor$/)
  await bare.goto('/supervisor/campaigns/demo-auto')
  const bareLive = bare.getByTestId('campaign-live')
  await expect(bareLive.getByTestId('live-mode')).toHaveText('progressive')
  await expect(bareLive.getByTestId('live-in-flight')).toContainText(/Lines in flight\s*\d+/)
  await expect(bareLive.getByTestId('live-abandon-rate')).toContainText(
    /Abandon rate, last 24 h\s*(no calls|\d+\.\d%)/,
  )
  await expect(bareLive.getByTestId('live-abandon-rate')).toContainText('target 2.5%')
  // Ofcom's cap: 3 % of live-answered calls over 24 hours.
  await expect(bareLive.getByTestId('live-abandon-rate')).toContainText('cap 3% over 24 h')
  await expect(bareLive.getByRole('img', { name: /Abandon rate over the last 24 h/ })).toBeVisible()
  // The engine's calls no agent has yet are listed by number; nobody is ready here, so none ring.
  await expect(bareLive.getByRole('heading', { name: 'Calls without an agent' })).toBeVisible()
  await expect(bareLive.getByTestId('live-calls-without-agent')).toHaveText(
    'No call is ringing or waiting for an agent.',
  )
  await noScript.close()

  const page = await browser.newPage()
  await signIn(page, 'supervisor')
  await expect(page).toHaveURL(/\/supervisor$/)
  await page.goto('/supervisor/campaigns/demo-auto')
  await page.locator('html[data-hydrated]').waitFor()
  // Hydrated, the panel asks for fresh numbers every 2 s.
  const refreshed = await page.waitForResponse(
    (response) => response.url().includes('/supervisor/campaigns/demo-auto/live') && response.ok(),
    { timeout: 6000 },
  )
  expect(refreshed.ok()).toBe(true)
  await expect(page.getByTestId('live-agents')).toContainText(
    /\d+ ready · \d+ on call · \d+ wrap-up · \d+ paused/,
  )
  await page.screenshot({ path: testInfo.outputPath('campaign-live.png'), fullPage: true })

  // A preview campaign: no made-up numbers, the panel says the engine does not dial it.
  await page.goto('/supervisor/campaigns/demo-claims')
  await expect(page.getByTestId('campaign-live')).toContainText('the call engine does not dial it')
  await expect(page.getByTestId('live-in-flight')).toHaveCount(0)
  await page.close()
})
