// The published packages of the workspace, read from pnpm-workspace.yaml's folders: one list that
// check:packages and release:dry share.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export const root = new URL('..', import.meta.url).pathname

const folders = [
  'packages/core',
  'packages/react',
  ...readdirSync(join(root, 'packages/presets')).map((d) => `packages/presets/${d}`),
  ...readdirSync(join(root, 'packages/adapters')).map((d) => `packages/adapters/${d}`),
]

export const publishedPackages = () =>
  folders
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private)
