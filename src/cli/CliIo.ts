// Where the command line reads and writes: injectable so commands can run in-process.

import type { LedgerTransport } from '../ledger/LedgerTransport.js'

/**
 * Where the CLI writes; `process.stdout` / `process.stderr` by default. `out` and `err` take one
 * line each. `env` is where `CASPER_NODE_ADDRESS` is read; `progress` (only when stderr is a
 * terminal) redraws one status line in place. `openLedger` replaces the USB transport `--ledger`
 * opens (tests give an in-process device; it is not reachable from the command line).
 */
export type CliIo = {
  out: (line: string) => void
  err: (line: string) => void
  env?: Readonly<Record<string, string | undefined>> | undefined
  progress?: ((line: string) => void) | undefined
  openLedger?: (() => Promise<LedgerTransport & { close?: () => Promise<void> }>) | undefined
}

/** The process's own stdout, stderr and environment; `progress` only when stderr is a terminal. */
export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  ...(process.stderr.isTTY ? { progress: (line: string) => process.stderr.write(`\r\u001b[2K${line}`) } : {}),
}
