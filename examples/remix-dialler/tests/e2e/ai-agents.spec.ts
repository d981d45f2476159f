import { expect, test } from '@playwright/test'
import { signIn } from './demo'

test('a supervisor configures an AI agent, tries it on a simulated call, and reads the session: fallback, transcript, handoff summary', async ({
  page,
}) => {
  test.setTimeout(120_000)
  const errors: string[] = []
  // The refused save below answers 400 on purpose (the browser logs that); anything else is a fault.
  page.on(
    'console',
    (message) =>
      message.type() === 'error' && !message.text().includes('status of 400') && errors.push(message.text()),
  )
  await signIn(page, 'supervisor')
  await expect(page).toHaveURL(/\/supervisor$/)
  await page.getByRole('link', { name: 'AI agents' }).click()
  await expect(page.getByRole('heading', { name: 'AI agents', level: 1 })).toBeVisible()

  // The demo's agent: a provider that never answers, then one that talks.
  const agents = page.getByRole('region', { name: 'AI agents' })
  await expect(agents).toContainText('simulator-silent → simulator')
  await agents.getByRole('button', { name: 'Try on a simulated call' }).click()
  await expect(page.getByRole('status')).toHaveText('The simulated call finished.', { timeout: 60_000 })
  const first = page.getByRole('article').first()
  const tried = first.getByRole('list', { name: 'Providers tried' })
  await expect(tried).toContainText('simulator-silent: NoFirstResponse')
  await expect(tried).toContainText(/simulator: spoke after \d\.\d s/)
  await first.getByText(/Transcript \(\d+ lines\)/).click()
  await expect(first.getByRole('list', { name: 'Transcript' })).toContainText(
    'Hello, this is the claims team about your refund.',
  )

  // A wrong setting is refused, naming the field, and nothing changes.
  const form = page.getByRole('form', { name: 'AI agent settings' })
  await form.getByLabel('Name').fill('')
  await form.getByRole('button', { name: 'Save AI agent' }).click()
  await expect(page.getByRole('alert')).toBeVisible()
  await expect(form.getByText('an AI agent needs a name')).toBeVisible()
  await expect(agents).toContainText('Claims assistant')

  // The caller asks for a person: the call goes to the queue with a written summary.
  await form.getByLabel('Name').fill('Claims assistant')
  await form.getByLabel('Provider 1').selectOption('simulator-handoff')
  await form.getByLabel(/Provider 2/).selectOption('')
  await form.getByRole('button', { name: 'Save AI agent' }).click()
  await expect(page.getByRole('status')).toHaveText('Claims assistant is saved.')
  await expect(agents).toContainText('Providers, in order: simulator-handoff')
  await agents.getByRole('button', { name: 'Try on a simulated call' }).click()
  await expect(page.getByRole('status')).toHaveText('The simulated call handed over to a person.', {
    timeout: 60_000,
  })
  const handoff = page.getByRole('article').first().getByRole('region', { name: 'Handoff summary' })
  await expect(handoff).toContainText('Handed to AI handoffs')
  await expect(handoff).toContainText('The caller asked for a person')
  await expect(handoff).toContainText('Caller: Can I speak to a person, please?')
  expect(errors).toEqual([])
})
