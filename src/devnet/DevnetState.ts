// The devnet's whole state: accounts, submitted deploys and transactions with their results, blocks.
import { blake2b } from '@noble/hashes/blake2b'
import type { Account, AccountHashHex } from '../account/Account.js'
import type { ProtocolGeneration } from '../chainspec/ProtocolGeneration.js'
import type { DeployJson } from '../deploy/DeployJson.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import { bytesToHex } from '../encoding/hex.js'
import { DevnetError } from './DevnetError.js'

/** @deprecated Use {@link ProtocolGeneration} (the same `'1.5' | '2.0'`). */
export type DevnetProtocol = ProtocolGeneration

/** An account on the devnet: the key-management model, its main purse and balance in motes. */
export type DevnetAccount = {
  /**
   * Tagged public key hex of the account's own key; `''` for an account a transfer to its account
   * hash created (its key is not known).
   */
  publicKey: string
  account: Account
  /** `uref-<64 hex>-007`. */
  mainPurse: string
  balance: bigint
}

/** A native transfer an execution made (casper-types `TransferV2`). */
export type DevnetTransfer = {
  from: AccountHashHex
  /** The account the target purse belongs to. */
  to: AccountHashHex | null
  /** Source and target purses, `uref-<64 hex>-007`. */
  source: string
  target: string
  amount: bigint
  /** The transfer's `id` arg, or `null`. */
  id: bigint | null
}

/** A delegation the devnet's auction holds: who delegated how much to which validator. */
export type DevnetDelegation = {
  /** Tagged public key hex of the delegator. */
  delegator: string
  /** Tagged public key hex of the validator. */
  validator: string
  amount: bigint
}

/** What executing a deploy or transaction produced (both protocols' result shapes are made from it). */
export type DevnetExecution = {
  blockHash: string
  blockHeight: number
  /** `null` on success, else the node's error text (e.g. `ApiError::PermissionDenied [23]`). */
  errorMessage: string | null
  /** Gas limit of the session. */
  limit: bigint
  /** Gas consumed. */
  consumed: bigint
  /**
   * Motes, as the node reports them: 1.5 `cost`, the gas used x gas price; 2.x `cost`, the gross
   * cost, limit x gas price (casper-types `ExecutionResultV2`).
   */
  cost: bigint
  /** 2.x `refund`: motes given back from `cost` (0 on failure: no refund for a penalty); 0 on 1.5. */
  refund: bigint
  /** 2.x `current_price`: the gas price the execution was charged at. */
  currentPrice: number
  /**
   * Motes actually taken from the main purse: 2.x `cost - refund` (on failure the whole
   * max(limit x price, baseline)); 1.5 the payment less 99% of its unused part.
   */
  charged: bigint
  /** The account that paid, and its main purse balance after the payment. */
  accountHash: AccountHashHex
  balanceAfter: bigint
  /** The account record a successful session wrote, or `null` when nothing was written. */
  accountAfter: Account | null
  /** Native transfers the execution made (absent in state files of older devnets: none). */
  transfers?: DevnetTransfer[] | undefined
}

/** A deploy or TransactionV1 the devnet accepted. */
export type DevnetItem = (
  | { kind: 'deploy'; json: DeployJson }
  | { kind: 'transaction'; json: TransactionJson['Version1'] }
) & {
  hash: string
  /** Serialized size in bytes (`size_estimate` on 2.0). */
  size: number
  /** 2.x: the lane it was accepted into (the key of `body.transactions` in its block). */
  lane?: number | undefined
  receivedAt: number
  execution: DevnetExecution | null
}

/** A block header as the devnet keeps it (enough for every response shape it serves). */
export type DevnetBlock = {
  hash: string
  parentHash: string
  height: number
  /** Milliseconds since the epoch. */
  timestamp: number
  stateRootHash: string
  bodyHash: string
  accumulatedSeed: string
  items: string[]
  /**
   * A client was told about this block (a status, a refusal text, a state query): it is kept even
   * when empty, so every block the devnet has named can be read back.
   */
  named?: true | undefined
}

/** Everything the devnet knows; what `stateFile` holds (bigints as decimal strings). */
export type DevnetState = {
  chainName: string
  /**
   * The protocol family the devnet imitates: casper-node 1.5.8, or 2.x with its sidecar (from its
   * chainspec's version).
   */
  protocol: ProtocolGeneration
  /**
   * The chainspec.toml text the devnet runs (served by `info_get_chainspec`); absent in state files
   * of older devnets, which then run their protocol's preset.
   */
  chainspecToml?: string | undefined
  accounts: Record<AccountHashHex, DevnetAccount>
  /** Delegations to the devnet's validator (absent in state files of older devnets: none). */
  delegations?: DevnetDelegation[] | undefined
  items: Record<string, DevnetItem>
  /** Hashes accepted but not yet in a block, in arrival order. */
  pending: string[]
  /** Genesis, every block that holds items or was named to a client, and the latest block (other empty blocks are not kept). */
  blocks: DevnetBlock[]
}

/** blake2b-256 of the UTF-8 of the parts joined by 0x00, as 64 hex digits. */
export function digestOf(...parts: readonly string[]): string {
  return bytesToHex(blake2b(new TextEncoder().encode(parts.join('\u0000')), { dkLen: 32 }))
}

/** The latest block. */
export function tipOf(state: DevnetState): DevnetBlock {
  const tip = state.blocks[state.blocks.length - 1]
  if (!tip) throw new DevnetError('The devnet has no blocks', { code: 'StateFile' })
  return tip
}

/** The latest block, marked as named to a client so that a later block does not drop it. */
export function namedTipOf(state: DevnetState): DevnetBlock {
  const tip = tipOf(state)
  tip.named = true
  return tip
}

/** A deterministic hash of the accounts (the devnet's state root hash). */
export function stateRootOf(state: DevnetState): string {
  return digestOf(
    'state-root',
    stateToJson({ ...state, chainspecToml: undefined, items: {}, pending: [], blocks: [] }),
  )
}

/** A new chain with its genesis block (height 0). */
export function createGenesisState(
  chainName: string,
  protocol: ProtocolGeneration,
  now: number,
  chainspecToml?: string,
): DevnetState {
  const state: DevnetState = {
    chainName,
    protocol,
    ...(chainspecToml === undefined ? {} : { chainspecToml }),
    accounts: {},
    items: {},
    pending: [],
    blocks: [],
  }
  const stateRootHash = stateRootOf(state)
  state.blocks.push({
    hash: digestOf('block', chainName, '0', stateRootHash),
    parentHash: '0'.repeat(64),
    height: 0,
    timestamp: now,
    stateRootHash,
    bodyHash: digestOf('body'),
    accumulatedSeed: digestOf('seed', chainName),
    items: [],
  })
  return state
}

/** The state as JSON text, bigints as decimal strings. */
export function stateToJson(state: DevnetState): string {
  return JSON.stringify(state, (_, value) => (typeof value === 'bigint' ? value.toString() : value), 1)
}

/**
 * Reads state JSON written by {@link stateToJson}.
 *
 * @throws {DevnetError} code `StateFile` when the text is not devnet state.
 */
export function stateFromJson(text: string): DevnetState {
  let raw: DevnetState
  try {
    raw = JSON.parse(text) as DevnetState
  } catch (cause) {
    throw new DevnetError('The devnet state file is not JSON', { code: 'StateFile', cause })
  }
  if (
    typeof raw !== 'object' ||
    raw === null ||
    typeof raw.chainName !== 'string' ||
    (raw.protocol !== '1.5' && raw.protocol !== '2.0') ||
    !Array.isArray(raw.blocks) ||
    raw.blocks.length === 0 ||
    typeof raw.accounts !== 'object' ||
    typeof raw.items !== 'object' ||
    !Array.isArray(raw.pending)
  ) {
    throw new DevnetError('The devnet state file has an unexpected shape', {
      code: 'StateFile',
      details: { expected: '{ chainName, protocol, accounts, items, pending, blocks }' },
      remedy: 'Point --state at a file this devnet wrote, or at a path that does not exist yet.',
    })
  }
  for (const entry of Object.values(raw.accounts)) entry.balance = BigInt(entry.balance)
  for (const delegation of raw.delegations ?? []) delegation.amount = BigInt(delegation.amount)
  for (const item of Object.values(raw.items)) {
    const execution = item.execution
    if (execution) {
      execution.limit = BigInt(execution.limit)
      execution.consumed = BigInt(execution.consumed)
      execution.cost = BigInt(execution.cost)
      execution.charged = BigInt(execution.charged)
      // State files written before `refund` and `current_price` were reported.
      execution.refund = BigInt(execution.refund ?? 0n)
      execution.currentPrice = execution.currentPrice ?? 1
      execution.balanceAfter = BigInt(execution.balanceAfter)
      for (const transfer of execution.transfers ?? []) {
        transfer.amount = BigInt(transfer.amount)
        transfer.id = transfer.id === null ? null : BigInt(transfer.id)
      }
    }
  }
  return raw
}
