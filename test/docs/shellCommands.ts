// The command lines of the docs' shell blocks, read as a POSIX shell splits them (quotes, `\`
// continuations, comments, here-documents, `$( … )`, pipes and lists), and checked against the
// CLI's own command table and flag definitions, and package.json's scripts. Nothing is run.
import type { Command } from '../../src/cli/Command.js'
import type { CommandOptions } from '../../src/cli/CommandOption.js'

/** One simple command of a block: its words, and the line of the block it starts on (1-based). */
export type ShellCommand = { line: number; words: string[] }

/** The languages whose blocks are shell scripts; `console` blocks prefix each command with `$ `. */
export const shellLanguages = ['sh', 'bash', 'shell', 'console'] as const

/** Words that start a compound command or a list item, before the command itself. */
const keywords = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', 'time', '{'])

/**
 * The simple commands of a shell block. A `console` block's commands are its lines that start with
 * `$ ` (the rest is output). A usage line (one with `[-…`, as docs/cli.md prints each command's
 * synopsis, going on in indented lines that start with `[`) is one command whose `|` are
 * alternatives, not pipes; its `[`, `]` and `...` are dropped.
 */
export function shellCommands(code: string, console = false): ShellCommand[] {
  const source = code.split('\n')
  const lines: { line: number; text: string }[] = []
  for (let i = 0; i < source.length; i++) {
    let text = source[i]!
    if (console) {
      if (!text.startsWith('$ ')) continue
      text = text.slice(2)
    }
    const line = i + 1
    // A here-document's body is data, not commands.
    const heredoc = /<<-?\s*['"]?(\w+)['"]?/.exec(text)
    while (text.endsWith('\\') && i + 1 < source.length) text = `${text.slice(0, -1)} ${source[++i]}`
    // A usage line goes on in indented lines of more `[…]`.
    if (/\[-/.test(text)) while (/^\s+\[/.test(source[i + 1] ?? '')) text = `${text} ${source[++i]}`
    lines.push({ line, text })
    if (heredoc) while (i + 1 < source.length && source[++i]!.trim() !== heredoc[1]) {}
  }
  return lines.flatMap(({ line, text }) => {
    if (/\[-/.test(text)) {
      const words = tokens(text, true).flatMap((t) =>
        t.kind === 'word' ? [t.text.replace(/^\[+/, '').replace(/(\]|\.\.\.)+$/, '')] : [],
      )
      return [{ line, words: words.filter((w) => w !== '') }]
    }
    const commands: ShellCommand[] = []
    let words: string[] = []
    let redirect = false
    const end = () => {
      while (words.length > 0 && (keywords.has(words[0]!) || /^\w+=/.test(words[0]!))) words.shift()
      if (words.length > 0) commands.push({ line, words })
      words = []
    }
    for (const token of tokens(text, false)) {
      if (token.kind === 'redirect') redirect = true
      else if (token.kind === 'operator') end()
      else if (redirect) redirect = false
      else words.push(token.text)
    }
    end()
    return commands
  })
}

type Token = { kind: 'word' | 'operator' | 'redirect'; text: string }

/** The words and operators of one line, quotes removed; `$( … )` opens and closes a list. */
function tokens(text: string, usage: boolean): Token[] {
  const out: Token[] = []
  let word: string | undefined
  let depth = 0
  const flush = () => {
    if (word !== undefined) out.push({ kind: 'word', text: word })
    word = undefined
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1)
      if (close === -1) throw new Error(`unclosed ${c} in: ${text}`)
      word = (word ?? '') + text.slice(i + 1, close)
      i = close
    } else if (/\s/.test(c)) flush()
    else if (c === '#' && word === undefined) break
    else if (c === '$' && text[i + 1] === '(') {
      flush()
      out.push({ kind: 'operator', text: '$(' })
      depth++
      i++
    } else if (c === ')' && depth > 0) {
      flush()
      out.push({ kind: 'operator', text: ')' })
      depth--
    } else if (!usage && (c === '|' || c === ';' || c === '&')) {
      flush()
      out.push({ kind: 'operator', text: c })
      if (text[i + 1] === c) i++
    } else if (!usage && (c === '<' || c === '>')) {
      // `< file`, `> file`, `2> file`, `>> file`, `2>&1`: the next word is no argument.
      if (word !== undefined && /^\d+$/.test(word)) word = undefined
      flush()
      while (text[i + 1] === '<' || text[i + 1] === '>') i++
      if (text[i + 1] === '&') {
        i++
        while (/\d/.test(text[i + 1] ?? '')) i++
      } else out.push({ kind: 'redirect', text: c })
    } else word = (word ?? '') + c
  }
  flush()
  return out
}

/** What a command line is checked against. */
export type CliFacts = {
  /** Each command's flags by name, as `commandTable()` loads them. */
  commands: ReadonlyMap<string, Pick<Command<unknown>, 'options'>>
  /** package.json's script names. */
  scripts: ReadonlySet<string>
}

/** The flags every command takes besides its own: `--help` and `-h` print its usage. */
const everyCommand: CommandOptions = {
  help: { type: 'boolean', short: 'h', description: 'its usage' },
}

/**
 * What is wrong with one documented command line: a `casper-multisig` (or `npx casper-multisig`)
 * command that does not exist or a flag its options do not define, or an `npm run` script that
 * package.json does not have. Other programs are not checked. Empty when the line is right.
 */
export function commandProblems(words: readonly string[], facts: CliFacts): string[] {
  let at = 0
  if (words[0] === 'npx') {
    at = 1
    while (words[at]?.startsWith('-')) at++
  }
  if (words[at] === 'npm') return npmProblems(words.slice(at + 1), facts)
  if (words[at] !== 'casper-multisig') return []
  const [name, ...args] = words.slice(at + 1)
  if (name === undefined || ['--help', '-h', '--version', '-V'].includes(name)) return []
  if (name === 'help') {
    return args[0] === undefined || facts.commands.has(args[0]) ? [] : [`no command ${args[0]}`]
  }
  const command = facts.commands.get(name)
  if (!command) return [`no command ${name}`]
  const options = { ...everyCommand, ...command.options }
  const shorts = new Map(Object.entries(options).flatMap(([long, o]) => (o.short ? [[o.short, long]] : [])))
  const problems: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--') break
    let long: string | undefined
    let inline = false
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      long = arg.slice(2, eq === -1 ? undefined : eq)
      inline = eq !== -1
      if (!(long in options)) {
        problems.push(`${name} has no flag --${long}`)
        continue
      }
    } else if (/^-[A-Za-z]/.test(arg)) {
      // A group of short flags (-qf); a string one takes the rest of the group or the next word.
      for (let j = 1; j < arg.length; j++) {
        long = shorts.get(arg[j]!)
        if (long === undefined) {
          problems.push(`${name} has no flag -${arg[j]}`)
          break
        }
        if (options[long]!.type === 'string') {
          inline = j < arg.length - 1
          break
        }
      }
      if (long === undefined) continue
    } else continue
    if (options[long]!.type === 'string' && !inline) i++
  }
  return problems
}

function npmProblems(args: readonly string[], facts: CliFacts): string[] {
  const [verb, script] = args
  // npm's own shorthands for `npm run test` / `npm run start`.
  if (verb === 'test' || verb === 't' || verb === 'start') {
    const name = verb === 't' ? 'test' : verb
    return facts.scripts.has(name) ? [] : [`package.json has no script ${name}`]
  }
  if (verb !== 'run' && verb !== 'run-script') return []
  if (script === undefined) return ['npm run without a script']
  return facts.scripts.has(script) ? [] : [`package.json has no script ${script}`]
}
