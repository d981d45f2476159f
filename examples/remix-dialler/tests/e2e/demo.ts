import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'

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
