// The packed package type-checks in a project of its own under every TypeScript `moduleResolution`
// README.md names ("TypeScript settings"): node10, node16, nodenext and bundler, each with
// `skipLibCheck: false`. The tarball `npm pack` writes is unpacked into a temporary node_modules (its
// dependencies linked from this repository's), and tsc checks a file importing the three entries.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'casper-multisig-types-'))
let failed = false
try {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
      cwd: root,
      encoding: 'utf8',
    }),
  ) as [{ filename: string }]
  const modules = join(dir, 'node_modules')
  mkdirSync(join(modules, 'casper-multisig'), { recursive: true })
  execFileSync('tar', [
    '-xzf',
    join(dir, packed.filename),
    '-C',
    join(modules, 'casper-multisig'),
    '--strip-components=1',
  ])
  for (const name of ['micro-packed', '@types'])
    symlinkSync(join(root, 'node_modules', name), join(modules, name))

  // Types only: each import is used in a type position and a value position.
  const code = [
    "import { parsePublicKey, type ReconfigurationPlan } from 'casper-multisig'",
    "import { parseCosignFile, type CosignFile } from 'casper-multisig/cosign'",
    "import { startDevnet, type Devnet } from 'casper-multisig/devnet'",
    'export const used: [typeof parsePublicKey, typeof parseCosignFile, typeof startDevnet] = [parsePublicKey, parseCosignFile, startDevnet]',
    'export type Used = [ReconfigurationPlan, CosignFile, Devnet]',
    '',
  ].join('\n')
  const settings = [
    { moduleResolution: 'node10', module: 'commonjs' },
    // node16 cannot `require` an ES module: the CommonJS declarations name no ESM-only package
    // (the cosign entry's coders are typed as its own `Coder`, not micro-packed's `CoderType`).
    { moduleResolution: 'node16', module: 'node16' },
    { moduleResolution: 'nodenext', module: 'nodenext' },
    { moduleResolution: 'bundler', module: 'esnext' },
  ]
  for (const setting of settings) {
    const project = join(dir, setting.moduleResolution)
    mkdirSync(project)
    writeFileSync(join(project, 'index.ts'), code)
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          skipLibCheck: false,
          ...setting,
          target: 'es2022',
          strict: true,
          noEmit: true,
          types: ['node'],
        },
        files: ['index.ts'],
      }),
    )
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], {
        encoding: 'utf8',
      })
      console.log(`moduleResolution ${setting.moduleResolution}: ok`)
    } catch (error) {
      const { stdout } = error as { stdout: string }
      console.error(`FAIL: moduleResolution ${setting.moduleResolution}:\n${stdout}`)
      failed = true
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
if (failed) process.exit(1)
