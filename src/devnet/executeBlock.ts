// Makes the next block: executes the pending deploys and transactions in arrival order.
//
// 1.5: execution_engine engine_state/mod.rs `deploy` (authorization, minimum balance, standard
// payment, session, `finalize_payment` with the chainspec's 99% refund), v1.5.8.
// 2.x: payment-limited pricing (the gas limit is the payment amount, all of it available in the
// purse) at the network's gas price; `cost` is the gross limit x price. A success gets the chainspec's
// refund of the unused limit (`refund [75, 100]` on mainnet 2.2.0); an execution that errors gets no
// refund and is charged max(limit x price, baseline) (`contract_runtime/operations.rs`, "no refund
// for penalty"). Both through `estimateCost`. `fee_handling = burn` changes nothing for the sender.
import type { Account, AccountHashHex } from '../account/Account.js'
import { accountHashFromPublicKey, accountHashOf } from '../account/accountHash.js'
import { estimateCost } from '../chainspec/estimateCost.js'
import { maxSessionGas } from '../chainspec/resolveChainspec.js'
import { decodeU512 } from '../codec/u512.js'
import type { NamedArgJson } from '../deploy/DeployJson.js'
import type { emulateSession } from '../emulator/emulateSession.js'
import { hexToBytes } from '../encoding/hex.js'
import { isProtocol15, maxPaymentMotes15, wasmLaneBySize } from '../rules/AcceptanceLimits.js'
import {
  type DevnetBlock,
  type DevnetExecution,
  type DevnetItem,
  type DevnetState,
  digestOf,
  stateRootOf,
  tipOf,
} from './DevnetState.js'
import { devnetChainspec } from './devnetChainspec.js'
import { emulateOffThread } from './emulateOffThread.js'
import { executeNative, type NativeCall, nativeCallCost, nativeCallOf } from './executeNative.js'

/** The session a deploy or transaction carries, as the devnet can run it. */
type Session =
  | { kind: 'wasm'; wasm: Uint8Array; args: { name: string; value: Uint8Array }[] }
  | { kind: 'unsupported'; message: string }

/**
 * Executes every pending item against the state, in arrival order, records each result, and
 * appends the block (kept in `state.blocks` when it holds items, else it replaces an empty tip).
 * Returns the new block.
 *
 * @example
 * ```ts
 * const block = await executeBlock(state, Date.now())
 * block.items // hashes executed in this block
 * ```
 */
export async function executeBlock(state: DevnetState, now: number): Promise<DevnetBlock> {
  const parent = tipOf(state)
  const height = parent.height + 1
  const hashes = state.pending.splice(0)
  const blockHash = digestOf('block', state.chainName, String(height), parent.hash, String(now), ...hashes)
  for (const hash of hashes) {
    const item = state.items[hash]
    if (item) item.execution = await execute(state, item, blockHash, height)
  }
  const block: DevnetBlock = {
    hash: blockHash,
    parentHash: parent.hash,
    height,
    timestamp: Math.max(now, parent.timestamp),
    stateRootHash: stateRootOf(state),
    bodyHash: digestOf('body', ...hashes),
    accumulatedSeed: digestOf('seed', parent.accumulatedSeed, String(height)),
    items: hashes,
  }
  // Empty blocks are not kept once a newer block exists, unless a client was told about them: a
  // refusal or status names the tip, and that block must stay readable after the next one is made.
  if (parent.items.length === 0 && parent.height > 0 && !parent.named) state.blocks.pop()
  state.blocks.push(block)
  return block
}

async function execute(
  state: DevnetState,
  item: DevnetItem,
  blockHash: string,
  blockHeight: number,
): Promise<DevnetExecution> {
  const protocol = state.protocol
  const chainspec = devnetChainspec(state)
  const native = protocol === '1.5' ? undefined : nativeCallOf(item, chainspec)
  const { accountHash, gasPrice, limit, payment, lane } = pricing(state, item, native)
  const entry = state.accounts[accountHash]
  const signers = [...new Set(item.json.approvals.map((a) => accountHashFromPublicKey(a.signer)))]
  const record = (
    fields: Pick<DevnetExecution, 'errorMessage' | 'consumed' | 'cost' | 'refund' | 'charged'> & {
      accountAfter?: Account | null
    },
  ): DevnetExecution => {
    if (entry) entry.balance -= fields.charged
    if (entry && fields.accountAfter) entry.account = fields.accountAfter
    return {
      blockHash,
      blockHeight,
      limit,
      currentPrice: gasPrice,
      accountHash,
      balanceAfter: entry?.balance ?? 0n,
      accountAfter: null,
      ...fields,
    }
  }
  /**
   * An execution that errors. 1.5: a precondition failure (authorization, balance, unreadable
   * module) costs nothing, anything later the gas used, with the 99% refund of the rest. 2.x:
   * casper-node `contract_runtime/operations.rs` consumes `cost_to_use()` when the artifact has an
   * error ("no refund for penalty"): nothing is refunded and the whole max(limit x price, baseline)
   * is charged, or what the purse holds when it holds less.
   */
  const fail = (errorMessage: string, consumed: bigint, precondition15: boolean): DevnetExecution => {
    if (protocol === '1.5') {
      const cost = precondition15 ? 0n : consumed * BigInt(gasPrice)
      return record({
        errorMessage,
        consumed,
        cost,
        refund: 0n,
        charged: precondition15 ? 0n : charge15(payment, cost),
      })
    }
    const estimate = estimateCost(
      { gas: consumed, paymentAmount: limit, lane, gasPrice, outcome: 'failure' },
      { chainspec },
    )
    const available = entry?.balance ?? 0n
    return record({
      errorMessage,
      consumed,
      cost: estimate.cost,
      refund: 0n,
      charged: estimate.charged < available ? estimate.charged : available,
    })
  }
  if (!entry) {
    // The account existed at acceptance; nothing removes accounts, so this is a corrupted state file.
    return record({
      errorMessage: 'Authorization failure: not authorized.',
      consumed: 0n,
      cost: 0n,
      refund: 0n,
      charged: 0n,
    })
  }
  const session = sessionOf(item)
  // Authorization is judged first: the emulator applies the node's rules and texts, so it is asked
  // even when the session itself cannot run here.
  let emulation: Awaited<ReturnType<typeof emulateSession>>
  try {
    // Off the devnet's thread when it may run long, so other clients are answered meanwhile.
    emulation = await emulateOffThread({
      wasm: session.kind === 'wasm' ? session.wasm : new Uint8Array(),
      args: session.kind === 'wasm' ? session.args : [],
      account: entry.account,
      signers,
      // The chainspec the devnet runs: its opcode, host and storage costs, limits and signer rule.
      chainspec,
      // The gas the payment buys, never more than a lane (or, on 1.5, a block) allows: a looping
      // session ends there at once, as on the node.
      gasLimit: limit < maxSessionGas(chainspec) ? limit : maxSessionGas(chainspec),
    })
  } catch (error) {
    // Module bytes the emulator cannot even read: the node's preprocessing would refuse them too
    // (node test `erroneous_wasm_transaction_no_refund`: consumed 0, the whole limit charged).
    const message = `Wasm preprocessing error: ${error instanceof Error ? error.message : String(error)}`
    return fail(message, 0n, true)
  }
  const precondition = emulation.failure?.kind
  if (precondition === 'authorization' || precondition === 'deploymentAuthorization') {
    return fail(emulation.failure?.message ?? 'Authorization failure: not authorized.', 0n, true)
  }
  // 1.5 engine_state `deploy`: the main purse must hold MAX_PAYMENT (x gas price) before payment
  // runs; 2.x: the whole gas limit must be available (it is held while the session runs).
  if (native && !native.viaDeploy) {
    // contract_runtime/operations.rs: the mint and auction lanes consume the whole gas limit (a V1
    // native transaction's payment amount, a deploy transfer's mint transfer cost), success or
    // failure, with nothing refunded; the charge is held while the call runs.
    const charge = limit * BigInt(gasPrice)
    if (entry.balance < charge) return fail('Insufficient payment', 0n, true)
    const outcome = executeNative(native, { state, chainspec, caller: entry, held: charge })
    return {
      ...record({
        errorMessage: outcome.errorMessage,
        consumed: limit,
        cost: charge,
        refund: 0n,
        charged: charge,
      }),
      transfers: outcome.transfers,
    }
  }
  const required = protocol === '1.5' ? maxPaymentMotes15 * BigInt(gasPrice) : limit * BigInt(gasPrice)
  if (entry.balance < required || entry.balance < payment) {
    return fail('Insufficient payment', 0n, true)
  }
  if (native) {
    // A deploy calling the auction contract: a stored call paid by its payment, consuming the
    // entry point's system cost (casper-node test `delegate_and_undelegate_have_expected_costs`).
    const cost = nativeCallCost(native, chainspec) ?? limit
    // biome-ignore lint/complexity/useMathMinMax: bigints (Math.min takes numbers)
    const used = cost < limit ? cost : limit
    if (used < cost) return fail('Out of gas error', used, false)
    const outcome = executeNative(native, { state, chainspec, caller: entry, held: limit * BigInt(gasPrice) })
    if (outcome.errorMessage !== null) return fail(outcome.errorMessage, used, false)
    const estimate = estimateCost({ gas: used, paymentAmount: limit, lane, gasPrice }, { chainspec })
    return record({
      errorMessage: null,
      consumed: used,
      cost: estimate.cost,
      refund: estimate.refunded,
      charged: estimate.charged,
    })
  }
  if (session.kind === 'unsupported') return fail(session.message, 0n, false)
  // biome-ignore lint/complexity/useMathMinMax: bigints (Math.min takes numbers)
  const consumed = emulation.gas.total < limit ? emulation.gas.total : limit
  if (!emulation.ok) return fail(emulation.failure?.message ?? 'Unknown failure', consumed, false)
  const changed = JSON.stringify(emulation.account) !== JSON.stringify(entry.account)
  const paid =
    protocol === '1.5'
      ? (() => {
          const cost = consumed * BigInt(gasPrice)
          return { cost, refund: 0n, charged: charge15(payment, cost) }
        })()
      : (() => {
          // Success: the unused limit comes back by the chainspec's refund ratio (75% on mainnet).
          const estimate = estimateCost(
            { gas: consumed, paymentAmount: limit, lane, gasPrice },
            { chainspec },
          )
          return { cost: estimate.cost, refund: estimate.refunded, charged: estimate.charged }
        })()
  return {
    ...record({ errorMessage: null, consumed, ...paid, accountAfter: emulation.account }),
    accountAfter: changed ? emulation.account : null,
  }
}

/** handle_payment `finalize_payment` (1.5): the unused payment is refunded at 99/100, dust to the fee. */
function charge15(payment: bigint, cost: bigint): bigint {
  const unspent = payment > cost ? payment - cost : 0n
  return payment - (unspent * 99n) / 100n
}

function pricing(state: DevnetState, item: DevnetItem, native: NativeCall | undefined) {
  const limits = devnetChainspec(state)
  if (item.kind === 'deploy' && native?.system === 'mint') {
    // A deploy transfer's gas limit is the mint's transfer cost, whatever its payment says
    // (casper-node `meta_deploy.rs`: native transfers are priced by `[system_costs]`).
    const gasPrice = limits.gasPrice.min
    const limit = limits.systemCosts.transfer
    return {
      accountHash: accountHashFromPublicKey(item.json.header.account),
      gasPrice,
      payment: limit * BigInt(gasPrice),
      limit,
      lane: undefined,
    }
  }
  if (item.kind === 'deploy') {
    const header = item.json.header
    const [variant, body] = Object.entries(item.json.payment)[0] ?? []
    const amount = body?.args.find((arg) => arg[0] === 'amount')
    const payment =
      variant === 'ModuleBytes' && amount && JSON.stringify(amount[1].cl_type) === '"U512"'
        ? decodeU512(hexToBytes(amount[1].bytes))
        : 0n
    // 1.5: the deploy's own gas price; 2.x: the network's (min_gas_price while blocks are not full).
    const gasPrice = isProtocol15(limits) ? Math.max(1, header.gas_price) : limits.gasPrice.min
    return {
      accountHash: accountHashFromPublicKey(header.account),
      gasPrice,
      payment,
      limit: isProtocol15(limits) ? payment / BigInt(gasPrice) : payment,
      lane: undefined,
    }
  }
  const payload = item.json.payload as unknown as {
    initiator_addr: { PublicKey?: string; AccountHash?: string }
    pricing_mode: {
      PaymentLimited?: { payment_amount: number | string }
      Fixed?: { additional_computation_factor?: number }
    }
  }
  const accountHash: AccountHashHex = payload.initiator_addr.PublicKey
    ? accountHashFromPublicKey(payload.initiator_addr.PublicKey)
    : accountHashOf(String(payload.initiator_addr.AccountHash))
  const limited = payload.pricing_mode.PaymentLimited
  const gasPrice = limits.gasPrice.min
  if (limited) {
    const payment = BigInt(String(limited.payment_amount))
    return { accountHash, gasPrice, payment: payment * BigInt(gasPrice), limit: payment, lane: undefined }
  }
  if (native) {
    // Fixed pricing of a native transaction: its lane's gas limit.
    const nativeLane = limits.lanes.find((l) => l.kind === native.system)
    const limit = nativeLane?.maxGasLimit ?? 0n
    return { accountHash, gasPrice, payment: limit * BigInt(gasPrice), limit, lane: undefined }
  }
  const lane = wasmLaneBySize(
    limits,
    item.size,
    payload.pricing_mode.Fixed?.additional_computation_factor ?? 0,
    0,
  )
  const limit = lane?.maxGasLimit ?? 0n
  return { accountHash, gasPrice, payment: limit * BigInt(gasPrice), limit, lane }
}

function sessionOf(item: DevnetItem): Session {
  if (item.kind === 'deploy') {
    const [variant, body] = Object.entries(item.json.session)[0] ?? []
    if (variant === 'ModuleBytes' && body) {
      return { kind: 'wasm', wasm: hexToBytes(String(body.module_bytes)), args: argsOf(body.args) }
    }
    if (variant === 'StoredContractByName' || variant === 'StoredVersionedContractByName') {
      // execution/error.rs `NamedKeyNotFound`: the devnet's accounts have no named keys to contracts.
      return { kind: 'unsupported', message: `Named key ${String(body?.name)} not found` }
    }
    if (variant === 'StoredContractByHash' || variant === 'StoredVersionedContractByHash') {
      return { kind: 'unsupported', message: `Key ${String(body?.hash)} not found` }
    }
    return {
      kind: 'unsupported',
      message: 'Unsupported by the casper-multisig devnet: native transfers are not executed on 1.5',
    }
  }
  const fields = (
    item.json.payload as unknown as { fields: { args?: { Named?: NamedArgJson[] }; target?: unknown } }
  ).fields
  const target = fields.target as { Session?: { module_bytes?: string } } | string
  if (typeof target === 'object' && target.Session?.module_bytes) {
    return {
      kind: 'wasm',
      wasm: hexToBytes(target.Session.module_bytes),
      args: argsOf(fields.args?.Named ?? []),
    }
  }
  return {
    kind: 'unsupported',
    message:
      target === 'Native'
        ? 'Unsupported by the casper-multisig devnet: native transactions are not executed'
        : 'Unsupported by the casper-multisig devnet: stored targets are not executed (no contracts exist)',
  }
}

function argsOf(args: readonly NamedArgJson[]): { name: string; value: Uint8Array }[] {
  return args.map(([name, value]) => ({ name, value: hexToBytes(value.bytes) }))
}
