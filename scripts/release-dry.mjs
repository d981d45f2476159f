// Rehearses a release without publishing: builds, copies the repo to a scratch folder, applies the
// pending changesets there (versions and changelogs), and packs every published package. Then it
// checks each tarball: no workspace: ranges left, no tests shipped, every export present.
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { publishedPackages, root } from './workspace.mjs'

const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
const pnpm = process.env.npm_execpath ?? 'pnpm'
const node = process.execPath

run(node, [pnpm, 'build'], root)

const scratch = mkdtempSync(join(tmpdir(), 'ringlane-release-dry-'))
const skip = new Set(['.git', '.tsbuild', 'test-results', 'playwright-report', '.ringlane-data'])
cpSync(root, scratch, {
  recursive: true,
  verbatimSymlinks: true, // packages' node_modules hold relative links to their workspace siblings
  filter: (source) => {
    const path = relative(root, source)
    return path !== 'node_modules' && !path.split('/').some((part) => skip.has(part))
  },
})
// The scratch copy borrows the installed store instead of installing again.
symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'))

console.info(run(node, [join(root, 'node_modules/@changesets/cli/bin.js'), 'version'], scratch))

const packs = join(scratch, '.packs')
mkdirSync(packs)
const problems = []
const summary = []
for (const { dir } of publishedPackages()) {
  const cwd = join(scratch, dir)
  const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'))
  const before = new Set(readdirSync(packs))
  run(node, [pnpm, 'pack', '--pack-destination', packs], cwd)
  const tarball = readdirSync(packs).find((file) => !before.has(file))
  const unpacked = join(scratch, '.unpacked', manifest.name)
  mkdirSync(unpacked, { recursive: true })
  run('tar', ['-xzf', join(packs, tarball), '-C', unpacked], scratch)
  const packed = JSON.parse(readFileSync(join(unpacked, 'package/package.json'), 'utf8'))
  const files = run('find', ['.', '-type', 'f'], join(unpacked, 'package')).trim().split('\n')
  const ranges = Object.values({ ...packed.dependencies, ...packed.peerDependencies })
  if (ranges.some((range) => String(range).startsWith('workspace:')))
    problems.push(`${tarball}: workspace: range left in`)
  if (files.some((file) => /\.test\.|\/src\//.test(file))) problems.push(`${tarball}: ships tests or sources`)
  for (const target of Object.values(packed.exports)) {
    for (const file of target && typeof target === 'object'
      ? Object.values(target)
      : [target].filter(Boolean)) {
      if (!existsSync(join(unpacked, 'package', file))) problems.push(`${tarball}: export ${file} missing`)
    }
  }
  summary.push({ name: packed.name, version: packed.version, tarball, files: files.length })
}
console.table(summary)
rmSync(scratch, { recursive: true, force: true })
if (problems.length) {
  console.error(`release:dry found problems:\n- ${problems.join('\n- ')}`)
  process.exit(1)
}
console.info('release:dry: versions applied and every package packed cleanly; nothing was published.')
