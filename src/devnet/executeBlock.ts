// Makes the next block: executes the pending deploys and transactions in arrival order.
//
// 1.5: execution_engine engine_state/mod.rs `deploy` (authorization, minimum balance, standard
// payment, session, `finalize_payment` with the chainspec's 99% refund), v1.5.8.
// 2.0: the same preconditions; PaymentLimited / Fixed pricing with `no_refund` and cost = limit x
// gas price (production chainspec, casper-node feat-2.0).
import type { Account, AccountHashHex } from '../account/Account.js'
import { accountHashFromPublicKey, accountHashOf } from '../account/accountHash.js'
import type { NamedArgJson } from '../deploy/DeployJson.js'
import { emulateSession } from '../emulator/emulateSession.js'
import { hexToBytes } from '../encoding/hex.js'
import { devnetChainspec, standardPaymentAmount } from './acceptSubmission.js'
import {
  type DevnetBlock,
  type DevnetExecution,
  type DevnetItem,
  type DevnetState,
  digestOf,
  stateRootOf,
  tipOf,
} from './DevnetState.js'

/** 2.0 production chainspec `wasm_lanes`: [id, max size, max args length, gas limit], smallest first. */
const wasmLanes = [
  [5, 12_288, 512, 1_500_000_000n],
  [4, 172_032, 1024, 50_000_000_000n],
  [3, 344_064, 1024, 500_000_000_000n],
] as const

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
  const { accountHash, gasPrice, limit, payment } = pricing(item, protocol)
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
      protocol,
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
  // engine_state `deploy`: the main purse must hold MAX_PAYMENT (x gas price) before payment runs.
  const maxPaymentCost = devnetChainspec.maxPayment * BigInt(gasPrice)
  if (entry.balance < maxPaymentCost || entry.balance < payment) {
    return record({ errorMessage: 'Insufficient payment', consumed: 0n, cost: 0n, charged: 0n })
  }
  if (session.kind === 'unsupported') {
    const cost = protocol === '1.5' ? 0n : limit * BigInt(gasPrice)
    return record({
      errorMessage: session.message,
      consumed: 0n,
      cost,
      charged: charge(protocol, payment, cost),
    })
  }
  const consumed = emulation.gas.total
  // 1.5: cost is the gas used; 2.0 (PaymentLimited / Fixed, no refund): the whole limit.
  const cost = protocol === '1.5' ? consumed * BigInt(gasPrice) : limit * BigInt(gasPrice)
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

/** handle_payment `finalize_payment` (1.5): the unused payment is refunded at 99/100, dust to the fee. */
function charge(protocol: DevnetState['protocol'], payment: bigint, cost: bigint): bigint {
  if (protocol === '2.0') return cost
  const unspent = payment > cost ? payment - cost : 0n
  return payment - (unspent * 99n) / 100n
}

function pricing(item: DevnetItem, protocol: DevnetState['protocol']) {
  if (item.kind === 'deploy') {
    const header = item.json.header
    const gasPrice = Math.max(1, header.gas_price)
    const amount = standardPaymentAmount(item.json.payment)
    const payment = typeof amount === 'bigint' ? amount : 0n
    return {
      accountHash: accountHashFromPublicKey(header.account),
      gasPrice: protocol === '2.0' ? 1 : gasPrice,
      payment,
      limit: payment / BigInt(gasPrice),
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
  if (limited) {
    const payment = BigInt(String(limited.payment_amount))
    return { accountHash, gasPrice: 1, payment, limit: payment }
  }
  const fits = wasmLanes.findIndex(([, maxSize]) => item.size <= maxSize)
  const factor = payload.pricing_mode.Fixed?.additional_computation_factor ?? 0
  const lane =
    wasmLanes[Math.min(wasmLanes.length - 1, (fits === -1 ? wasmLanes.length - 1 : fits) + factor)]!
  return { accountHash, gasPrice: 1, payment: lane[3], limit: lane[3] }
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
