// Every ```sh / ```bash / ```shell / ```console block of README.md and docs/*.md names commands and
// flags the CLI has: each `casper-multisig <command> …` (or `npx casper-multisig …`) line is read as
// the shell splits it and checked against the CLI's command table and each command's flag
// definitions (the ones it parses), each `npm run X` against package.json's scripts. Nothing is
// run. Every ```json block parses as JSON.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { commandTable } from '../../src/cli/main.js'
import { allBlocks, type DocBlock, extractBlocks, root } from './docBlocks.js'
import {
  type CliFacts,
  commandProblems,
  type ShellCommand,
  shellCommands,
  shellLanguages,
} from './shellCommands.js'

const shellBlocks = (['sh', 'bash', 'shell'] as const).flatMap((lang) =>
  allBlocks([lang]).map((block) => ({ block, console: false })),
)
const consoleBlocks = allBlocks(['console']).map((block) => ({ block, console: true }))
const blocks = [...shellBlocks, ...consoleBlocks]
const jsonBlocks = allBlocks(['json'])

let facts: CliFacts

beforeAll(async () => {
  const commands = new Map(
    await Promise.all(commandTable().map(async (entry) => [entry.name, await entry.load()] as const)),
  )
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts
  facts = { commands, scripts: new Set(Object.keys(scripts)) }
})

/** Each problem of a block as `docs/cli.md:143 sign has no flag --bogus`. */
function blockProblems(block: DocBlock, console: boolean): string[] {
  return shellCommands(block.code, console).flatMap(({ line, words }) =>
    commandProblems(words, facts).map((problem) => `${block.file}:${block.line + line} ${problem}`),
  )
}

const invokes = (command: ShellCommand) =>
  command.words.includes('casper-multisig') || command.words[0] === 'npm'

describe('shell blocks in README.md and docs/*.md', () => {
  test('the docs have shell blocks that run the CLI, README.md among them', () => {
    const running = blocks.filter(({ block, console }) => shellCommands(block.code, console).some(invokes))
    expect(running.length).toBeGreaterThan(10)
    expect(running.some(({ block }) => block.file === 'README.md')).toBe(true)
  })

  test.each(blocks.map(({ block, console }) => [`${block.file}:${block.line}`, block, console] as const))(
    '%s names commands, flags and scripts that exist',
    (_, block, console) => {
      expect(blockProblems(block, console)).toEqual([])
    },
  )

  test('a made-up flag, command or script fails, in a command line and in a usage line', () => {
    const block = (code: string): DocBlock => ({ file: 'wrong.md', line: 10, code })
    expect(
      blockProblems(block('casper-multisig sign deploy.json -k key.pem --made-up-flag\n'), false),
    ).toEqual(['wrong.md:11 sign has no flag --made-up-flag'])
    expect(blockProblems(block('ls\nnpx casper-multisig frobnicate -n x\n'), false)).toEqual([
      'wrong.md:12 no command frobnicate',
    ])
    expect(blockProblems(block('npm ci && npm run no-such-script\n'), false)).toEqual([
      'wrong.md:11 package.json has no script no-such-script',
    ])
    expect(
      blockProblems(block('casper-multisig merge FILE FILE... -o FILE [--force] [--shout]\n'), false),
    ).toEqual(['wrong.md:11 merge has no flag --shout'])
    expect(
      blockProblems(
        block('casper-multisig plan --node URL [--target FILE]\n    [--force] [--shout]\n'),
        false,
      ),
    ).toEqual(['wrong.md:11 plan has no flag --shout'])
    expect(blockProblems(block('$ casper-multisig status f.json -Z\nStatus: -Z is output\n'), true)).toEqual([
      'wrong.md:11 status has no flag -Z',
    ])
  })

  test('command lines are split as the shell splits them; values, data and output are not flags', () => {
    const code = [
      '#!/bin/sh',
      'cat > t.json <<EOF',
      'casper-multisig not-a-command',
      'EOF',
      'for who in a b; do casper-multisig keygen $who; done  # --comment',
      'H=$(casper-multisig send m.json --json | sed -n \'s/"\\(.*\\)"/\\1/p\')',
      'casper-multisig call --session-arg "x:string=\'--not-a-flag\'" \\',
      '  -o - < in.json > out.json 2>&1',
    ].join('\n')
    expect(shellCommands(code)).toEqual([
      { line: 2, words: ['cat'] },
      { line: 5, words: ['for', 'who', 'in', 'a', 'b'] },
      { line: 5, words: ['casper-multisig', 'keygen', '$who'] },
      { line: 5, words: ['done'] },
      { line: 6, words: ['casper-multisig', 'send', 'm.json', '--json'] },
      { line: 6, words: ['sed', '-n', 's/"\\(.*\\)"/\\1/p'] },
      { line: 7, words: ['casper-multisig', 'call', '--session-arg', "x:string='--not-a-flag'", '-o', '-'] },
    ])
    expect(commandProblems(shellCommands(code)[6]!.words, facts)).toEqual([])
    expect(shellCommands('$ casper-multisig --version\ncasper-multisig 1.0.0\n', true)).toEqual([
      { line: 1, words: ['casper-multisig', '--version'] },
    ])
    expect(extractBlocks('t.md', '```console\n$ ls\n```\n', shellLanguages)).toEqual([
      { file: 't.md', line: 1, code: '$ ls\n' },
    ])
  })
})

/** Why a ```json block is not JSON, as `docs/cli.md:252 Unexpected token …`; undefined when it is. */
function jsonProblem(block: DocBlock): string | undefined {
  try {
    JSON.parse(block.code)
    return undefined
  } catch (error) {
    return `${block.file}:${block.line} ${error instanceof Error ? error.message : String(error)}`
  }
}

describe('json blocks in README.md and docs/*.md', () => {
  test.each(jsonBlocks.map((block) => [`${block.file}:${block.line}`, block] as const))(
    '%s is JSON',
    (_, block) => {
      expect(jsonProblem(block)).toBeUndefined()
    },
  )

  test('a block with a comment, a trailing comma or a bare placeholder is not JSON', () => {
    for (const code of ['{ "a": 1 // one\n}\n', '{ "a": 1, }\n', '{ "key": 01d9…900c }\n']) {
      expect(jsonProblem({ file: 'wrong.md', line: 3, code })).toMatch(/^wrong\.md:3 /)
    }
  })
})
