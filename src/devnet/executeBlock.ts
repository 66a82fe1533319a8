// Makes the next block: executes the pending deploys and transactions in arrival order.
//
// 1.5: execution_engine engine_state/mod.rs `deploy` (authorization, minimum balance, standard
// payment, session, `finalize_payment` with the chainspec's 99% refund), v1.5.8.
// 2.x: the same preconditions; payment-limited pricing (the gas limit is the payment amount, all of
// it available in the purse), `refund_handling = refund [75, 100]`: the cost is the gas consumed plus
// a quarter of the unused limit, at the network's gas price (mainnet chainspec 2.2.0, casper-facts
// section 11); `fee_handling = burn` changes nothing for the sender.
import type { Account, AccountHashHex } from '../account/Account.js'
import { accountHashFromPublicKey, accountHashOf } from '../account/accountHash.js'
import { decodeU512 } from '../deploy/clValueJson.js'
import type { NamedArgJson } from '../deploy/DeployJson.js'
import { emulateSession } from '../emulator/emulateSession.js'
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

/** `[core] refund_handling = { type = 'refund', refund_ratio = [75, 100] }` of mainnet 2.2.0. */
const refundRatio2x = [75n, 100n] as const

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
  const { accountHash, gasPrice, limit, payment, fixed } = pricing(state, item)
  const entry = state.accounts[accountHash]
  const signers = [...new Set(item.json.approvals.map((a) => accountHashFromPublicKey(a.signer)))]
  const record = (
    fields: Pick<DevnetExecution, 'errorMessage' | 'consumed' | 'cost' | 'charged'> & {
      accountAfter?: Account | null
    },
  ): DevnetExecution => {
    if (entry) entry.balance -= fields.charged
    if (entry && fields.accountAfter) entry.account = fields.accountAfter
    return {
      blockHash,
      blockHeight,
      limit,
      accountHash,
      balanceAfter: entry?.balance ?? 0n,
      accountAfter: null,
      ...fields,
    }
  }
  if (!entry) {
    // The account existed at acceptance; nothing removes accounts, so this is a corrupted state file.
    return record({
      errorMessage: 'Authorization failure: not authorized.',
      consumed: 0n,
      cost: 0n,
      charged: 0n,
    })
  }
  const session = sessionOf(item)
  // Authorization is judged first (precondition failures cost nothing): the emulator applies the
  // node's rules and texts, so it is asked even when the session itself cannot run here.
  let emulation: Awaited<ReturnType<typeof emulateSession>>
  try {
    emulation = await emulateSession({
      wasm: session.kind === 'wasm' ? session.wasm : new Uint8Array(),
      args: session.kind === 'wasm' ? session.args : [],
      account: entry.account,
      signers,
      // The chainspec the devnet runs: its opcode, host and storage costs, limits and signer rule.
      chainspec: devnetChainspec(state),
      gasLimit: limit,
    })
  } catch (error) {
    // Module bytes the emulator cannot even read: the node's preprocessing would refuse them too.
    const message = `Wasm preprocessing error: ${error instanceof Error ? error.message : String(error)}`
    return record({ errorMessage: message, consumed: 0n, cost: 0n, charged: 0n })
  }
  const precondition = emulation.failure?.kind
  if (precondition === 'authorization' || precondition === 'deploymentAuthorization') {
    return record({ errorMessage: emulation.failure?.message ?? null, consumed: 0n, cost: 0n, charged: 0n })
  }
  // 1.5 engine_state `deploy`: the main purse must hold MAX_PAYMENT (x gas price) before payment
  // runs; 2.x: the whole gas limit must be available (it is held while the session runs).
  const required = protocol === '1.5' ? maxPaymentMotes15 * BigInt(gasPrice) : limit * BigInt(gasPrice)
  if (entry.balance < required || entry.balance < payment) {
    return record({ errorMessage: 'Insufficient payment', consumed: 0n, cost: 0n, charged: 0n })
  }
  if (session.kind === 'unsupported') {
    const cost = protocol === '1.5' ? 0n : costOf(protocol, fixed, limit, 0n, gasPrice)
    return record({
      errorMessage: session.message,
      consumed: 0n,
      cost,
      charged: charge(protocol, payment, cost),
    })
  }
  // biome-ignore lint/complexity/useMathMinMax: bigints (Math.min takes numbers)
  const consumed = emulation.gas.total < limit ? emulation.gas.total : limit
  const cost = costOf(protocol, fixed, limit, consumed, gasPrice)
  const charged = charge(protocol, payment, cost)
  if (!emulation.ok) {
    return record({ errorMessage: emulation.failure?.message ?? 'Unknown failure', consumed, cost, charged })
  }
  const changed = JSON.stringify(emulation.account) !== JSON.stringify(entry.account)
  return {
    ...record({ errorMessage: null, consumed, cost, charged, accountAfter: emulation.account }),
    accountAfter: changed ? emulation.account : null,
  }
}

/**
 * Motes a session costs. 1.5: the gas used x gas price. 2.x payment-limited: the gas used plus
 * the part of the unused limit that is not refunded (25% on mainnet), x gas price; fixed: the
 * lane's whole limit.
 */
function costOf(
  protocol: DevnetState['protocol'],
  fixed: boolean,
  limit: bigint,
  consumed: bigint,
  gasPrice: number,
) {
  const price = BigInt(gasPrice)
  if (protocol === '1.5') return consumed * price
  if (fixed) return limit * price
  const [numerator, denominator] = refundRatio2x
  const unused = limit - consumed
  return (consumed + unused - (unused * numerator) / denominator) * price
}

/** handle_payment `finalize_payment` (1.5): the unused payment is refunded at 99/100, dust to the fee. */
function charge(protocol: DevnetState['protocol'], payment: bigint, cost: bigint): bigint {
  if (protocol !== '1.5') return cost
  const unspent = payment > cost ? payment - cost : 0n
  return payment - (unspent * 99n) / 100n
}

function pricing(state: DevnetState, item: DevnetItem) {
  const limits = devnetChainspec(state)
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
      fixed: false,
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
    return { accountHash, gasPrice, payment: payment * BigInt(gasPrice), limit: payment, fixed: false }
  }
  const lane = wasmLaneBySize(
    limits,
    item.size,
    payload.pricing_mode.Fixed?.additional_computation_factor ?? 0,
    0,
  )
  const limit = lane?.maxGasLimit ?? 0n
  return { accountHash, gasPrice, payment: limit * BigInt(gasPrice), limit, fixed: true }
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
      message: 'Unsupported by the casper-multisig devnet: native transfers are not executed',
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
