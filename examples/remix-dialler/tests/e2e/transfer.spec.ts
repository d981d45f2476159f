import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, expect, type Page, test } from '@playwright/test'
import { collectErrors, demoLogin } from './demo'

const AUTO_AGENT = 'auto-agent@demo.ringlane.test'
const ENDED = ['completed', 'busy', 'no-answer', 'failed', 'canceled']

/** A page of its own (its own cookies), signed in with a demo login, its desk or dashboard rendered. */
const signedInPage = async (browser: Browser, email: string, password: string) => {
  const page = await (await browser.newContext()).newPage()
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).not.toHaveURL(/\/login/)
  await page.locator('html[data-hydrated]').waitFor()
  return page
}

const autoAgentLogin = () => {
  const logins = JSON.parse(
    readFileSync(join(process.env.E2E_DATA_DIR ?? '', 'demo-logins.json'), 'utf8'),
  ) as Array<{ email: string; password: string }>
  const login = logins.find((l) => l.email === AUTO_AGENT)
  if (!login) throw new Error('no demo auto agent login')
  return login
}

/** The simulated carrier's view of the engine's calls: whose conference each is in, and who is there. */
const carrierCalls = async (supervisor: Page) => {
  const response = await supervisor.request.get('/simulator/server-calls')
  expect(response.ok()).toBe(true)
  return (
    (await response.json()) as {
      calls: Array<{
        callId: string
        status: string
        agentId: string | null
        participants: Array<{ label: string; hold: boolean; muted: boolean; coaching: boolean }>
      }>
    }
  ).calls
}

test('a transfer moves a call between two agents; a supervisor listens, then barges in', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const errors: string[] = []

  // The supervisor puts the demo agent in the auto-dial campaign beside the auto agent.
  const supervisor = await signedInPage(
    browser,
    demoLogin('supervisor').email,
    demoLogin('supervisor').password,
  )
  await supervisor.goto('/supervisor/campaigns/demo-auto')
  await supervisor
    .getByLabel('Add an agent')
    .selectOption({ label: `Demo agent (${demoLogin('agent').email})` })
  await supervisor.getByRole('button', { name: 'Add agent' }).click()
  await expect(supervisor.getByRole('row').filter({ hasText: 'Demo agent' })).toHaveCount(1)

  // The specs share one dialler: calls an earlier spec left live are not this test's to wait for.
  const earlier = new Set((await carrierCalls(supervisor)).map((c) => c.callId))

  // Bob (the demo agent) opens his line, then pauses: the line stays open, the engine calls nobody for him.
  const bob = await signedInPage(browser, demoLogin('agent').email, demoLogin('agent').password)
  collectErrors(bob, errors, 'bob')
  const bobState = bob.getByTestId('agent-state')
  if ((await bobState.textContent())?.trim() !== 'available')
    await bob.getByRole('button', { name: 'Go available' }).click()
  await expect(bob.getByTestId('auto-leg')).toHaveText('line open', { timeout: 20_000 })
  // A person may answer the engine's call for Bob before his Pause lands: the call wins, Bob finishes it
  // and pauses again.
  for (let attempt = 0; attempt < 5; attempt++) {
    if ((await bobState.textContent())?.trim() === 'on call') {
      await bob.getByRole('button', { name: 'Hang up' }).click()
      await bob.getByLabel('How did it go?').selectOption('not_interested')
      await bob.getByRole('button', { name: 'Save outcome and finish' }).click()
      await expect(bobState).not.toHaveText(/on call|wrap up/)
    }
    if ((await bobState.textContent())?.trim() === 'paused') break
    await bob.getByRole('button', { name: 'Pause' }).click()
    await expect(bobState).toHaveText(/paused|on call/)
  }
  await expect(bobState).toHaveText('paused')
  await expect(bob.getByTestId('auto-leg')).toHaveText('line open')
  // A call the engine placed for Bob before he paused plays out (abandoned: nobody was free) first.
  await expect
    .poll(
      async () =>
        (await carrierCalls(supervisor)).filter((c) => !ENDED.includes(c.status) && !earlier.has(c.callId))
          .length,
      {
        timeout: 30_000,
      },
    )
    .toBe(0)

  // Ann (the auto agent) takes the engine's next answered call.
  const { email, password } = autoAgentLogin()
  const ann = await signedInPage(browser, email, password)
  collectErrors(ann, errors, 'ann')
  const annState = ann.getByTestId('agent-state')
  if ((await annState.textContent())?.trim() !== 'available')
    await ann.getByRole('button', { name: 'Go available' }).click()
  await expect(ann.getByTestId('auto-leg')).toHaveText('line open', { timeout: 20_000 })
  await expect(ann.getByTestId('lead-name')).toBeVisible({ timeout: 90_000 })
  await expect(ann.getByTestId('call-state')).toHaveText('open', { timeout: 10_000 })
  const lead = ((await ann.getByTestId('lead-name').textContent()) ?? '').trim()
  const control = ann.getByRole('region', { name: 'Call control' })
  await expect(control.getByTestId('caller-hold')).toHaveText('caller with you')

  // Hold and back, from the keyboard's ordinary buttons.
  await control.getByRole('button', { name: 'Hold' }).click()
  await expect(control.getByTestId('caller-hold')).toHaveText('caller on hold')
  await control.getByRole('button', { name: 'Resume' }).click()
  await expect(control.getByTestId('caller-hold')).toHaveText('caller with you')

  // Bob gets ready; Ann transfers the call to him, cold.
  await bob.getByRole('button', { name: 'Go available' }).click()
  await expect(bobState).toHaveText('available')
  // Exact: once an earlier spec made a routing queue, the desk also offers "Transfer to a queue".
  const transferTo = control.getByLabel('Transfer to', { exact: true })
  const option = transferTo.locator('option', { hasText: 'Demo agent' })
  await transferTo.selectOption((await option.getAttribute('value')) ?? '')
  await control.getByLabel(/Cold/).check()
  await control.getByRole('button', { name: 'Transfer', exact: true }).click()
  await expect(ann.getByTestId('desk-notice')).toContainText('Call transferred')
  await expect(annState).toHaveText('wrap up')
  await expect(ann.getByTestId('lead-name')).toBeHidden()

  // Bob's desk shows the lead and the open call; he is on it.
  await expect(bob.getByTestId('lead-name')).toHaveText(lead, { timeout: 10_000 })
  await expect(bob.getByTestId('call-state')).toHaveText('open')
  await expect(bobState).toHaveText('on call')
  const bobId = (await carrierCalls(supervisor)).find(
    (c) =>
      !earlier.has(c.callId) &&
      c.status === 'in-progress' &&
      c.participants.some((p) => p.label === 'caller'),
  )?.agentId
  expect(bobId).toBeTruthy()

  // The supervisor listens (muted), then barges in (heard by both).
  await supervisor.goto('/supervisor')
  const row = supervisor.getByTestId('live-call').filter({ hasText: 'Demo agent' })
  await row.getByRole('button', { name: "Listen Demo agent's call" }).click()
  await expect(row.getByRole('status')).toHaveText('You are listening; nobody hears you.')
  const supervising = async () =>
    (await carrierCalls(supervisor))
      .find((c) => c.agentId === bobId && c.status === 'in-progress')
      ?.participants.find((p) => p.label.startsWith('supervisor:'))
  expect(await supervising()).toMatchObject({ muted: true, coaching: false })
  await row.getByRole('button', { name: "Barge Demo agent's call" }).click()
  await expect(row.getByRole('status')).toHaveText('You are on the call; everyone hears you.')
  expect(await supervising()).toMatchObject({ muted: false, coaching: false })
  await row.getByRole('button', { name: "Leave Demo agent's call" }).click()
  await expect(row.getByRole('status')).toHaveText('You left the call.')

  // Bob finishes the call as his own (the engine may hand him his next call at once); Ann still wraps up.
  await bob.getByRole('button', { name: 'Hang up' }).click()
  await bob.getByLabel('How did it go?').selectOption('not_interested')
  await bob.getByRole('button', { name: 'Save outcome and finish' }).click()
  await expect(bob.getByTestId('desk-notice')).toContainText('Outcome saved')
  await expect(annState).toHaveText('wrap up')
  expect(errors).toEqual([])
})
