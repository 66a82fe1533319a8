// One flag of a command: how it is parsed and how its line in the command's --help reads.

/**
 * One flag, as `parseArgs` reads it (`type`, `short`, `multiple`) and as `--help` shows it: on a
 * line of its own with its `description`; or, as `aliasOf`, another name of a flag whose
 * description names it ("also --node-address"); or, as `sameLineAs`, printed after another flag on
 * that flag's line, which describes both ("--label KEY=NAME, --labels FILE   names for keys").
 *
 * @example
 * ```ts
 * const node: CommandOption = { type: 'string', short: 'n', value: 'URL', description: 'the node' }
 * ```
 */
export type CommandOption = {
  type: 'string' | 'boolean'
  /** One letter: `-n` for `--node`. */
  short?: string
  /** Repeatable: every value is kept, in order. */
  multiple?: boolean
  /** What the value is called in the usage (`URL`, `FILE`); string options only. */
  value?: string
} & (
  | {
      /** What the flag does, printed after it; a `\n` starts a continuation line, aligned with the first. */
      description: string
    }
  | {
      /** The long name of the flag this one is another name for; that flag's description names this one. */
      aliasOf: string
    }
  | {
      /** The long name of the flag whose line this one is printed on, after it. */
      sameLineAs: string
    }
)

/** A command's flags by long name (`node` for `--node`), in the order `--help` lists them. */
export type CommandOptions = Readonly<Record<string, CommandOption>>
