// The devnet runs a long session's emulation in a worker thread, so its one event loop keeps
// answering other clients while a block executes (a looping session paid for the block's gas limit
// is seconds of WebAssembly that cannot yield). The worker runs the same `emulateSession` on a
// structured clone of the same parameters: the result is the same, only the thread differs.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import {
  type EmulateSessionParameters,
  type EmulateSessionReturnType,
  emulateSession,
} from '../emulator/emulateSession.js'

/** Sessions allowed less gas run in the devnet's own thread: a loop spends 10^10 gas in 0.5 s. */
export const offThreadGas = 10_000_000_000n

const tag = 'casper-multisig devnet emulation'

type Reply = { ok: true; result: EmulateSessionReturnType } | { ok: false; message: string }

/**
 * `emulateSession`, in a worker thread when the session may spend at least {@link offThreadGas};
 * in this thread when it may not, or when no worker can be started (then as before, blocking).
 * An error the emulator throws is rethrown here with its message.
 *
 * @example
 * ```ts
 * const result = await emulateOffThread({ wasm, args: [], account, signers, chainspec, gasLimit: 10n ** 12n })
 * result.gas.total // as emulateSession reports it
 * ```
 */
export async function emulateOffThread(
  parameters: EmulateSessionParameters & { gasLimit: bigint },
): Promise<EmulateSessionReturnType> {
  if (parameters.gasLimit < offThreadGas) return emulateSession(parameters)
  // A worker that could not run (no module URL, no loader, no clone): the emulation runs here.
  return (await emulateInWorker(parameters)) ?? emulateSession(parameters)
}

/**
 * `emulateSession` in a new worker thread that loads this module, or `undefined` when no worker
 * could run it. An error the emulator throws is rethrown here with its message.
 *
 * @example
 * ```ts
 * const result = await emulateInWorker({ wasm, args: [], account, signers, chainspec })
 * result?.gas.total // as emulateSession reports it
 * ```
 */
export async function emulateInWorker(
  parameters: EmulateSessionParameters,
): Promise<EmulateSessionReturnType | undefined> {
  const url = moduleUrl()
  if (url === undefined) return undefined
  // From the TypeScript sources (tests, tsx) the worker first registers tsx's loader to read them.
  const target = JSON.stringify(url.href)
  const source = url.pathname.endsWith('.ts')
    ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${target}) })`
    : `import(${target})`
  const reply = await new Promise<Reply | undefined>((resolve) => {
    let worker: Worker
    try {
      worker = new Worker(source, { eval: true, workerData: { tag, parameters } })
    } catch {
      resolve(undefined)
      return
    }
    worker.once('message', (message: Reply) => resolve(message))
    worker.once('error', () => resolve(undefined))
    worker.once('exit', () => resolve(undefined))
  })
  if (reply === undefined) return undefined
  if (!reply.ok) throw new Error(reply.message)
  return reply.result
}

/** This module's URL, or undefined where a bundle gives none (CommonJS). */
function moduleUrl(): URL | undefined {
  try {
    return typeof import.meta.url === 'string' ? new URL(import.meta.url) : undefined
  } catch {
    return undefined
  }
}

// In the worker: run the emulation once and post the result back.
if (!isMainThread && (workerData as { tag?: unknown } | null)?.tag === tag) {
  const { parameters } = workerData as { parameters: EmulateSessionParameters }
  emulateSession(parameters).then(
    (result) => parentPort?.postMessage({ ok: true, result } satisfies Reply),
    (error: unknown) =>
      parentPort?.postMessage({
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies Reply),
  )
}
