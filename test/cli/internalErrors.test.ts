// Whatever is thrown, the CLI prints one line and a remedy: never a stack trace, never a control
// character, never a node password.
import { describe, expect, test } from 'vitest'
import { main } from '../../src/cli/main.js'
import { reportError } from '../../src/cli/runCommand.js'

const hostileProxy = new Proxy(
  {},
  {
    get() {
      throw new Error('get')
    },
    has() {
      throw new Error('has')
    },
    getPrototypeOf() {
      throw new Error('getPrototypeOf')
    },
  },
)
const throwingMessage = Object.defineProperty(new Error('x'), 'message', {
  get() {
    throw new Error('no message')
  },
})

const thrown: [string, unknown][] = [
  ['an Error with controls', new Error('bad\n\u001b[2Jthing\u202e')],
  [
    'a TypeError quoting a node address',
    new TypeError('fetch http://alice:s3cret@127.0.0.1:1/rpc?token=abc'),
  ],
  ['a string', 'plain string\r\nsecond line'],
  ['a number', 42],
  ['null', null],
  ['undefined', undefined],
  ['a symbol', Symbol('sym')],
  ['an object without a prototype', Object.create(null)],
  [
    'an object whose toString throws',
    {
      toString() {
        throw new Error('nope')
      },
    },
  ],
  ['a Proxy that throws on every trap', hostileProxy],
  ['an Error whose message getter throws', throwingMessage],
  ['a very long message', new Error('x'.repeat(100_000))],
]

describe('reportError: any thrown value', () => {
  test.each(thrown)('%s', (_, value) => {
    const err: string[] = []
    const code = reportError(value, { out: () => expect.fail('nothing on stdout'), err: (l) => err.push(l) })
    expect(code).toBe(1)
    const text = err.join('\n')
    const lines = text.split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^Internal error \[INTERNAL\]: /)
    expect(lines[0]!.length).toBeLessThan(700)
    expect(lines[1]).toMatch(/^Remedy: This is a bug in casper-multisig/)
    expect(text).not.toMatch(/\s+at \S+ \(|\.ts:\d+|\.js:\d+/)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the check
    expect(lines.join('')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
    expect(text).not.toMatch(/s3cret|token=abc/)
  })
})

test('main: a failure outside any command is reported the same way', async () => {
  const err: string[] = []
  const io = {
    out: () => {
      throw new TypeError('stdout is gone')
    },
    err: (l: string) => err.push(l),
  }
  const { code } = await main(['--version'], io)
  expect(code).toBe(1)
  expect(err.join('\n')).toMatch(/^Internal error \[INTERNAL\]: TypeError: stdout is gone\nRemedy: /)
})
