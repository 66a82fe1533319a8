// A loopback Casper network in one process: JSON-RPC over node:http, blocks on a timer, real session execution.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAccount as createAccountModel } from '../account/Account.js'
import { accountHashFromPublicKey } from '../account/accountHash.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import { casper15 } from '../chainspec/casper15.js'
import { casperMainnet } from '../chainspec/casperMainnet.js'
import type { ProtocolGeneration } from '../chainspec/ProtocolGeneration.js'
import { parseChainspec } from '../chainspec/parseChainspec.js'
import { chainspecToml } from './chainspecToml.js'
import { DevnetError } from './DevnetError.js'
import { createGenesisState, type DevnetAccount, type DevnetItem, type DevnetState } from './DevnetState.js'
import { devnetChainspec, protocolOf } from './devnetChainspec.js'
import { devnetValidatorOf } from './devnetValidator.js'
import { executeBlock } from './executeBlock.js'
import { handleRpc, purseAddress, type RpcAnswer, type RpcContext } from './handleRpc.js'
import { loadStateFile, saveStateFile } from './persistState.js'

/**
 * Largest request body the devnet reads: casper-node v1.5.8 `rpc_server/config.rs`
 * `DEFAULT_MAX_BODY_BYTES` (also `max_body_bytes` in resources/production/config-example.toml).
 */
export const devnetMaxBodyBytes = 2_621_440

/** Default balance of a new account: 1,000,000 CSPR in motes. */
export const defaultDevnetBalance = 1_000_000n * 1_000_000_000n

/** An account to create at start (skipped when the state file already has it). */
export type DevnetAccountParameters = {
  /** Tagged public key hex (01 + 64 hex or 02 + 66 hex). */
  publicKey: string
  /** Motes; default {@link defaultDevnetBalance}. */
  balance?: bigint | undefined
}

/** Options of {@link startDevnet}. */
export type StartDevnetOptions = {
  /** TCP port; 0 (default) picks a free one. */
  port?: number | undefined
  /** Only loopback is served. */
  host?: '127.0.0.1' | undefined
  /** Default `'casper-devnet'` (or the `[network] name` of a chainspec.toml given as text). */
  chainName?: string | undefined
  /**
   * The network the devnet imitates: a `Chainspec` (e.g. `casper15`), or the text of a casper-node
   * chainspec.toml (kept byte for byte and served by `info_get_chainspec`). Default: mainnet 2.2.0
   * (`casperMainnet`) under the devnet's chain name. Its major version chooses 1.5 or 2.x behaviour.
   */
  chainspec?: Chainspec | string | undefined
  /** Shorthand for a preset chainspec: `'1.5'` is `casper15`, `'2.0'` (default) is `casperMainnet`. */
  protocol?: ProtocolGeneration | undefined
  /** Milliseconds between blocks; default 500. */
  blockIntervalMs?: number | undefined
  /**
   * The devnet's clock, milliseconds since the epoch: block timestamps (and so block hashes), the
   * expiry and future-timestamp checks, uptime. Default `Date.now`. A fixed clock, with blocks made
   * by {@link Devnet.produceBlock} only, makes every hash and height the same run after run.
   */
  now?: (() => number) | undefined
  /** JSON file the state is loaded from at start and saved to after every change. */
  stateFile?: string | undefined
  accounts?: readonly DevnetAccountParameters[] | undefined
  /**
   * Receives the errors nobody else sees: a state file that cannot be written after a block made
   * by the timer (code `StateFile`; the block stands in memory, the file is behind until the next
   * save succeeds), any other failure of such a block (`BlockFailed`), and a request handler that
   * failed (`RequestFailed`; a client that hung up mid-request is not reported). Default: the
   * message is written to `process.stderr`. The devnet keeps running either way.
   */
  onError?: ((error: DevnetError) => void) | undefined
  /** Receives each submission accepted or refused and each block made with its items, for a log. */
  onEvent?: ((event: DevnetEvent) => void) | undefined
}

/** What {@link StartDevnetOptions.onEvent} receives. */
export type DevnetEvent =
  | { type: 'accepted'; method: string; hash: string }
  | { type: 'refused'; method: string; code: number; message: string; data?: unknown }
  | {
      type: 'block'
      height: number
      hash: string
      /** Each executed item with its outcome: `errorMessage` null on success. */
      items: { hash: string; errorMessage: string | null; cost: string; charged: string }[]
    }
  | {
      type: 'funded'
      accountHash: string
      publicKey: string
      amount: bigint
      balance: bigint
      created: boolean
    }

/** A devnet account as `createAccount` returns it. */
export type DevnetAccountInfo = {
  publicKey: string
  /** `account-hash-<64 hex>`. */
  accountHash: string
  mainPurse: string
  balance: bigint
  associatedKeys: Readonly<Record<string, number>>
  actionThresholds: { deployment: number; keyManagement: number }
}

/** A running devnet. */
export type Devnet = {
  /** e.g. `http://127.0.0.1:40123/rpc`. */
  url: string
  port: number
  chainName: string
  protocol: ProtocolGeneration
  /** The chainspec the devnet runs (`info_get_chainspec` serves its TOML text). */
  chainspec: Chainspec
  /** Creates a fresh account (own key weight 1, thresholds 1/1); an existing one is returned unchanged. */
  createAccount(params: DevnetAccountParameters): Promise<DevnetAccountInfo>
  /**
   * Adds `amount` motes to the account's main purse, creating the account first (own key weight 1,
   * thresholds 1/1, balance 0) when it does not exist. Also served as the devnet-only JSON-RPC
   * method `devnet_fund_account` `{ public_key, amount }` (amount in motes, a decimal string).
   */
  fundAccount(params: {
    publicKey: string
    amount: bigint
  }): Promise<DevnetAccountInfo & { created: boolean }>
  /** Makes the next block now (pending items executed), without waiting for the timer. */
  produceBlock(): Promise<{ hash: string; height: number; items: string[] }>
  /** Resolves once the deploy or transaction with this hash has been executed. */
  waitForExecution(hash: string, timeoutMs?: number): Promise<void>
  /** The live state (read it; do not change it). */
  readonly state: DevnetState
  /** Stops the timer and the server, then saves the state. */
  stop(): Promise<void>
}

/** Errors {@link startDevnet} throws. */
export type StartDevnetErrorType = DevnetError

/**
 * Starts a loopback devnet on `http://127.0.0.1:<port>/rpc` that runs a chainspec (default: mainnet
 * 2.2.0 under the chain name `casper-devnet`) and speaks its JSON-RPC: the 2.x sidecar's methods and
 * shapes, or casper-node 1.5.8's for a 1.x chainspec. It accepts deploys and TransactionV1 with the
 * node's acceptance rules (the same rulebook `preflight` runs), executes them every
 * `blockIntervalMs` with the emulator (real Wasm, node gas and texts), charges and refunds as the
 * chainspec says, and keeps accounts, deploys, transactions and results, in `stateFile` too when given.
 *
 * @throws {DevnetError} `InvalidOptions`, `InvalidAccount`, or `StateFile` (unreadable state file).
 * @example
 * ```ts
 * import { startDevnet } from 'casper-multisig/devnet'
 *
 * const devnet = await startDevnet({ blockIntervalMs: 100 }) // mainnet 2.2.0 rules, chain 'casper-devnet'
 * await devnet.createAccount({ publicKey: alicePublicKey })
 * const rpc = new sdk.RpcClient(new sdk.HttpHandler(devnet.url))
 * await rpc.putTransaction(sdk.Transaction.fromTransactionV1(signedTransactionV1))
 * await devnet.stop()
 * ```
 */
export async function startDevnet(options: StartDevnetOptions = {}): Promise<Devnet> {
  const port = options.port ?? 0
  const host = options.host ?? '127.0.0.1'
  const blockIntervalMs = options.blockIntervalMs ?? 500
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw invalidOption('port', 'an integer 0..65535 (0 picks a free port)', port)
  }
  if (host !== '127.0.0.1') throw invalidOption('host', "'127.0.0.1' (the devnet serves loopback only)", host)
  if (!Number.isFinite(blockIntervalMs) || blockIntervalMs < 1) {
    throw invalidOption('blockIntervalMs', 'a number of milliseconds >= 1', blockIntervalMs)
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw invalidOption('now', 'a function returning milliseconds since the epoch', options.now)
  }
  const now = options.now ?? (() => Date.now())
  const loaded = options.stateFile ? loadStateFile(options.stateFile) : undefined
  if (options.protocol !== undefined && options.protocol !== '1.5' && options.protocol !== '2.0') {
    throw invalidOption('protocol', "'1.5' or '2.0'", options.protocol)
  }
  const { toml, chainName } = chainspecText(options, loaded)
  const protocol = protocolOf(parseChainspecOption(toml))
  if (options.protocol !== undefined && options.protocol !== protocol) {
    throw invalidOption(
      'protocol',
      `'${protocol}' (the chainspec's version) or no protocol`,
      options.protocol,
    )
  }
  if (
    loaded &&
    (loaded.chainName !== chainName ||
      loaded.protocol !== protocol ||
      (loaded.chainspecToml !== undefined &&
        options.chainspec !== undefined &&
        loaded.chainspecToml !== toml))
  ) {
    throw new DevnetError('The state file belongs to another chain', {
      code: 'StateFile',
      details: {
        stateFile: options.stateFile,
        expected: `${chainName} (${protocol})`,
        got: `${loaded.chainName} (${loaded.protocol})`,
      },
      remedy: 'Start with the same chain name and protocol, or use another state file.',
    })
  }
  const state = loaded ?? createGenesisState(chainName, protocol, now(), toml)
  state.chainspecToml ??= toml
  const startedAt = now()
  const validator = devnetValidatorOf(chainName)
  let stopped = false
  const save = () => {
    if (options.stateFile) saveStateFile(options.stateFile, state)
  }
  const report = (error: DevnetError) => {
    try {
      if (options.onError) options.onError(error)
      else process.stderr.write(`devnet: ${error.message}\n`)
    } catch {
      // A throwing onError must not take the devnet down with it.
    }
  }

  const emit = (event: DevnetEvent) => {
    try {
      options.onEvent?.(event)
    } catch {
      // A throwing onEvent must not take the devnet down with it.
    }
  }

  const createAccount = (publicKey: string, balance: bigint | undefined): DevnetAccount => {
    if (stopped) throw new DevnetError('The devnet is stopped', { code: 'Stopped' })
    let accountHash: string
    try {
      accountHash = accountHashFromPublicKey(publicKey)
    } catch (cause) {
      throw new DevnetError('Invalid account public key', {
        code: 'InvalidAccount',
        details: { expected: '01 + 64 hex (ed25519) or 02 + 66 hex (secp256k1)', got: publicKey },
        cause,
      })
    }
    if (balance !== undefined && (typeof balance !== 'bigint' || balance < 0n)) {
      throw new DevnetError('Invalid account balance', {
        code: 'InvalidAccount',
        details: { expected: 'motes as a non-negative bigint', got: String(balance) },
      })
    }
    const existing = state.accounts[accountHash]
    if (existing) return existing
    const entry: DevnetAccount = {
      publicKey: publicKey.toLowerCase(),
      account: createAccountModel(accountHash),
      mainPurse: `uref-${purseAddress(accountHash)}-007`,
      balance: balance ?? defaultDevnetBalance,
    }
    state.accounts[accountHash] = entry
    try {
      save()
    } catch (error) {
      // Not saved, not created: memory and file never disagree about what was acknowledged.
      delete state.accounts[accountHash]
      throw error
    }
    return entry
  }
  for (const account of options.accounts ?? []) createAccount(account.publicKey, account.balance)

  const fundAccount = (publicKey: string, amount: bigint) => {
    if (typeof amount !== 'bigint' || amount < 0n) {
      throw new DevnetError('Invalid amount', {
        code: 'InvalidAccount',
        details: { expected: 'motes as a non-negative integer', got: String(amount) },
      })
    }
    const before = state.accounts[accountHashFromPublicKeySafe(publicKey)]
    const entry = createAccount(publicKey, before ? undefined : 0n)
    entry.balance += amount
    try {
      save()
    } catch (error) {
      entry.balance -= amount
      throw error
    }
    const info = { ...accountInfo(entry), created: !before }
    emit({
      type: 'funded',
      accountHash: info.accountHash,
      publicKey: info.publicKey,
      amount,
      balance: entry.balance,
      created: !before,
    })
    return info
  }

  const waiters = new Set<() => void>()
  // Blocks are made one at a time: a block started by the timer finishes before the next starts.
  let producing: Promise<unknown> = Promise.resolve()
  // A block is executed in memory before it is saved, so a save failure cannot undo it: the caller
  // of produceBlock() gets the StateFile error; blocks made by the timer report it to onError.
  const produceBlock = () => {
    const run = producing.then(async () => {
      const block = await executeBlock(state, now())
      if (block.items.length > 0) {
        emit({
          type: 'block',
          height: block.height,
          hash: block.hash,
          items: block.items.map((hash) => {
            const execution = state.items[hash]?.execution
            return {
              hash,
              errorMessage: execution?.errorMessage ?? null,
              cost: String(execution?.cost ?? 0n),
              charged: String(execution?.charged ?? 0n),
            }
          }),
        })
      }
      for (const wake of waiters) wake()
      if (block.items.length > 0) save()
      return { hash: block.hash, height: block.height, items: [...block.items] }
    })
    producing = run.catch(() => undefined)
    return run
  }
  const timer = setInterval(() => {
    produceBlock().catch((error: unknown) =>
      report(asDevnetError(error, 'BlockFailed', 'Block production failed')),
    )
  }, blockIntervalMs)
  timer.unref()

  const context: RpcContext = {
    state,
    startedAt,
    validator,
    now,
    // Queued only once saved: on a save failure the item is taken back out, so the -32603 answer
    // the caller gets and what the next block executes agree.
    accept: (item: DevnetItem) => {
      state.items[item.hash] = item
      state.pending.push(item.hash)
      try {
        save()
      } catch (error) {
        delete state.items[item.hash]
        state.pending.splice(state.pending.lastIndexOf(item.hash), 1)
        throw error
      }
    },
    createAccount,
  }

  const server = createServer((request, response) => {
    // Every failure of a request stays with that request: a client that aborts mid-body makes the
    // body iterator reject (ECONNRESET), which unhandled would end the whole process.
    serve(context, { emit, fundAccount }, request, response).catch((error: unknown) => {
      if (!isClientAbort(error)) {
        report(asDevnetError(error, 'RequestFailed', 'A request to the devnet failed'))
      }
      request.destroy()
      response.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) =>
      reject(
        new DevnetError('Cannot listen', {
          code: 'InvalidOptions',
          details: { host, port },
          cause,
        }),
      ),
    )
    server.listen(port, host, () => resolve())
  })
  const actualPort = (server.address() as AddressInfo).port

  return {
    url: `http://${host}:${actualPort}/rpc`,
    port: actualPort,
    chainName,
    protocol,
    chainspec: devnetChainspec(state),
    state,
    async createAccount(params) {
      return accountInfo(createAccount(params.publicKey, params.balance))
    },
    async fundAccount(params) {
      return fundAccount(params.publicKey, params.amount)
    },
    produceBlock,
    waitForExecution(hash, timeoutMs = 10_000) {
      const normalized = hash.toLowerCase()
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (state.items[normalized]?.execution) {
            cleanup()
            resolve()
          }
        }
        const timeout = setTimeout(() => {
          cleanup()
          reject(
            new DevnetError('Timed out waiting for execution', {
              code: 'InvalidOptions',
              details: { hash, timeoutMs, known: normalized in state.items },
            }),
          )
        }, timeoutMs)
        const cleanup = () => {
          clearTimeout(timeout)
          waiters.delete(check)
        }
        waiters.add(check)
        check()
      })
    },
    async stop() {
      if (stopped) return
      stopped = true
      clearInterval(timer)
      await producing
      await new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
      save()
    },
  }
}

/** What {@link serve} adds around handleRpc: the event log and the devnet-only method. */
type ServeHooks = {
  emit: (event: DevnetEvent) => void
  fundAccount: (publicKey: string, amount: bigint) => DevnetAccountInfo & { created: boolean }
}

async function serve(
  context: RpcContext,
  hooks: ServeHooks,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }
  // A node serves JSON-RPC on /rpc only (casper-node `rpc_server` `RPC_API_PATH`).
  if (request.method !== 'POST' || request.url !== '/rpc') {
    response
      .writeHead(request.method === 'POST' ? 404 : 405, { 'content-type': 'text/plain' })
      .end('POST /rpc')
    return
  }
  const text = await readBody(request, response)
  if (text === undefined) return
  let call: unknown
  try {
    call = JSON.parse(text)
  } catch {
    send(200, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } })
    return
  }
  const envelope = call as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown }
  const id = envelope && typeof envelope === 'object' && 'id' in envelope ? envelope.id : null
  if (
    typeof envelope !== 'object' ||
    envelope === null ||
    Array.isArray(envelope) ||
    envelope.jsonrpc !== '2.0' ||
    typeof envelope.method !== 'string' ||
    !(typeof id === 'string' || typeof id === 'number')
  ) {
    send(200, { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid Request' } })
    return
  }
  const answer: RpcAnswer =
    envelope.method === 'devnet_fund_account'
      ? fundAnswer(hooks, envelope.params)
      : await handleRpc(context, envelope.method, envelope.params)
  if (envelope.method === 'account_put_deploy' || envelope.method === 'account_put_transaction') {
    if ('result' in answer) {
      const result = answer.result as { deploy_hash?: string; transaction_hash?: Record<string, string> }
      const hash = result.deploy_hash ?? Object.values(result.transaction_hash ?? {})[0] ?? ''
      hooks.emit({ type: 'accepted', method: envelope.method, hash })
    } else {
      const { code, message, data } = answer.error as { code: number; message: string; data?: unknown }
      hooks.emit({ type: 'refused', method: envelope.method, code, message, data })
    }
  }
  send(200, { jsonrpc: '2.0', id, ...answer })
}

/**
 * The body as UTF-8, decoded once from all its bytes (a character may straddle two chunks), or
 * `undefined` after answering 413 to a body over {@link devnetMaxBodyBytes}. casper-json-rpc v1.5.8
 * `filters.rs` `base_filter`: warp `content_length_limit`, refused as `BodyTooLarge`, which
 * `handle_rejection` answers with HTTP 413 and `{"message": …}` (`rejections.rs`). The node checks
 * the Content-Length header only; the devnet also counts the bytes of a chunked body.
 */
function readBody(request: IncomingMessage, response: ServerResponse): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    // Listens for errors to the end: a late 'error' without a listener would throw out of the server.
    request.on('error', reject)
    const tooLarge = () => {
      response.writeHead(413, { 'content-type': 'application/json', connection: 'close' }).end(
        JSON.stringify({
          message: `The request payload exceeds the maximum allowed of ${devnetMaxBodyBytes} bytes`,
        }),
      )
      // Reads on and drops what the client still sends, so it gets the answer rather than a reset;
      // node:http closes the socket once the answer is out (connection: close).
      request.removeAllListeners('data')
      request.resume()
      resolve(undefined)
    }
    if (Number(request.headers['content-length'] ?? 0) > devnetMaxBodyBytes) return tooLarge()
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > devnetMaxBodyBytes) return tooLarge()
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')))
    request.on('close', () => {
      if (!request.complete) reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))
    })
  })
}

/** The devnet-only `devnet_fund_account { public_key, amount }`: -32602 for bad params, like the node. */
function fundAnswer(hooks: ServeHooks, params: unknown): RpcAnswer {
  const { public_key: publicKey, amount } = (params ?? {}) as { public_key?: unknown; amount?: unknown }
  if (typeof publicKey !== 'string' || typeof amount !== 'string' || !/^\d+$/.test(amount)) {
    return {
      error: {
        code: -32602,
        message: 'Invalid params',
        data: 'expected { public_key: tagged public key hex, amount: motes as a decimal string }',
      },
    }
  }
  try {
    const info = hooks.fundAccount(publicKey, BigInt(amount))
    return {
      result: {
        account_hash: info.accountHash,
        public_key: info.publicKey,
        main_purse: info.mainPurse,
        balance: info.balance.toString(),
        created: info.created,
      },
    }
  } catch (error) {
    return {
      error: {
        code: -32602,
        message: 'Invalid params',
        data: error instanceof Error ? error.message : String(error),
      },
    }
  }
}

/** The account hash of a public key, or '' when the key is malformed (createAccount then refuses it). */
function accountHashFromPublicKeySafe(publicKey: string): string {
  try {
    return accountHashFromPublicKey(publicKey)
  } catch {
    return ''
  }
}

/** What a client that goes away mid-request makes node:http throw. */
function isClientAbort(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'EPIPE'
}

function asDevnetError(error: unknown, code: 'BlockFailed' | 'RequestFailed', message: string): DevnetError {
  if (error instanceof DevnetError) return error
  return new DevnetError(message, {
    code,
    details: { reason: error instanceof Error ? error.message : String(error) },
    cause: error,
  })
}

function accountInfo(entry: DevnetAccount): DevnetAccountInfo {
  return {
    publicKey: entry.publicKey,
    accountHash: `account-hash-${entry.account.accountHash}`,
    mainPurse: entry.mainPurse,
    balance: entry.balance,
    associatedKeys: entry.account.associatedKeys,
    actionThresholds: {
      deployment: entry.account.actionThresholds.deployment,
      keyManagement: entry.account.actionThresholds.keyManagement,
    },
  }
}

/**
 * The chainspec.toml the devnet runs and its chain name: the text given (kept as is unless
 * `chainName` renames it), a `Chainspec` value or the preset of `protocol` written out under the
 * chain name; a state file's own text when nothing is given.
 */
function chainspecText(
  options: StartDevnetOptions,
  loaded: DevnetState | undefined,
): { toml: string; chainName: string } {
  const given = options.chainspec
  if (given === undefined && loaded?.chainspecToml !== undefined && options.chainName === undefined) {
    return { toml: loaded.chainspecToml, chainName: loaded.chainName }
  }
  if (typeof given === 'string') {
    const parsed = parseChainspecOption(given)
    const chainName = options.chainName ?? parsed.chainName
    return {
      toml: chainName === parsed.chainName ? given : chainspecToml({ ...parsed, chainName }),
      chainName,
    }
  }
  const chainName = options.chainName ?? loaded?.chainName ?? 'casper-devnet'
  const protocol = options.protocol ?? loaded?.protocol ?? '2.0'
  const preset = given ?? (protocol === '1.5' ? casper15 : casperMainnet)
  return { toml: chainspecToml({ ...preset, chainName }), chainName }
}

function parseChainspecOption(toml: string): Chainspec {
  try {
    return parseChainspec(toml)
  } catch (cause) {
    throw new DevnetError('Invalid devnet option chainspec', {
      code: 'InvalidOptions',
      details: { reason: cause instanceof Error ? cause.message : String(cause) },
      remedy: "Pass a Chainspec value or the text of casper-node's chainspec.toml.",
      cause,
    })
  }
}

function invalidOption(option: string, expected: string, got: unknown): DevnetError {
  return new DevnetError(`Invalid devnet option ${option}`, {
    code: 'InvalidOptions',
    details: { expected, got: String(got) },
  })
}
