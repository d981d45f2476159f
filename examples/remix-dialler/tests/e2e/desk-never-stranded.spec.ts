import { expect, type Page, test } from '@playwright/test'
import { goAvailable, signIn, takeAnswerableLead } from './demo'

/** Signs the demo agent in and starts a call that the simulated callee answers. */
const startAnsweredCall = async (page: Page) => {
  await signIn(page, 'agent')
  await expect(page).toHaveURL(/\/agent$/)
  await goAvailable(page)
  const callButton = await takeAnswerableLead(page)
  await callButton.click()
  await expect(page.getByTestId('call-state')).toHaveText('open', { timeout: 20_000 })
  await expect(page.getByTestId('agent-state')).toHaveText('on call')
}

const saveOutcome = async (page: Page) => {
  await page.getByLabel('How did it go?').selectOption('contacted')
  await page.getByRole('button', { name: /Save outcome/ }).click()
  await expect(page.getByTestId('agent-state')).toHaveText('available')
  await expect(page.getByRole('button', { name: /Next lead/ })).toBeEnabled()
}

test('a reload during a call shows the call from the server, hangs it up, and saves the outcome', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await startAnsweredCall(page)

  await page.reload()
  // The page lost its softphone call, but the desk shows the server's, with Hang up.
  const stranded = page.getByTestId('server-call')
  await expect(stranded).toContainText(/still (in progress|completed)|Hang it up/)
  await stranded.getByRole('button', { name: 'Hang up' }).click()
  await expect(stranded).toBeHidden({ timeout: 15_000 })
  await expect(page.getByTestId('agent-state')).toHaveText('wrap up')
  await saveOutcome(page)

  // Nothing is left holding the agent: the next call starts.
  const next = await takeAnswerableLead(page)
  await next.click()
  await expect(page.getByTestId('call-state')).toHaveText('open', { timeout: 20_000 })
  await expect(page.getByTestId('start-call-error')).toBeHidden()
  await page.getByRole('button', { name: 'Hang up' }).click()
  await saveOutcome(page)
})

test('a supervisor ends an agent’s stuck call from the live page, audited', async ({ browser }) => {
  test.setTimeout(120_000)
  const agentContext = await browser.newContext()
  const supervisorContext = await browser.newContext()
  try {
    const agent = await agentContext.newPage()
    await startAnsweredCall(agent)

    const supervisor = await supervisorContext.newPage()
    await signIn(supervisor, 'supervisor')
    await expect(supervisor).not.toHaveURL(/\/login/)
    await supervisor.goto('/supervisor')
    const call = supervisor.getByTestId('live-call').first()
    await expect(call).toBeVisible()
    await call.getByRole('button', { name: /End .* call/ }).click()

    // The agent's softphone hears the call end, and the desk asks for its outcome.
    await expect(agent.getByTestId('call-state')).toContainText('closed', { timeout: 15_000 })
    await expect(supervisor.getByTestId('live-call')).toHaveCount(0, { timeout: 15_000 })
    // Without a reload: the server's state reaches the desk.
    await expect(agent.getByTestId('agent-state')).toHaveText('wrap up', { timeout: 10_000 })
    await saveOutcome(agent)

    // The supervisor sends the agent on a break; the desk shows it at once, with the reason.
    const setState = supervisor.getByRole('form', { name: "Set Demo agent's state" })
    await setState.getByLabel("Demo agent's new state").selectOption('paused:Coaching')
    await setState.getByRole('button', { name: 'Set' }).click()
    await expect(agent.getByTestId('agent-state')).toHaveText('paused', { timeout: 10_000 })
    await expect(agent.getByRole('region', { name: 'Your state' })).toContainText('(Coaching)')

    // The audit log (admins) names who ended it.
    const admin = await (await browser.newContext()).newPage()
    await signIn(admin, 'admin')
    await expect(admin).not.toHaveURL(/\/login/)
    await admin.goto('/admin/audit?action=call.ended_by_supervisor')
    await expect(admin.getByTestId('audit-entry').first()).toContainText('Demo supervisor')
    await admin.context().close()
  } finally {
    await agentContext.close()
    await supervisorContext.close()
  }
})
