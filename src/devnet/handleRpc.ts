// The devnet's JSON-RPC methods: params checked strictly, results in the node's published shapes.
//
// Shapes: casper-node v1.5.8 resources/test/rpc_schema_hashing.json and casper-sidecar feat-2.0
// resources/test/rpc_schema.json (copies in test/fixtures/). Error codes: rpcs/error_code.rs of each.

import type { AccountHashHex } from '../account/Account.js'
import { accountHashOf } from '../account/accountHash.js'
import { bytesToHex } from '../encoding/hex.js'
import { isObject } from '../encoding/isObject.js'
import { type AcceptSubmissionReturnType, acceptSubmission } from './acceptSubmission.js'
import {
  type DevnetAccount,
  type DevnetBlock,
  type DevnetItem,
  type DevnetState,
  digestOf,
  namedTipOf,
  tipOf,
} from './DevnetState.js'
import { devnetChainspec, devnetChainspecToml } from './devnetChainspec.js'

/** A JSON-RPC error object as casper-node writes it. */
export type RpcErrorObject = { code: number; message: string; data?: unknown }

/** What a method returns: a result, or an error object. */
export type RpcAnswer = { result: unknown } | { error: RpcErrorObject }

/** What {@link handleRpc} needs beyond the state. */
export type RpcContext = {
  state: DevnetState
  /** When the devnet started (ms since the epoch), for `uptime`. */
  startedAt: number
  /** Public key hex of the devnet's single validator (block proposer). */
  validator: string
  now: () => number
  /** Stores an accepted item (queues it for the next block, persists). */
  accept: (item: DevnetItem) => void
  /** Creates an account (devnet_create_account). */
  createAccount: (publicKey: string, balance: bigint | undefined) => DevnetAccount
}

const apiVersions = { '1.5': '1.5.8', '2.0': '2.0.0' } as const

/** Methods each protocol serves (1.5 has no 2.0-only method, as a 1.5 node has not). */
export const devnetMethods = {
  '1.5': [
    'info_get_status',
    'info_get_chainspec',
    'chain_get_state_root_hash',
    'state_get_account_info',
    'query_global_state',
    'query_balance',
    'state_get_balance',
    'account_put_deploy',
    'info_get_deploy',
    'devnet_create_account',
  ],
  '2.0': [
    'info_get_status',
    'info_get_chainspec',
    'chain_get_state_root_hash',
    'chain_get_block',
    'state_get_account_info',
    'state_get_entity',
    'query_global_state',
    'query_balance',
    'query_balance_details',
    'state_get_balance',
    'state_get_auction_info',
    'account_put_deploy',
    'account_put_transaction',
    'info_get_deploy',
    'info_get_transaction',
    'devnet_create_account',
  ],
} as const

class ParamsError {
  constructor(readonly message: string) {}
}
class NodeError {
  constructor(
    readonly code: number,
    readonly message: string,
    readonly data?: string,
  ) {}
}

/**
 * Answers one JSON-RPC call: `-32601` for a method this protocol does not serve, `-32602` with a
 * message for missing, unknown or malformed params, the node's error codes for refusals.
 *
 * @example
 * ```ts
 * const answer = await handleRpc(context, 'state_get_account_info', { account_identifier: alice })
 * ```
 */
export async function handleRpc(context: RpcContext, method: string, params: unknown): Promise<RpcAnswer> {
  const { protocol } = context.state
  if (!(devnetMethods[protocol] as readonly string[]).includes(method)) {
    return { error: { code: -32601, message: 'Method not found' } }
  }
  try {
    const named = namedParams(params)
    return { result: { api_version: apiVersions[protocol], ...methods[method as Method](context, named) } }
  } catch (error) {
    if (error instanceof ParamsError)
      return { error: { code: -32602, message: 'Invalid params', data: error.message } }
    if (error instanceof NodeError) {
      return {
        error: {
          code: error.code,
          message: error.message,
          ...(error.data === undefined ? {} : { data: error.data }),
        },
      }
    }
    return {
      error: {
        code: -32603,
        message: 'Internal error',
        data: error instanceof Error ? error.message : String(error),
      },
    }
  }
}

type Method = (typeof devnetMethods)['2.0'][number]
type Params = Record<string, unknown>

const methods: Record<Method, (context: RpcContext, params: Params) => Record<string, unknown>> = {
  info_get_status(context, params) {
    only(params, [])
    const { state } = context
    const tip = namedTipOf(state)
    const genesis = state.blocks[0]!
    return {
      ...(state.protocol === '2.0' ? { protocol_version: devnetChainspec(state).protocolVersion } : {}),
      peers: [],
      build_version: `${devnetChainspec(state).protocolVersion}-casper-multisig-devnet`,
      chainspec_name: state.chainName,
      starting_state_root_hash: genesis.stateRootHash,
      last_added_block_info: {
        hash: tip.hash,
        timestamp: iso(tip.timestamp),
        era_id: 0,
        height: tip.height,
        state_root_hash: tip.stateRootHash,
        creator: context.validator,
      },
      our_public_signing_key: context.validator,
      round_length: null,
      next_upgrade: null,
      uptime: humantime(context.now() - context.startedAt),
      reactor_state: 'Validate',
      last_progress: iso(context.startedAt),
      available_block_range: { low: 0, high: tip.height },
      block_sync: { historical: null, forward: null },
      ...(state.protocol === '2.0' ? { latest_switch_block_hash: genesis.hash } : {}),
    }
  },
  info_get_chainspec(context, params) {
    only(params, [])
    const hex = (text: string) => bytesToHex(new TextEncoder().encode(text))
    // Both optional files are sent (1.5.8's schema requires them as strings, though typed Option).
    return {
      chainspec_bytes: {
        chainspec_bytes: hex(devnetChainspecToml(context.state)),
        maybe_genesis_accounts_bytes: hex(accountsToml(context.state)),
        maybe_global_state_bytes: '',
      },
    }
  },
  chain_get_state_root_hash(context, params) {
    only(params, [], ['block_identifier'])
    const block = blockOf(context.state, params.block_identifier, true) ?? namedTipOf(context.state)
    return { state_root_hash: block.stateRootHash }
  },
  chain_get_block(context, params) {
    only(params, [], ['block_identifier'])
    const { state } = context
    const block = blockOf(state, params.block_identifier, true) ?? namedTipOf(state)
    const header = blockHeaderJson(block, context) as { Version2: Record<string, unknown> }
    // casper-types BlockBodyV2: transaction hashes by lane id, every lane present.
    const transactions: Record<string, ({ Deploy: string } | { Version1: string })[]> = {}
    for (const lane of devnetChainspec(state).lanes) transactions[String(lane.id)] = []
    for (const hash of block.items) {
      const item = state.items[hash]
      if (!item) continue
      const key = String(item.lane ?? 3)
      transactions[key] ??= []
      transactions[key].push(item.kind === 'deploy' ? { Deploy: hash } : { Version1: hash })
    }
    return {
      block_with_signatures: {
        block: {
          Version2: {
            hash: block.hash,
            header: header.Version2,
            body: { transactions, rewarded_signatures: [] },
          },
        },
        proofs: [],
      },
    }
  },
  state_get_account_info(context, params) {
    only(params, ['account_identifier'], ['block_identifier'])
    blockOf(context.state, params.block_identifier)
    const entry = accountOf(context.state, identifier(params.account_identifier, 'account_identifier'))
    return { account: accountJson(entry), merkle_proof: proofOf(entry) }
  },
  state_get_entity(context, params) {
    only(params, ['entity_identifier'], ['block_identifier', 'include_bytecode'])
    blockOf(context.state, params.block_identifier)
    const id = params.entity_identifier
    if (!isObject(id) || Object.keys(id).length !== 1 || !('PublicKey' in id || 'AccountHash' in id)) {
      throw new ParamsError(
        'entity_identifier: expected {"PublicKey": "<hex>"} or {"AccountHash": "account-hash-<hex>"}',
      )
    }
    const entry = accountOf(context.state, identifier(id.PublicKey ?? id.AccountHash, 'entity_identifier'))
    // enable_addressable_entity = false on 2.0 mainnet: accounts stay legacy accounts.
    return { entity: { Account: accountJson(entry) }, merkle_proof: proofOf(entry) }
  },
  query_global_state(context, params) {
    only(params, ['key'], ['state_identifier', 'path'])
    const { state } = context
    if (params.path !== undefined && !(Array.isArray(params.path) && params.path.length === 0)) {
      throw new NodeError(-32003, 'Query failed', 'the devnet serves paths of length 0 only')
    }
    const key = params.key
    if (typeof key !== 'string' || !/^account-hash-[0-9a-fA-F]{64}$/.test(key)) {
      throw new NodeError(
        -32002,
        'Failed to parse query key',
        `the devnet serves account-hash-<64 hex> keys, got ${JSON.stringify(key)}`,
      )
    }
    const block = stateBlockOf(state, params.state_identifier)
    const entry = accountOf(state, accountHashOf(key), -32003, 'Query failed')
    return {
      block_header: block ? blockHeaderJson(block, context) : null,
      stored_value: { Account: accountJson(entry) },
      merkle_proof: proofOf(entry),
    }
  },
  query_balance(context, params) {
    only(params, ['purse_identifier'], ['state_identifier'])
    stateBlockOf(context.state, params.state_identifier)
    return { balance: purseEntry(context.state, params.purse_identifier).balance.toString() }
  },
  query_balance_details(context, params) {
    only(params, ['purse_identifier'], ['state_identifier'])
    stateBlockOf(context.state, params.state_identifier)
    const entry = purseEntry(context.state, params.purse_identifier)
    // Holds last only while a block executes, so none are ever visible between blocks.
    return {
      total_balance: entry.balance.toString(),
      available_balance: entry.balance.toString(),
      total_balance_proof: proofOf(entry),
      holds: [],
    }
  },
  state_get_balance(context, params) {
    only(params, ['state_root_hash', 'purse_uref'])
    if (typeof params.state_root_hash !== 'string' || !/^[0-9a-fA-F]{64}$/.test(params.state_root_hash)) {
      throw new ParamsError('state_root_hash: expected 64 hex digits')
    }
    const entry = purseOf(context.state, params.purse_uref)
    return { balance_value: entry.balance.toString(), merkle_proof: proofOf(entry) }
  },
  state_get_auction_info(context, params) {
    only(params, [], ['block_identifier'])
    const { state } = context
    const block = blockOf(state, params.block_identifier, true) ?? namedTipOf(state)
    // The sidecar's 1.x-compatible shape (rpc_schema.json `AuctionState`, `Bid`, `Delegator`): the
    // devnet's one validator (no stake of its own) with the delegations it holds.
    const validator = context.validator
    const delegations = (state.delegations ?? []).filter((d) => d.validator === validator)
    const weight = delegations.reduce((total, d) => total + d.amount, 0n)
    const purse = (...parts: string[]) => `uref-${digestOf('bonding-purse', ...parts)}-007`
    return {
      auction_state: {
        state_root_hash: block.stateRootHash,
        block_height: block.height,
        era_validators: [
          { era_id: 0, validator_weights: [{ public_key: validator, weight: weight.toString() }] },
        ],
        bids: [
          {
            public_key: validator,
            bid: {
              validator_public_key: validator,
              bonding_purse: purse(validator),
              staked_amount: '0',
              delegation_rate: 0,
              vesting_schedule: null,
              delegators: delegations.map((d) => ({
                delegator_public_key: d.delegator,
                delegator: {
                  delegator_public_key: d.delegator,
                  staked_amount: d.amount.toString(),
                  bonding_purse: purse(validator, d.delegator),
                  validator_public_key: validator,
                  vesting_schedule: null,
                },
              })),
              inactive: false,
            },
          },
        ],
      },
    }
  },
  account_put_deploy(context, params) {
    const verdict = acceptSubmission(context.state, params, 'account_put_deploy', context.now())
    const item = settle(context, verdict, -32008, 'Invalid Deploy')
    return { deploy_hash: item.hash }
  },
  account_put_transaction(context, params) {
    const verdict = acceptSubmission(context.state, params, 'account_put_transaction', context.now())
    const item = settle(context, verdict, -32016, 'Invalid transaction')
    return { transaction_hash: item.kind === 'deploy' ? { Deploy: item.hash } : { Version1: item.hash } }
  },
  info_get_deploy(context, params) {
    only(params, ['deploy_hash'], ['finalized_approvals'])
    const hash = hashParam(params.deploy_hash, 'deploy_hash')
    const item = context.state.items[hash]
    if (item?.kind !== 'deploy') {
      throw new NodeError(-32000, 'No such deploy', `failed to get deploy ${hash} and metadata from storage`)
    }
    if (context.state.protocol === '1.5') {
      return { deploy: item.json, execution_results: item.execution ? [executionResult15(item)] : [] }
    }
    return { deploy: item.json, execution_info: executionInfo20(item) }
  },
  info_get_transaction(context, params) {
    only(params, ['transaction_hash'], ['finalized_approvals'])
    const id = params.transaction_hash
    if (!isObject(id) || Object.keys(id).length !== 1 || !('Version1' in id || 'Deploy' in id)) {
      throw new ParamsError('transaction_hash: expected {"Version1": "<64 hex>"} or {"Deploy": "<64 hex>"}')
    }
    const hash = hashParam(id.Version1 ?? id.Deploy, 'transaction_hash')
    const item = context.state.items[hash]
    if (!item || (item.kind === 'deploy') !== 'Deploy' in id) {
      throw new NodeError(-32014, 'No such transaction', `transaction ${hash} not found`)
    }
    return {
      transaction: item.kind === 'deploy' ? { Deploy: item.json } : { Version1: item.json },
      execution_info: executionInfo20(item),
    }
  },
  devnet_create_account(context, params) {
    only(params, ['public_key'], ['balance'])
    const publicKey = params.public_key
    if (typeof publicKey !== 'string' || !/^(01[0-9a-fA-F]{64}|02[0-9a-fA-F]{66})$/.test(publicKey)) {
      throw new ParamsError('public_key: expected a tagged public key hex (01 + 64 hex or 02 + 66 hex)')
    }
    const balance = params.balance
    if (
      balance !== undefined &&
      (typeof balance !== 'string' || !/^\d+$/.test(balance)) &&
      !Number.isSafeInteger(balance)
    ) {
      throw new ParamsError('balance: expected motes as a decimal string')
    }
    const entry = context.createAccount(
      publicKey,
      balance === undefined ? undefined : BigInt(balance as string),
    )
    return { account: accountJson(entry), public_key: entry.publicKey, balance: entry.balance.toString() }
  },
}

function settle(
  context: RpcContext,
  verdict: AcceptSubmissionReturnType,
  code: number,
  message: string,
): DevnetItem {
  if (verdict.ok) {
    if (!verdict.duplicate) context.accept(verdict.item)
    return verdict.item
  }
  if ('invalidParams' in verdict) throw new ParamsError(verdict.invalidParams)
  throw new NodeError(code, message, verdict.data)
}

function executionResult15(item: DevnetItem) {
  const execution = item.execution!
  const effect = effectJson15(item)
  const body = { effect, transfers: [], cost: execution.cost.toString() }
  return {
    block_hash: execution.blockHash,
    result:
      execution.errorMessage === null
        ? { Success: body }
        : { Failure: { ...body, error_message: execution.errorMessage } },
  }
}

function effectJson15(item: DevnetItem) {
  const execution = item.execution!
  const account = `account-hash-${execution.accountHash}`
  const balance = `balance-${purseAddress(execution.accountHash)}`
  return {
    operations: [
      { key: account, kind: 'Read' },
      { key: balance, kind: 'Write' },
    ],
    transforms: [
      { key: account, transform: execution.accountAfter ? { WriteAccount: account } : 'Identity' },
      {
        key: balance,
        transform: {
          WriteCLValue: {
            cl_type: 'U512',
            bytes: u512Hex(execution.balanceAfter),
            parsed: execution.balanceAfter.toString(),
          },
        },
      },
    ],
  }
}

function executionInfo20(item: DevnetItem) {
  const execution = item.execution
  if (!execution) return null
  const account = `account-hash-${execution.accountHash}`
  const initiator =
    item.kind === 'deploy'
      ? { PublicKey: item.json.header.account }
      : ((item.json.payload as unknown as { initiator_addr: unknown }).initiator_addr as Record<
          string,
          string
        >)
  const effects: unknown[] = [{ key: account, kind: 'Identity' }]
  if (execution.accountAfter) {
    effects.push({
      key: account,
      kind: {
        Write: {
          Account: accountModelJson(
            execution.accountAfter,
            `uref-${purseAddress(execution.accountHash)}-007`,
          ),
        },
      },
    })
  }
  effects.push({
    key: `balance-${purseAddress(execution.accountHash)}`,
    kind: {
      Write: {
        CLValue: {
          cl_type: 'U512',
          bytes: u512Hex(execution.balanceAfter),
          parsed: execution.balanceAfter.toString(),
        },
      },
    },
  })
  return {
    block_hash: execution.blockHash,
    block_height: execution.blockHeight,
    execution_result: {
      Version2: {
        initiator,
        error_message: execution.errorMessage,
        // casper-types 2.0 `ExecutionResultV2`: `cost` is the gross limit x price; the payer is
        // charged `cost - refund`.
        current_price: execution.currentPrice,
        limit: execution.limit.toString(),
        consumed: execution.consumed.toString(),
        cost: execution.cost.toString(),
        refund: execution.refund.toString(),
        // casper-types `TransferV2` (mint_native.rs: `from` is the caller's account hash, gas 0).
        transfers: (execution.transfers ?? []).map((t) => ({
          Version2: {
            transaction_hash: item.kind === 'deploy' ? { Deploy: item.hash } : { Version1: item.hash },
            from: { AccountHash: `account-hash-${t.from}` },
            to: t.to === null ? null : `account-hash-${t.to}`,
            source: t.source,
            target: t.target,
            amount: t.amount.toString(),
            gas: '0',
            id: t.id === null ? null : Number(t.id),
          },
        })),
        size_estimate: item.size,
        effects,
      },
    },
  }
}

function blockHeaderJson(block: DevnetBlock, context: RpcContext) {
  const common = {
    parent_hash: block.parentHash,
    state_root_hash: block.stateRootHash,
    body_hash: block.bodyHash,
    random_bit: (block.height & 1) === 1,
    accumulated_seed: block.accumulatedSeed,
    era_end: null,
    timestamp: iso(block.timestamp),
    era_id: 0,
    height: block.height,
  }
  const protocolVersion = devnetChainspec(context.state).protocolVersion
  if (context.state.protocol === '1.5') return { ...common, protocol_version: protocolVersion }
  return {
    Version2: {
      ...common,
      protocol_version: protocolVersion,
      proposer: context.validator,
      current_gas_price: 1,
      last_switch_block_hash: context.state.blocks[0]!.hash,
    },
  }
}

/** The node's `Account` JSON. */
function accountJson(entry: DevnetAccount) {
  return accountModelJson(entry.account, entry.mainPurse)
}

function accountModelJson(account: DevnetAccount['account'], mainPurse: string) {
  return {
    account_hash: `account-hash-${account.accountHash}`,
    named_keys: [...(account.namedKeys ?? [])],
    main_purse: mainPurse,
    // casper-types serialises AssociatedKeys from a BTreeMap: sorted by account hash.
    associated_keys: Object.entries(account.associatedKeys)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([hash, weight]) => ({ account_hash: `account-hash-${hash}`, weight })),
    action_thresholds: {
      deployment: account.actionThresholds.deployment,
      key_management: account.actionThresholds.keyManagement,
    },
  }
}

/** The address of an account's main purse (deterministic, so restarts and tests agree). */
export function purseAddress(accountHash: AccountHashHex): string {
  return digestOf('main-purse', accountHash)
}

function u512Hex(value: bigint): string {
  const bytes: number[] = []
  for (let rest = value; rest > 0n; rest >>= 8n) bytes.push(Number(rest & 0xffn))
  return bytesToHex(new Uint8Array([bytes.length, ...bytes]))
}

/** Not a real trie proof: a stable digest of the value, so the field has the node's form (hex). */
function proofOf(entry: DevnetAccount): string {
  return digestOf('proof', JSON.stringify(accountJson(entry)), entry.balance.toString())
}

function accountOf(
  state: DevnetState,
  hash: AccountHashHex,
  code = -32009,
  message = 'No such account',
): DevnetAccount {
  const entry = state.accounts[hash]
  if (!entry) throw new NodeError(code, message, `account-hash-${hash} not found`)
  return entry
}

/** The account whose main purse a `purse_identifier` names. */
function purseEntry(state: DevnetState, purse: unknown): DevnetAccount {
  if (!isObject(purse) || Object.keys(purse).length !== 1) {
    throw new ParamsError(
      'purse_identifier: expected {"main_purse_under_public_key"|"main_purse_under_account_hash"|"purse_uref": …}',
    )
  }
  const [kind, value] = Object.entries(purse)[0]!
  const entry =
    kind === 'purse_uref'
      ? purseOf(state, value)
      : kind === 'main_purse_under_public_key' || kind === 'main_purse_under_account_hash'
        ? accountOf(state, identifier(value, `purse_identifier.${kind}`), -32026, 'Purse not found')
        : undefined
  if (!entry) throw new ParamsError(`purse_identifier: unsupported variant ${kind}`)
  return entry
}

function purseOf(state: DevnetState, uref: unknown): DevnetAccount {
  if (typeof uref !== 'string' || !/^uref-[0-9a-fA-F]{64}-0[0-7]{2}$/.test(uref)) {
    throw new NodeError(
      -32005,
      'Failed to parse get-balance URef',
      `expected uref-<64 hex>-<3 octal>, got ${JSON.stringify(uref)}`,
    )
  }
  const entry = Object.values(state.accounts).find(
    (a) => a.mainPurse.slice(0, 69) === uref.toLowerCase().slice(0, 69),
  )
  if (!entry) throw new NodeError(-32006, 'Failed to get balance', `purse ${uref} not found`)
  return entry
}

function identifier(value: unknown, name: string): AccountHashHex {
  if (typeof value === 'string') {
    try {
      return accountHashOf(value.startsWith('account-hash-') || !/^[0-9a-fA-F]{64}$/.test(value) ? value : '')
    } catch {
      // fall through
    }
  }
  throw new ParamsError(
    `${name}: expected a public key hex or account-hash-<64 hex>, got ${JSON.stringify(value)}`,
  )
}

function hashParam(value: unknown, name: string): string {
  if (typeof value !== 'string' || !/^[0-9a-fA-F]{64}$/.test(value)) {
    throw new ParamsError(`${name}: expected 64 hex digits, got ${JSON.stringify(value)}`)
  }
  return value.toLowerCase()
}

/**
 * Checks a block identifier; state is served as of the latest block whatever the block. With
 * `required`, a block the devnet does not keep (an empty block no client was told about) is
 * `-32001 No such block`.
 */
function blockOf(state: DevnetState, id: unknown, required = false): DevnetBlock | undefined {
  if (id === undefined || id === null) return undefined
  const missing = (what: string) => new NodeError(-32001, 'No such block', `block ${what} not known`)
  if (isObject(id) && Object.keys(id).length === 1) {
    if (typeof id.Hash === 'string' && /^[0-9a-fA-F]{64}$/.test(id.Hash)) {
      const hash = id.Hash.toLowerCase()
      const found = findBlock(state, (b) => b.hash === hash)
      if (!found && required) throw missing(hash)
      return found
    }
    if (Number.isSafeInteger(id.Height) && (id.Height as number) >= 0) {
      if ((id.Height as number) > tipOf(state).height) throw missing(`at height ${id.Height}`)
      const found = findBlock(state, (b) => b.height === id.Height)
      if (!found && required) throw missing(`at height ${id.Height}`)
      return found
    }
  }
  throw new ParamsError('block_identifier: expected {"Hash": "<64 hex>"} or {"Height": <u64>}')
}

function stateBlockOf(state: DevnetState, id: unknown): DevnetBlock | undefined {
  if (id === undefined || id === null) return namedTipOf(state)
  if (isObject(id) && Object.keys(id).length === 1) {
    if ('BlockHash' in id) return blockOf(state, { Hash: id.BlockHash }) ?? tipOf(state)
    if ('BlockHeight' in id) return blockOf(state, { Height: id.BlockHeight }) ?? tipOf(state)
    if (typeof id.StateRootHash === 'string' && /^[0-9a-fA-F]{64}$/.test(id.StateRootHash)) return undefined
  }
  throw new ParamsError('state_identifier: expected {"BlockHash"|"BlockHeight"|"StateRootHash": …}')
}

function findBlock(state: DevnetState, match: (block: DevnetBlock) => boolean): DevnetBlock | undefined {
  return state.blocks.find(match)
}

function namedParams(params: unknown): Params {
  if (params === undefined || params === null) return {}
  if (Array.isArray(params)) {
    if (params.length === 0) return {}
    throw new ParamsError('expected named params (an object), got positional params')
  }
  if (!isObject(params)) throw new ParamsError('expected named params (an object)')
  return params
}

function only(params: Params, required: readonly string[], optional: readonly string[] = []): void {
  const unknown = Object.keys(params).filter((key) => !required.includes(key) && !optional.includes(key))
  if (unknown.length > 0) throw new ParamsError(`unknown field ${unknown.map((k) => `\`${k}\``).join(', ')}`)
  const missing = required.filter((key) => params[key] === undefined)
  if (missing.length > 0) throw new ParamsError(`missing field ${missing.map((k) => `\`${k}\``).join(', ')}`)
}

function accountsToml(state: DevnetState): string {
  return Object.values(state.accounts)
    .filter((entry) => entry.publicKey !== '')
    .map((entry) => `[[accounts]]\npublic_key = '${entry.publicKey}'\nbalance = '${entry.balance}'\n`)
    .join('\n')
}

function humantime(ms: number): string {
  const parts: string[] = []
  let rest = Math.max(0, Math.floor(ms))
  for (const [unit, size] of [
    ['days', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    const n = Math.floor(rest / size)
    if (n > 0) parts.push(`${n}${unit === 'days' && n === 1 ? 'day' : unit}`)
    rest -= n * size
  }
  return parts.join(' ') || '0s'
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}
