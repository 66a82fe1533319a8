// Every ```ts block of README.md and docs/*.md type-checks, on its own, as an ES module a reader
// pastes: its imports from casper-multisig, casper-multisig/cosign and casper-multisig/devnet
// resolve to the source, under the project's strict compiler options. All blocks are checked in
// one TypeScript program, so the check costs one type-check of the library.
import ts from 'typescript'
import { describe, expect, test } from 'vitest'
import {
  allBlocks,
  checkBlocks,
  type DocBlock,
  extractBlocks,
  formatDiagnostics,
  virtualPath,
} from './docBlocks.js'

const blocks = allBlocks()

// Two blocks the checker must refuse, checked in the same program: a name the package does not
// export, and a value of the wrong type for a documented option. They show that the imports
// resolve to the source and that a wrong block fails.
const wrong: DocBlock[] = [
  {
    file: 'wrong-export.md',
    line: 1,
    code: "import { notAnExport } from 'casper-multisig'\nnotAnExport()\n",
  },
  {
    file: 'wrong-option.md',
    line: 1,
    code: "import { startDevnet } from 'casper-multisig/devnet'\nawait startDevnet({ blockIntervalMs: 'fast' })\n",
  },
]

const { diagnostics, global } = checkBlocks([...blocks, ...wrong])

describe('code blocks in README.md and docs/*.md', () => {
  test('the docs have TypeScript blocks, README.md among them', () => {
    expect(blocks.length).toBeGreaterThan(10)
    expect(blocks.some((b) => b.file === 'README.md')).toBe(true)
  })

  test('the compiler options are valid', () => {
    expect(global.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([])
  })

  test.each(blocks.map((block) => [`${block.file}:${block.line}`, block] as const))(
    '%s type-checks',
    (_, block) => {
      const found = diagnostics.get(virtualPath(block)) ?? []
      expect(found, formatDiagnostics(block, found)).toHaveLength(0)
    },
  )

  test('a block with a name the package does not export, or a wrong option, fails', () => {
    const [exportBlock, optionBlock] = wrong as [DocBlock, DocBlock]
    expect(diagnostics.get(virtualPath(exportBlock))!.map((d) => d.code)).toContain(2305)
    expect(diagnostics.get(virtualPath(optionBlock))!.map((d) => d.code)).toContain(2322)
  })

  test('blocks are found with the line of their opening fence, other languages skipped', () => {
    const markdown = [
      '# t',
      '```sh',
      'ls',
      '```',
      '',
      '```ts',
      'const a = 1',
      '```',
      '```typescript',
      'x',
      '```',
    ].join('\n')
    expect(extractBlocks('t.md', markdown)).toEqual([
      { file: 't.md', line: 6, code: 'const a = 1\n' },
      { file: 't.md', line: 9, code: 'x\n' },
    ])
  })
})
