import { expect, type Page, test } from '@playwright/test'
import { collectErrors, finishLeftoverCall, goAvailable, signIn } from './demo'

/**
 * Gets the agent onto a call that the simulator answers and keeps open until the agent hangs up
 * (numbers ending 7, 8 and 9 are scripted busy, no answer and answering machine: skipped).
 */
const agentOnAnsweredCall = async (agent: Page) => {
  await signIn(agent, 'agent')
  await expect(agent).toHaveURL(/\/agent$/)
  await goAvailable(agent)
  await finishLeftoverCall(agent)
  const callButton = agent.getByRole('button', { name: /^Call \+44/ })
  for (let attempt = 0; attempt < 20; attempt++) {
    if (!(await agent.getByTestId('lead-name').isVisible())) {
      await agent.getByRole('button', { name: /Next lead/ }).click()
      await expect(agent.getByTestId('lead-name')).toBeVisible()
    }
    await expect(callButton).toBeEnabled({ timeout: 20_000 })
    const phone = ((await callButton.textContent()) ?? '').replace(/^Call /, '').trim()
    if (!/[789]$/.test(phone)) {
      await callButton.click()
      await expect(agent.getByTestId('call-state')).toHaveText('open', { timeout: 20_000 })
      return phone
    }
    await agent.getByLabel('Skip this lead because…').fill('End-to-end test wants an answered call')
    await agent.getByRole('button', { name: 'Skip' }).click()
    await expect(agent.getByTestId('lead-name')).toBeHidden()
  }
  throw new Error('no lead with a number the simulator answers')
}

test('a supervisor watches a call live, then plays its recording through an expiring URL', async ({
  browser,
}, testInfo) => {
  const supervisorContext = await browser.newContext()
  const agentContext = await browser.newContext()
  const supervisor = await supervisorContext.newPage()
  const agent = await agentContext.newPage()
  const supervisorErrors = collectErrors(supervisor)

  // The live dashboard: server-rendered, then live over server-sent events.
  await signIn(supervisor, 'supervisor')
  await expect(supervisor).toHaveURL(/\/supervisor$/)
  await expect(supervisor.getByTestId('live-status')).toHaveText('live')
  const agents = supervisor.getByRole('region', { name: 'Agents' })
  await expect(agents.getByRole('row', { name: /Demo agent/ })).toBeVisible()
  const levels = supervisor.getByRole('region', { name: 'Queue levels' })
  await expect(levels.getByTestId('queue-waiting').first()).toHaveText(/^\d[\d,]*$/)
  await supervisor.screenshot({ path: testInfo.outputPath('supervisor-live.png'), fullPage: true })

  // An agent dials in another browser; the dashboard shows the call and the agent's state as they happen.
  const phone = await agentOnAnsweredCall(agent)
  const liveCall = supervisor.getByTestId('live-call').filter({ hasText: 'Demo agent' })
  await expect(liveCall).toContainText('in-progress', { timeout: 20_000 })
  await expect(agents.getByRole('row', { name: /Demo agent/ }).getByTestId('agent-live-state')).toHaveText(
    'on call',
  )
  // The lead by name, not by id.
  await expect(liveCall.getByRole('link')).toBeVisible()
  await expect(liveCall.getByRole('link')).not.toHaveText(/^Lead \d/)
  await supervisor.screenshot({ path: testInfo.outputPath('supervisor-live-call.png'), fullPage: true })

  await agent.getByRole('button', { name: 'Hang up' }).click()
  await expect(agent.getByTestId('call-state')).toContainText('closed')
  await expect(liveCall).toHaveCount(0, { timeout: 20_000 })
  await agent.getByLabel('How did it go?').selectOption('contacted')
  await agent.getByLabel('Notes').fill('Supervisor end-to-end test call')
  await agent.getByRole('button', { name: 'Save outcome and finish' }).click()
  await expect(agent.getByTestId('agent-state')).toHaveText('available')

  // The recording: found by number, played through a signed URL the server audits.
  await supervisor
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Recordings', exact: true })
    .click()
  await expect(supervisor).toHaveURL(/\/supervisor\/recordings$/)
  await supervisor.getByLabel('Number').fill(phone)
  await supervisor.getByLabel('Outcome').selectOption('contacted')
  const row = supervisor.getByTestId('recording-row').filter({ hasText: phone })
  const play = row.getByRole('button', { name: /^Play/ })
  // The recording is copied from the provider after the call ends: search until it is stored.
  await expect(async () => {
    await supervisor.getByRole('button', { name: 'Search', exact: true }).click()
    await expect(supervisor).toHaveURL(/number=/)
    await expect(play).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 30_000 })
  await expect(row).toContainText('Demo agent')
  await expect(row).toContainText('Spoke to them')
  await play.first().click()

  const player = supervisor.getByTestId('recording-player')
  await expect(player).toHaveAttribute('src', /^\/recordings\/media\/.+\?expires=\d+&signature=/)
  const src = (await player.getAttribute('src')) ?? ''
  const media = await supervisor.request.get(src)
  expect(media.status()).toBe(200)
  expect(media.headers()['content-type']).toMatch(/^audio\//)
  // The browser itself loads it: metadata read, a real duration.
  await expect
    .poll(
      () =>
        player.evaluate((element) => {
          const audio = element as HTMLAudioElement
          return audio.readyState >= 1 ? audio.duration : 0
        }),
      {
        timeout: 15_000,
      },
    )
    .toBeGreaterThan(0)
  await supervisor.screenshot({ path: testInfo.outputPath('supervisor-recordings.png'), fullPage: true })

  // A tampered URL is refused.
  const tampered = await supervisor.request.get(src.replace(/signature=[^&]+/, 'signature=AAAA'))
  expect(tampered.status()).toBe(403)

  // The other supervisor screens, for the record.
  await supervisor.goto('/supervisor/metrics')
  await expect(supervisor.getByRole('heading', { name: 'Metrics' })).toBeVisible()
  await expect(supervisor.getByRole('region', { name: 'Agent performance' })).toContainText('Demo agent')
  await supervisor.screenshot({ path: testInfo.outputPath('supervisor-metrics.png'), fullPage: true })
  await supervisor.getByLabel('From').fill('2026-02-10')
  await supervisor.getByLabel('To').fill('2026-02-01')
  await supervisor.getByRole('button', { name: 'Show' }).click()
  await expect(supervisor.getByText('The end date must not be before the start date')).toBeVisible()

  await supervisor.goto('/supervisor/queues')
  await expect(supervisor.getByRole('heading', { name: 'Queues' })).toBeVisible()
  await supervisor.screenshot({ path: testInfo.outputPath('supervisor-queues.png'), fullPage: true })
  await supervisor.goto('/supervisor/sms')
  await expect(supervisor.getByRole('heading', { name: 'SMS' })).toBeVisible()
  await supervisor.screenshot({ path: testInfo.outputPath('supervisor-sms.png'), fullPage: true })
  await supervisor.goto('/supervisor/magic-links')
  await expect(supervisor.getByRole('heading', { name: 'Magic links' })).toBeVisible()
  await supervisor.screenshot({ path: testInfo.outputPath('supervisor-magic-links.png'), fullPage: true })
  expect(supervisorErrors).toEqual([])

  // The admin sees who listened, in the audit log.
  const adminContext = await browser.newContext()
  const admin = await adminContext.newPage()
  await signIn(admin, 'admin')
  await expect(admin).toHaveURL(/\/supervisor$/)
  await admin.goto('/admin/audit?action=recording.played')
  await expect(admin.getByTestId('audit-entry').filter({ hasText: 'Demo supervisor' }).first()).toBeVisible()
  await admin.screenshot({ path: testInfo.outputPath('admin-audit.png'), fullPage: true })

  await Promise.all([supervisorContext.close(), agentContext.close(), adminContext.close()])
})

test('an admin adds an agent with field errors first, changes their role and deactivates them', async ({
  page,
}, testInfo) => {
  await signIn(page, 'admin')
  await expect(page).toHaveURL(/\/supervisor$/)
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Agents', exact: true })
    .click()
  await expect(page).toHaveURL(/\/admin\/agents$/)
  const add = page.getByRole('region', { name: 'Add an account' })
  await add.getByLabel('Name').fill('Test Agent')
  await add.getByLabel('Email').fill('not-an-email')
  await add.getByLabel('First password').fill('short')
  await add.getByRole('button', { name: 'Add account' }).click()
  await expect(add.getByText('Enter an email address')).toBeVisible()
  await expect(add.getByText('Use at least 12 characters')).toBeVisible()

  const email = `agent-${Date.now()}@demo.ringlane.test`
  await add.getByLabel('Email').fill(email)
  await add.getByLabel('First password').fill('a long enough password')
  await add.getByRole('button', { name: 'Add account' }).click()
  await expect(page.getByRole('status')).toContainText('Test Agent can now sign in')
  const account = page.getByTestId(`account-${email}`)
  await expect(account).toContainText('active')

  await account.getByLabel('Role of Test Agent').selectOption('supervisor')
  await account.getByRole('button', { name: 'Change role' }).click()
  await expect(page.getByRole('status')).toContainText('Test Agent is now a supervisor')
  await account.getByRole('button', { name: 'Deactivate Test Agent' }).click()
  await expect(account).toContainText('deactivated')
  await page.screenshot({ path: testInfo.outputPath('admin-agents.png'), fullPage: true })

  // A deactivated account cannot sign in.
  const other = await page.context().browser()?.newContext()
  if (!other) throw new Error('no browser')
  const login = await other.newPage()
  await login.goto('/login')
  await login.getByLabel('Email').fill(email)
  await login.getByLabel('Password').fill('a long enough password')
  await login.getByRole('button', { name: 'Sign in' }).click()
  await expect(login.getByRole('alert')).toContainText('do not match')
  await other.close()
})
