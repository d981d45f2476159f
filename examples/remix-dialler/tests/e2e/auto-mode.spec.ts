import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, type Page, test } from '@playwright/test'
import { collectErrors, signIn } from './demo'

const AUTO_AGENT = 'auto-agent@demo.ringlane.test'

/** Signs in as the demo campaign's agent (progressive, auto mode). */
const signInAutoAgent = async (page: Page) => {
  const logins = JSON.parse(
    readFileSync(join(process.env.E2E_DATA_DIR ?? '', 'demo-logins.json'), 'utf8'),
  ) as Array<{ email: string; password: string }>
  const login = logins.find((l) => l.email === AUTO_AGENT)
  if (!login) throw new Error('no demo auto agent login')
  await page.goto('/login')
  await page.getByLabel('Email').fill(login.email)
  await page.getByLabel('Password').fill(login.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/agent$/)
  await page.locator('html[data-hydrated]').waitFor()
}

const abandonsShown = async (page: Page) => {
  const text = (await page.getByTestId('auto-abandons').textContent()) ?? ''
  const match = /Abandoned (\d+) of (\d+)/.exec(text)
  if (!match) throw new Error(`no abandon count in "${text}"`)
  return { abandoned: Number(match[1]), answered: Number(match[2]) }
}

test('an agent in a progressive campaign takes three calls in a row without clicking dial', async ({
  page,
}) => {
  test.setTimeout(240_000)
  const errors = collectErrors(page)
  await signInAutoAgent(page)
  await expect(page.getByRole('region', { name: 'Auto mode' })).toContainText('Demo auto-dial')
  const state = page.getByTestId('agent-state')
  if ((await state.textContent())?.trim() !== 'available')
    await page.getByRole('button', { name: 'Go available' }).click()
  await expect(state).toHaveText('available')
  // The browser's line waits in the agent's conference.
  await expect(page.getByTestId('auto-leg')).toHaveText('line open', { timeout: 20_000 })

  const leads: string[] = []
  for (let call = 1; call <= 3; call++) {
    // Numbers scripted busy, unanswered or answered by a machine never reach the agent; the engine
    // dials on until a person answers, and the lead shows with the call.
    const name = page.getByTestId('lead-name')
    await expect(name).toBeVisible({ timeout: 90_000 })
    leads.push(((await name.textContent()) ?? '').trim())
    await expect(page.getByTestId('call-state')).toHaveText('open', { timeout: 10_000 })
    await expect(state).toHaveText('on call')
    // Nothing to dial: no Call button, no Next lead.
    await expect(page.getByRole('button', { name: /^Call \+44/ })).toHaveCount(0)
    await expect(page.getByRole('button', { name: /Next lead/ })).toHaveCount(0)

    await page.getByRole('button', { name: 'Hang up' }).click()
    await expect(page.getByTestId('call-state')).toHaveText('completed', { timeout: 10_000 })
    await page.getByLabel('How did it go?').selectOption('not_interested')
    await page.getByRole('button', { name: 'Save outcome and finish' }).click()
    await expect(name).toBeHidden()
    await expect(state).toHaveText('available')
  }
  expect(new Set(leads).size).toBe(3)
  // Done for now: no more calls for this agent.
  await page.getByRole('button', { name: 'Pause' }).click()
  await expect(state).toHaveText('paused')
  expect(errors).toEqual([])
})

test('an answered call with no free agent is abandoned with the message and counted', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000)
  await signInAutoAgent(page)
  const before = await abandonsShown(page)
  const state = page.getByTestId('agent-state')
  // Go available so the engine places a call, then step away before the person answers (the
  // simulator's people answer after 3 s): the answered call finds no free agent.
  let abandoned = before.abandoned
  /** A person answered and reached the agent after all: finish that call and try again. */
  const finishCall = async () => {
    await page.getByRole('button', { name: 'Hang up' }).click()
    await page.getByLabel('How did it go?').selectOption('not_interested')
    await page.getByRole('button', { name: 'Save outcome and finish' }).click()
    await expect(state).toHaveText('available')
  }
  for (let attempt = 0; attempt < 6 && abandoned === before.abandoned; attempt++) {
    if ((await state.textContent())?.trim() === 'on call') await finishCall()
    if ((await state.textContent())?.trim() !== 'available')
      await page.getByRole('button', { name: 'Go available' }).click()
    await expect(state).toHaveText('available')
    await expect(page.getByTestId('auto-leg')).toHaveText('line open', { timeout: 20_000 })
    // The engine places a call within a pacing round (500 ms); the person answers 3 s later.
    await page.waitForTimeout(700)
    await page.getByRole('button', { name: 'Pause' }).click()
    await expect(state).toHaveText(/paused|on call/)
    if ((await state.textContent())?.trim() === 'on call') continue
    // Answer at 3 s, 2 s without an agent, then the message.
    await page.waitForTimeout(7000)
    await page.reload()
    abandoned = (await abandonsShown(page)).abandoned
  }
  expect(abandoned).toBeGreaterThan(before.abandoned)
  const after = await abandonsShown(page)
  expect(after.answered).toBeGreaterThan(before.answered)

  // The carrier's side: the call was never joined to an agent, and heard the abandon message.
  const supervisor = await browser.newPage()
  await signIn(supervisor, 'supervisor')
  await expect(supervisor).toHaveURL(/\/supervisor/)
  const response = await supervisor.request.get('/simulator/server-calls')
  expect(response.ok()).toBe(true)
  const { calls } = (await response.json()) as {
    calls: Array<{ joinedAgent: boolean; played: Array<{ say?: string }> }>
  }
  const withMessage = calls.filter((c) => c.played.some((m) => m.say?.includes('we could not connect you')))
  expect(withMessage.length).toBe(abandoned)
  expect(withMessage.every((c) => !c.joinedAgent)).toBe(true)
  await supervisor.close()
})

test('a reload during a call rejoins it: the caller is still there, then hang up and save', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000)
  await signInAutoAgent(page)
  const errors = collectErrors(page)
  const state = page.getByTestId('agent-state')
  if ((await state.textContent())?.trim() !== 'available')
    await page.getByRole('button', { name: 'Go available' }).click()
  await expect(page.getByTestId('auto-leg')).toHaveText('line open', { timeout: 20_000 })
  const name = page.getByTestId('lead-name')
  await expect(name).toBeVisible({ timeout: 90_000 })
  await expect(page.getByTestId('call-state')).toHaveText('open', { timeout: 10_000 })
  const lead = ((await name.textContent()) ?? '').trim()

  await page.reload()
  await page.locator('html[data-hydrated]').waitFor()
  // The same call, from the server, and the agent's new line in its conference with the caller.
  await expect(name).toHaveText(lead)
  await expect(state).toHaveText('on call')
  await expect(page.getByTestId('auto-leg')).toHaveText('line open', { timeout: 20_000 })
  const supervisor = await browser.newPage()
  await signIn(supervisor, 'supervisor')
  await expect(supervisor).toHaveURL(/\/supervisor/)
  // Past the old page's grace period: its line is gone, the call goes on.
  await page.waitForTimeout(6000)
  const response = await supervisor.request.get('/simulator/server-calls')
  const { calls } = (await response.json()) as {
    calls: Array<{ status: string; conference: string | null; participants: Array<{ label: string }> }>
  }
  const live = calls.filter((c) => c.status === 'in-progress')
  expect(live).toHaveLength(1)
  expect(live[0]?.participants.map((p) => p.label).sort()).toEqual(['agent', 'caller'])
  await expect(page.getByTestId('call-state')).toHaveText('open')
  await supervisor.close()

  await page.getByRole('button', { name: 'Hang up' }).click()
  await expect(page.getByTestId('call-state')).toHaveText('completed', { timeout: 10_000 })
  await page.getByLabel('How did it go?').selectOption('not_interested')
  await page.getByRole('button', { name: 'Save outcome and finish' }).click()
  await expect(name).toBeHidden()
  await page.getByRole('button', { name: 'Pause' }).click()
  await expect(state).toHaveText(/paused|on call/)
  expect(errors).toEqual([])
})
