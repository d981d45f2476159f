import { expect, test } from '@playwright/test'
import { goAvailable, signIn } from './demo'

test('signing out takes the agent off the floor on the supervisor’s live page, and the time adds up', async ({
  browser,
}) => {
  test.setTimeout(90_000)
  const agentContext = await browser.newContext()
  const supervisorContext = await browser.newContext()
  try {
    const agent = await agentContext.newPage()
    await signIn(agent, 'agent')
    await expect(agent).toHaveURL(/\/agent$/)
    // Only this browser: earlier tests left the demo agent signed in elsewhere, and signing out of one
    // browser of several rightly keeps the agent on the floor.
    const origin = new URL(agent.url()).origin
    await agent.request.post('/logout', { form: { everywhere: '1' }, headers: { Origin: origin } })
    await signIn(agent, 'agent')
    await expect(agent).toHaveURL(/\/agent$/)
    await goAvailable(agent)

    const supervisor = await supervisorContext.newPage()
    await signIn(supervisor, 'supervisor')
    await expect(supervisor).not.toHaveURL(/\/login/)
    await supervisor.goto('/supervisor')
    await expect(supervisor.getByTestId('live-status')).toHaveText('live')
    const row = supervisor.getByRole('row', { name: /Demo agent/ })
    await expect(row.getByTestId('agent-live-state')).toHaveText('available')

    await agent.getByRole('button', { name: 'Sign out' }).click()
    await expect(agent).toHaveURL(/\/login/)
    // Live, without a reload: no ghost.
    await expect(row.getByTestId('agent-live-state')).toHaveText('offline', { timeout: 10_000 })
    await expect(row).toContainText('signed out')

    await supervisor.goto('/supervisor/agent-states')
    const time = supervisor.getByTestId('agent-time').filter({ hasText: 'Demo agent' })
    await expect(time).toBeVisible()
    const csv = await supervisor.request.get('/supervisor/agent-states.csv')
    expect(csv.headers()['content-type']).toContain('text/csv')
    expect(await csv.text()).toMatch(/^agent,sign_ins,signed_in_seconds,[^\r]*\r\n(.*\r\n)?Demo agent,/s)
  } finally {
    await agentContext.close()
    await supervisorContext.close()
  }
})
