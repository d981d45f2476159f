import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, type Page } from '@playwright/test'

interface DemoLogin {
  role: 'agent' | 'supervisor' | 'admin'
  email: string
  password: string
}

/** The demo accounts the embedded dialler made on its first start. */
export const demoLogin = (role: DemoLogin['role']) => {
  const logins = JSON.parse(
    readFileSync(join(process.env.E2E_DATA_DIR ?? '', 'demo-logins.json'), 'utf8'),
  ) as DemoLogin[]
  const login = logins.find((l) => l.role === role)
  if (!login) throw new Error(`no demo ${role} login`)
  return login
}

export const signIn = async (page: Page, role: DemoLogin['role']) => {
  const { email, password } = demoLogin(role)
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/**
 * Puts the signed-in agent in the available state, whatever state the page shows once rendered. The
 * specs share one dialler: a caller waiting in a queue every agent works (an AI agent's handoff an
 * earlier spec left) may have been put through to this agent; they finish that call first.
 */
export const goAvailable = async (page: Page) => {
  const state = page.getByTestId('agent-state')
  await expect(state).toBeVisible()
  if ((await state.textContent())?.trim() === 'on call') {
    await page
      .getByRole('button', { name: /^Hang up/ })
      .first()
      .click()
    await expect(state).not.toHaveText('on call', { timeout: 10_000 })
  }
  await finishLeftoverCall(page)
  if ((await state.textContent())?.trim() !== 'available')
    await page.getByRole('button', { name: 'Go available' }).click()
  await expect(state).toHaveText('available')
}

/**
 * The specs share one dialler: an earlier one may have left the demo agent's last call without its
 * outcome (the desk then shows the outcome form, not a Call button). This saves one, as the agent would.
 */
export const finishLeftoverCall = async (page: Page) => {
  const outcome = page.getByLabel('How did it go?')
  if (!(await outcome.isVisible())) return
  await outcome.selectOption('not_interested')
  await page
    .getByRole('button', { name: /^Save outcome/ })
    .first()
    .click()
  await expect(outcome).toBeHidden()
}

/**
 * Takes leads until one whose simulated callee answers: the simulator scripts numbers ending 7, 8 and
 * 9 as busy, no answer and answering machine, so those are skipped with a reason.
 */
export const takeAnswerableLead = async (page: Page) => {
  const callButton = page.getByRole('button', { name: /^Call \+44/ })
  await finishLeftoverCall(page)
  for (let attempt = 0; attempt < 20; attempt++) {
    if (!(await page.getByTestId('lead-name').isVisible())) {
      await page.getByRole('button', { name: /Next lead/ }).click()
      await expect(page.getByTestId('lead-name')).toBeVisible()
    }
    await expect(callButton).toBeVisible()
    const phone = ((await callButton.textContent()) ?? '').replace(/^Call /, '').trim()
    if (!/[789]$/.test(phone)) return callButton
    await page.getByLabel('Skip this lead because…').fill('e2e: this number is scripted not to answer')
    await page.getByRole('button', { name: 'Skip' }).click()
    await expect(page.getByTestId('lead-name')).toBeHidden()
  }
  throw new Error('no answerable lead in 20 tries')
}

/**
 * Remix's single fetch logs the AbortError of a data load that a newer navigation (a form the user
 * submits) cancelled, before it drops it (remix-run/remix#10348). Nothing failed: the newer load wins.
 */
const cancelledLoad = (text: string) => text.startsWith('AbortError: signal is aborted without reason')

/** Console errors a page logs, gathered into `errors` (labelled when several pages share it). */
export const collectErrors = (page: Page, errors: string[] = [], label?: string) => {
  page.on('console', (message) => {
    if (message.type() !== 'error' || cancelledLoad(message.text())) return
    errors.push(label ? `${label}: ${message.text()}` : message.text())
  })
  return errors
}
