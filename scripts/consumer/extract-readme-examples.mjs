// Copies the TypeScript examples out of every package README into scripts/consumer/readme/, where
// `pnpm check:packages` compiles them against the built packages (dist .d.ts through package.json
// exports), as a user's project would. An example that drifts from the API stops the check.
//
// The convention, in a README's fences:
// - ```ts and ```tsx blocks are examples. Each one is its own ES module, so top-level await works and
//   names never clash between blocks. Declare what the example takes from outside with `declare const`.
// - ```ts continued (or ```tsx continued) goes on from the block before it in the same README: the two
//   compile as one module, so a later section can keep using the `ringlane` made earlier.
// - ```ts skip (or ```tsx skip) is shown but never compiled: a sketch with placeholders. Use it rarely.
// - Any other fence (```sh, ```text, ```json) is not TypeScript and is left alone.
//
// The generated folder is not committed (scripts/consumer/.gitignore): the READMEs are the source.
// Besides the examples it holds node_modules links to the third-party packages examples import
// (`pg`, `mysql2`, `twilio`, `react`...), taken from where the workspace installed them for the
// packages that use them, so the consumer package needs no dependencies of its own for them.
// Run alone with `node scripts/consumer/extract-readme-examples.mjs`; check:packages runs it first.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { publishedPackages, root } from '../workspace.mjs'

export const outDir = join(root, 'scripts/consumer/readme')

const fence = /^```(\S*)(.*)$/

/** The README's examples as modules: each with its lines and, for each line, where it came from. */
export const modulesOf = (readme) => {
  const text = readFileSync(join(root, readme), 'utf8').split('\n')
  const modules = []
  let block = null
  for (const [index, line] of text.entries()) {
    const match = fence.exec(line)
    if (block) {
      if (line.startsWith('```')) {
        if (!block.skip) {
          const previous = modules.at(-1)
          if (block.continued && !previous)
            throw new Error(`${readme}:${block.start}: a continued block needs an example before it`)
          if (block.continued) {
            previous.lines.push(...block.lines)
            if (block.tsx) previous.tsx = true
          } else modules.push({ start: block.start, tsx: block.tsx, lines: block.lines })
        }
        block = null
      } else block.lines.push([line, index + 1])
    } else if (match) {
      const [, language, rest] = match
      const words = rest.trim().split(/\s+/).filter(Boolean)
      if (language === 'ts' || language === 'tsx') {
        const unknown = words.filter((word) => word !== 'continued' && word !== 'skip')
        if (unknown.length > 0)
          throw new Error(
            `${readme}:${index + 1}: unknown fence word ${unknown.join(', ')} (continued, skip)`,
          )
        block = {
          start: index + 1,
          tsx: language === 'tsx',
          continued: words.includes('continued'),
          skip: words.includes('skip'),
          lines: [],
        }
      } else block = { skip: true, lines: [] }
    }
  }
  if (block) throw new Error(`${readme}: a code fence is never closed`)
  return modules
}

/** Links a package the examples import into readme/node_modules, from the first package that has it. */
const linkFrom = (packageDir, name, linked) => {
  if (linked.has(name)) return
  const installed = join(packageDir, 'node_modules', name)
  if (!existsSync(installed)) return
  const target = join(outDir, 'node_modules', name)
  mkdirSync(dirname(target), { recursive: true })
  symlinkSync(realpathSync(installed), target, 'dir')
  linked.add(name)
}

/**
 * Writes every example of every package README into readme/, with the links they need. Returns one
 * entry per written file: its path and, per line, the README line it came from (0 for the header).
 */
export const extractReadmeExamples = () => {
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  const written = []
  for (const { dir } of publishedPackages()) {
    const readme = join(dir, 'README.md')
    if (!existsSync(join(root, readme))) continue
    const slug = dir.split('/').at(-1)
    for (const [index, module] of modulesOf(readme).entries()) {
      const file = join(outDir, `${slug}-${String(index + 1).padStart(2, '0')}.${module.tsx ? 'tsx' : 'ts'}`)
      const header = `// From ${readme}:${module.start}, by scripts/consumer/extract-readme-examples.mjs. Edit the README.`
      writeFileSync(file, `${[header, ...module.lines.map(([line]) => line)].join('\n')}\n`)
      written.push({ file, readme, lines: [0, ...module.lines.map(([, at]) => at)] })
    }
  }
  // Third-party imports resolve like a user's: from node_modules next to the examples.
  const linked = new Set()
  for (const { dir, manifest } of publishedPackages()) {
    const names = Object.keys({ ...manifest.peerDependencies, ...manifest.dependencies })
    for (const name of names.filter((n) => !n.startsWith('@ringlane/'))) {
      linkFrom(join(root, dir), name, linked)
      linkFrom(join(root, dir), `@types/${name.replace(/^@([^/]+)\//, '$1__')}`, linked)
    }
  }
  return written
}

/** Rewrites tsc's `readme/x-01.ts(12,5)` positions to the README line the code came from. */
export const toReadmePositions = (output, written) => {
  const byFile = new Map(
    written.map((entry) => [relative(join(root, 'scripts/consumer'), entry.file), entry]),
  )
  return output.replace(/^(readme\/[^(\s]+)\((\d+),(\d+)\)/gm, (whole, file, line, column) => {
    const entry = byFile.get(file)
    const at = entry?.lines[Number(line) - 1]
    return at ? `${entry.readme}:${at}:${column} (${file})` : whole
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const written = extractReadmeExamples()
  const readmes = new Set(written.map((entry) => entry.readme))
  console.info(`${written.length} examples from ${readmes.size} READMEs in ${relative(root, outDir)}/`)
}
