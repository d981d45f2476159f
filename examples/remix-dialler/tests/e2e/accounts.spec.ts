import { expect, test } from '@playwright/test'
import { signIn } from './demo'

// An admin invites a new agent, who chooses a password through the link and signs in; the link then
// no longer works. The agent changes their password; an admin's reset link sets another.

const signInAs = async (page: import('@playwright/test').Page, email: string, password: string) => {
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

test('an invitation, a password change and a reset link', async ({ browser }) => {
  test.setTimeout(90_000) // three people sign in; each password is hashed with scrypt
  const email = `invited-${Date.now()}@demo.ringlane.test`
  const admin = await browser.newPage()
  await signIn(admin, 'admin')
  await expect(admin).toHaveURL(/\/supervisor/)
  await admin.goto('/admin/agents')
  const add = admin.getByRole('region', { name: 'Add an account' })
  await add.getByLabel('Name').fill('Ivy Invited')
  await add.getByLabel('Email').fill(email)
  await add.getByRole('button', { name: 'Add account' }).click()
  await expect(admin.getByRole('status')).toContainText('Ivy Invited is invited')
  const invitation = await admin.getByLabel(/^Link \(works once/).inputValue()
  expect(invitation).toMatch(/\/account\/set-password\?token=[\w-]{43}$/)

  // The invited person, in their own browser.
  const ivy = await (await browser.newContext()).newPage()
  await ivy.goto(invitation)
  await expect(ivy.getByRole('heading', { name: 'Welcome to Ringlane' })).toBeVisible()
  await ivy.getByLabel('New password (12 characters or more)').fill('short')
  await ivy.getByLabel('New password again').fill('short')
  await ivy.getByRole('button', { name: 'Set password' }).click()
  await expect(ivy.locator('#password-error')).toHaveText('Use at least 12 characters')
  await ivy.getByLabel('New password (12 characters or more)').fill('ivy first password')
  await ivy.getByLabel('New password again').fill('ivy first password')
  await ivy.getByRole('button', { name: 'Set password' }).click()
  await expect(ivy.getByRole('status')).toHaveText('Your password is set. Sign in with it.')
  await signInAs(ivy, email, 'ivy first password')
  await expect(ivy).toHaveURL(/\/agent/)

  // A used invitation opens nothing.
  await ivy.goto(invitation)
  await expect(ivy.getByRole('heading', { name: 'This link no longer works' })).toBeVisible()

  // Ivy changes her password: the current one is asked first.
  await ivy.goto('/account')
  await ivy.getByLabel('Current password').fill('not my password')
  await ivy.getByLabel('New password (12 characters or more)').fill('ivy second password')
  await ivy.getByLabel('New password again').fill('ivy second password')
  await ivy.getByRole('button', { name: 'Change password' }).click()
  await expect(ivy.locator('#current-error')).toHaveText('That is not your current password')
  await ivy.getByLabel('Current password').fill('ivy first password')
  await ivy.getByLabel('New password (12 characters or more)').fill('ivy second password')
  await ivy.getByLabel('New password again').fill('ivy second password')
  await ivy.getByRole('button', { name: 'Change password' }).click()
  await expect(ivy.getByRole('status')).toContainText('Your password is changed')

  // Forgotten: the admin issues a reset link, and the new password replaces the old.
  await admin.goto('/admin/agents')
  await admin.getByRole('button', { name: 'Password reset link for Ivy Invited' }).click()
  const reset = await admin.getByLabel(/^Link \(works once/).inputValue()
  const other = await (await browser.newContext()).newPage()
  await other.goto(reset)
  await expect(other.getByRole('heading', { name: 'Choose a new password' })).toBeVisible()
  await other.getByLabel('New password (12 characters or more)').fill('ivy third password')
  await other.getByLabel('New password again').fill('ivy third password')
  await other.getByRole('button', { name: 'Set password' }).click()
  await signInAs(other, email, 'ivy second password')
  await expect(other.getByRole('alert')).toContainText('do not match')
  await signInAs(other, email, 'ivy third password')
  await expect(other).toHaveURL(/\/agent/)
})
