// casper-js-sdk is an adapter and a test oracle only: no entry of the package (the library, the
// cosign entry, the devnet, the CLI, the page) reaches it, so nothing it computes decides what is
// shown or hashed, and none of its exceptions (a stack trace for a repeated arg name, a refused
// hash for a non-ASCII name) can reach a user.
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { expect, test } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const entries = [
  'src/index.ts',
  'src/cosign/index.ts',
  'src/devnet/index.ts',
  'src/cli/main.ts',
  'src/page/cosignPage.ts',
]

test.each(entries)('%s does not import casper-js-sdk or src/deploy/sdk.ts', async (entry) => {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const inputs = result.metafile.inputs
  expect(Object.keys(inputs)).not.toContain('src/deploy/sdk.ts')
  const sdkImports = Object.entries(inputs).flatMap(([file, input]) =>
    input.imports.filter((i) => i.path.startsWith('casper-js-sdk')).map(() => file),
  )
  expect(sdkImports).toEqual([])
  // The check sees imports at all: the entry pulls in its own modules.
  expect(Object.keys(inputs).length).toBeGreaterThan(3)
})
