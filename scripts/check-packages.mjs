// publint (strict) and Are The Types Wrong on every built package; any finding fails the run.
// attw uses the esm-only profile: the packages are ESM-only on purpose (docs/decisions/0002).
// Then a consumer's code and every README's TypeScript examples compile against the built .d.ts.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { extractReadmeExamples, toReadmePositions } from './consumer/extract-readme-examples.mjs'
import { publishedPackages, root } from './workspace.mjs'

const bin = (name) => join(root, 'node_modules/.bin', name)
const failures = []
for (const { dir, manifest } of publishedPackages()) {
  const cwd = join(root, dir)
  if (!existsSync(join(cwd, 'dist'))) {
    failures.push(`${manifest.name}: not built (run pnpm build first)`)
    continue
  }
  for (const [tool, args] of [
    ['publint', ['--strict', '--pack', 'pnpm']],
    ['attw', ['--pack', '.', '--profile', 'esm-only', '--format', 'ascii']],
  ]) {
    const run = spawnSync(bin(tool), args, { cwd, encoding: 'utf8' })
    if (run.status === 0) {
      console.info(`ok  ${manifest.name}: ${tool}`)
    } else {
      console.error(`✗   ${manifest.name}: ${tool}\n${`${run.stdout}${run.stderr}`.trim()}`)
      failures.push(`${manifest.name}: ${tool} found problems`)
    }
  }
}
// Last, compile a consumer against the built declarations, as a user's project would see them.
const consumer = spawnSync(bin('tsc'), ['-p', join(root, 'scripts/consumer/tsconfig.json')], {
  encoding: 'utf8',
})
if (consumer.status === 0) console.info('ok  consumer type-check against the built .d.ts')
else {
  console.error(`✗   consumer type-check against the built .d.ts\n${consumer.stdout}${consumer.stderr}`)
  failures.push('the built declarations do not type-check for a consumer')
}

// The READMEs' examples, each ```ts block a module (scripts/consumer/extract-readme-examples.mjs),
// with errors reported at the README line they come from.
const examples = extractReadmeExamples()
const readmes = spawnSync(bin('tsc'), ['-p', 'tsconfig.readme.json', '--pretty', 'false'], {
  cwd: join(root, 'scripts/consumer'),
  encoding: 'utf8',
})
if (readmes.status === 0) {
  const count = new Set(examples.map((example) => example.readme)).size
  console.info(
    `ok  ${examples.length} README examples from ${count} READMEs type-check against the built .d.ts`,
  )
} else {
  console.error(`✗   README examples\n${toReadmePositions(`${readmes.stdout}${readmes.stderr}`, examples)}`)
  failures.push('a README example does not compile against the built packages')
}

if (failures.length) {
  console.error(`\ncheck:packages failed:\n- ${failures.join('\n- ')}`)
  process.exit(1)
}
console.info('\ncheck:packages: publint and attw are clean for every package, and the examples compile.')
