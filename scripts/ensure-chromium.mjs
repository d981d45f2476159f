// End-to-end tests drive Debian's Chromium. Install it from Debian's packages when this machine can
// (root with apt-get); otherwise say exactly what is missing. No tool ever downloads its own browser.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (existsSync(path)) process.exit(0)

const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')
if (!canApt) {
  console.error(
    `End-to-end tests need Chromium at ${path}. Install it with your system's package manager ` +
      '(Debian/Ubuntu: sudo apt-get install -y chromium) or point CHROMIUM_PATH at a Chromium binary.',
  )
  process.exit(1)
}
console.info(`Chromium not found at ${path}: installing Debian's chromium package…`)
const apt = (...args) =>
  execFileSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
apt('update', '-qq')
apt('install', '-y', '-qq', '--no-install-recommends', 'chromium')
if (!existsSync(path)) {
  console.error(`apt-get installed chromium but ${path} is still missing; set CHROMIUM_PATH.`)
  process.exit(1)
}
