import { expect, test } from '@playwright/test'
import { signIn } from './demo'

test('a supervisor sends an IVR step to an AI agent: an unknown agent is refused naming the step, the tester ends at the agent', async ({
  page,
}) => {
  await signIn(page, 'supervisor')
  await expect(page).toHaveURL(/\/supervisor$/)
  await page.goto('/supervisor/flows?flow=new')
  const editor = page.getByRole('form', { name: 'Flow editor' })
  await editor.getByLabel('Flow id').fill('triage-ai')
  await editor.getByLabel('Name').fill('Triage by AI')
  await editor.getByLabel('Starts at').fill('ai')
  await editor.getByLabel('Step 1 id').fill('ai')
  await editor.getByLabel('Step 1 kind').selectOption('ai-agent')
  await editor.getByLabel('Step 1 leads to').fill('nobody-ai')

  // No AI agent is called that: refused naming the step, nothing saved.
  await editor.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByTestId('flow-result')).toContainText('step ai: there is no AI agent "nobody-ai"')
  await expect(
    page.getByRole('navigation', { name: 'Flows' }).getByRole('link', { name: /Triage by AI/ }),
  ).toHaveCount(0)

  // The demo's AI agent exists: saved.
  await editor.getByLabel('Step 1 leads to').fill('claims-ai')
  await editor.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByTestId('flow-result')).not.toContainText('there is no')
  await page.goto('/supervisor/flows?flow=triage-ai')
  await expect(editor.getByLabel('Step 1 kind')).toHaveValue('ai-agent')
  await expect(editor.getByLabel('Step 1 leads to')).toHaveValue('claims-ai')

  // The tester: the call leaves the flow at the AI agent.
  const tester = page.getByRole('form', { name: 'Flow tester' })
  await tester.getByRole('button', { name: 'Walk the flow' }).click()
  await expect(page.getByRole('list', { name: 'Path taken' }).getByRole('listitem')).toHaveText([
    /ai \(ai-agent\): to AI agent claims-ai/,
  ])
  await expect(page.getByTestId('flow-result')).toContainText('Tested: to AI agent claims-ai')
})
