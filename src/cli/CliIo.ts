// Where the command line writes: injectable so tests run commands in-process.

/** Where the CLI writes; `process.stdout` / `process.stderr` by default. Each call is one line. */
export type CliIo = { out: (line: string) => void; err: (line: string) => void }

/** The process's own stdout and stderr. */
export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}
