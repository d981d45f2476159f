import { expect, test } from '@playwright/test'
import { collectErrors, goAvailable, signIn, takeAnswerableLead } from './demo'

test('after a recorded call, the supervisor reads its transcript beside the recording, seeks by turn, finds it by a phrase and sees its cost', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000)
  const agent = await (await browser.newContext()).newPage()
  const supervisor = await (await browser.newContext()).newPage()
  const supervisorErrors = collectErrors(supervisor)

  // The agent calls a lead the simulator answers, talks for about nine seconds, and hangs up.
  await signIn(agent, 'agent')
  await expect(agent).toHaveURL(/\/agent$/)
  await goAvailable(agent)
  const callButton = await takeAnswerableLead(agent)
  const phone = ((await callButton.textContent()) ?? '').replace(/^Call /, '').trim()
  await expect(callButton).toBeEnabled({ timeout: 20_000 })
  await callButton.click()
  await expect(agent.getByTestId('call-state')).toHaveText('open', { timeout: 20_000 })
  await agent.waitForTimeout(9_000)
  await agent.getByRole('button', { name: 'Hang up' }).click()
  await expect(agent.getByTestId('call-state')).toContainText('closed')
  await agent.getByLabel('How did it go?').selectOption('contacted')
  await agent.getByRole('button', { name: 'Save outcome and finish' }).click()
  await expect(agent.getByTestId('agent-state')).toHaveText('available')

  // The recording, played, with its transcript beside the player (made by the job once it is stored).
  await signIn(supervisor, 'supervisor')
  await expect(supervisor).toHaveURL(/\/supervisor$/)
  await supervisor.goto(`/supervisor/recordings?number=${encodeURIComponent(phone)}`)
  const row = supervisor.getByTestId('recording-row').filter({ hasText: phone })
  const turns = supervisor.getByTestId('transcript-turn')
  await expect(async () => {
    await supervisor.reload()
    await row.getByRole('button', { name: /^Play/ }).first().click({ timeout: 2_000 })
    await expect(turns.first()).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 60_000 })
  const transcript = supervisor.getByTestId('transcript')
  // What the simulated people said, in order, at the simulator's speaking pace.
  await expect(turns.first()).toContainText('Agent')
  await expect(turns.first()).toContainText('calling about your refund claim')
  await expect(turns.nth(1)).toContainText('Customer')
  await expect(turns.nth(1)).toContainText('I was expecting your call')
  await expect(turns.nth(1)).toContainText('0:04')

  // A turn moves the player to where it starts (4.8 s: 11 words at 2.5 a second, then a pause).
  const player = supervisor.getByTestId('recording-player')
  await expect
    .poll(() => player.evaluate((element) => (element as HTMLAudioElement).readyState), { timeout: 15_000 })
    .toBeGreaterThan(0)
  await turns.nth(1).click()
  await expect
    .poll(() => player.evaluate((element) => (element as HTMLAudioElement).currentTime), { timeout: 5_000 })
    .toBeGreaterThanOrEqual(4.8)
  await expect(turns.nth(1)).toHaveAttribute('aria-current', 'true')
  await supervisor.screenshot({
    path: testInfo.outputPath('transcript-beside-recording.png'),
    fullPage: true,
  })

  // A phrase someone said finds the call; its match plays from that turn.
  await supervisor.getByLabel('Said on a call').fill('"expecting your call"')
  await supervisor.getByRole('button', { name: 'Search transcripts' }).click()
  const match = supervisor.getByTestId('transcript-match').first()
  await expect(match).toContainText('I was expecting your call')
  await match.getByRole('button', { name: /^Play from 0:04/ }).click()
  await expect(transcript).toContainText('I was expecting your call')
  await expect
    .poll(() => player.evaluate((element) => (element as HTMLAudioElement).currentTime), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(4.8)
  // Words nobody said find nothing.
  await supervisor.getByLabel('Said on a call').fill('pineapple')
  await supervisor.getByRole('button', { name: 'Search transcripts' }).click()
  await expect(supervisor.getByText('Nobody said that on a transcribed call.')).toBeVisible()

  // The cost page: the call at the simulator's demo rate (a started minute at £0.013).
  await supervisor
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Costs', exact: true })
    .click()
  await expect(supervisor.getByRole('heading', { name: 'Costs' })).toBeVisible()
  // Newest first: another spec may have called the same lead earlier.
  const cost = supervisor.getByTestId('call-cost').filter({ hasText: phone }).first()
  await expect(async () => {
    await supervisor.reload()
    await expect(cost).toContainText('£0.013', { timeout: 2_000 })
  }).toPass({ timeout: 30_000 })
  await expect(cost).toContainText('Demo agent')
  await expect(supervisor.getByRole('region', { name: 'By agent' })).toContainText('Demo agent')
  const csv = await supervisor.request.get(
    (await supervisor.getByRole('link', { name: 'Download CSV' }).getAttribute('href')) ?? '',
  )
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/)
  expect(await csv.text()).toContain('0.013000,GBP')
  await supervisor.screenshot({ path: testInfo.outputPath('costs.png'), fullPage: true })
  expect(supervisorErrors).toEqual([])
})
