// The built CLI run as a subprocess: what the command-line tests and scripts/doc-samples.ts run.
// Free of vitest, so a script can use it; test/cli/cliKit.ts removes the bundle after each test file.
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'

export type Run = { code: number; out: string; err: string }

const root = resolve(import.meta.dirname, '../..')
let built: Promise<string> | undefined
let builtDir: string | undefined

/**
 * The CLI built as the package builds its bin (tsup's esbuild: ESM for node18 with code splitting,
 * the dependencies left to node_modules), once per test file, under node_modules/.cache.
 */
export function builtCli(): Promise<string> {
  built ??= (async () => {
    const dir = join(
      root,
      'node_modules',
      '.cache',
      'casper-multisig-cli',
      `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    )
    mkdirSync(dir, { recursive: true })
    builtDir = dir
    await build({
      entryPoints: [join(root, 'src/cli/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node18',
      packages: 'external',
      // As tsup builds the bin: ESM with code splitting, so a command loads only what it uses.
      splitting: true,
      outdir: dir,
      logLevel: 'silent',
    })
    return join(dir, 'main.js')
  })()
  return built
}

/** Options of {@link cli}. */
export type CliOptions = {
  /** Written to the CLI's standard input, then closed (default: nothing, closed). */
  stdin?: string | Uint8Array | undefined
  /** Added to the environment (CASPER_NODE_ADDRESS is removed unless given here). */
  env?: Record<string, string> | undefined
  cwd?: string | undefined
}

/**
 * Runs `casper-multisig ARGS` as a subprocess of the built CLI (asynchronously, so a devnet in this
 * process keeps answering) and resolves with its exit code, stdout and stderr (final newline trimmed).
 */
export async function cli(args: readonly string[], options: CliOptions = {}): Promise<Run> {
  const main = await builtCli()
  const { CASPER_NODE_ADDRESS: _, ...env } = process.env
  const child = spawn(process.execPath, [main, ...args], {
    cwd: options.cwd ?? root,
    env: { ...env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const out: Buffer[] = []
  const err: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
  child.stdin.on('error', () => {})
  child.stdin.end(options.stdin ?? '')
  const code = await new Promise<number>((done, fail) => {
    child.on('error', fail)
    child.on('close', (status) => done(status ?? -1))
  })
  const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8').replace(/\n$/, '')
  return { code, out: text(out), err: text(err) }
}

/** {@link cli} with the arguments spread, for short calls. */
export function run(...args: string[]): Promise<Run> {
  return cli(args)
}

/** Removes the bundle {@link builtCli} made, if any (the next call builds it again). */
export function removeBuiltCli(): void {
  if (builtDir) rmSync(builtDir, { recursive: true, force: true })
  builtDir = undefined
  built = undefined
}
