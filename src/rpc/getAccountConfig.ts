// An account's keys, thresholds and named keys as the node holds them, checked field by field.
import type { Account, AccountHashHex, NamedKey } from '../account/Account.js'
import { configFromAccount, type NormalizedAccountConfig } from '../account/AccountConfig.js'
import {
  type AccountIdentifier,
  accountHashFromPublicKey,
  accountHashOf,
  publicKeyHexOf,
} from '../account/accountHash.js'
import { accountSerializedLength } from '../account/accountSerializedLength.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import { casperMainnet } from '../chainspec/casperMainnet.js'
import type { ProtocolGeneration } from '../chainspec/ProtocolGeneration.js'
import type { BlockIdentifier, Rpc, RpcRequestErrorType, RpcRequestOptions } from './createRpc.js'
import { getProtocol } from './getProtocol.js'
import { MalformedResponseError } from './RpcError.js'
import { type JsonObject, type ResponseShape, responseShape } from './responseShape.js'

/** Options of {@link getAccountConfig}. */
export type GetAccountConfigOptions = RpcRequestOptions & {
  /** Read the state at this block: its hash (64 hex), its height, or a `BlockIdentifier`. Default: the latest. */
  block?: string | number | BlockIdentifier | undefined
  /** Skip the `info_get_status` call when the protocol is known. */
  protocol?: ProtocolGeneration | undefined
  /**
   * The network's chainspec (default `casperMainnet`): an answer with more associated keys than its
   * `maxAssociatedKeys` (`core.max_associated_keys`) is malformed and refused before its keys are read.
   */
  chainspec?: Chainspec | undefined
}

/** What {@link getAccountConfig} returns. */
export type GetAccountConfigReturnType = {
  /** The account as the emulator and planner take it, with its named keys. */
  account: Account
  /** Its keys (in the node's order) and thresholds, ready for `validateConfig` / `planReconfiguration`. */
  config: NormalizedAccountConfig
  /**
   * `accountSerializedLength(account)`: the bytes of the legacy `StoredValue::Account` record every
   * key-management write rewrites, which the emulator charges storage gas for. For a 2.0
   * `AddressableEntity` this is an upper estimate (entities keep named keys outside the record).
   */
  serializedLength: number
  protocol: ProtocolGeneration
  /** Which record the node returned: a legacy `Account` (1.5, and 2.0 without entities) or a 2.0 `AddressableEntity`. */
  kind: 'Account' | 'AddressableEntity'
  /** The whole RPC result. */
  raw: JsonObject
}

/** Errors of {@link getAccountConfig}: `JsonRpcError` -32009 NoSuchAccount / -32020 NoSuchAddressableEntity for an unknown account, `MalformedResponse` naming the field. */
export type GetAccountConfigErrorType = RpcRequestErrorType

/**
 * Reads an account's associated keys, action thresholds and named keys: `state_get_account_info` on
 * 1.5 (casper-node v1.5.8 `rpcs/state.rs` `GetAccountInfo`), `state_get_entity` on 2.0
 * (casper-sidecar feat-2.0 `rpc_sidecar/src/rpcs/state.rs` `GetAddressableEntity`, answering a legacy
 * `Account` or an `AddressableEntity` with `upgrade_management`). Checks every field used: the
 * `account-hash-…` form and that it is the account asked for, keys with weights 0..255 and no
 * duplicates, thresholds 0..255, named keys the node's formats.
 *
 * @throws {JsonRpcError} code `JsonRpcError` (rpcName `NoSuchAccount` / `NoSuchAddressableEntity`) when there is no such account.
 * @throws {MalformedResponseError} code `MalformedResponse` naming the first field that is wrong.
 * @example
 * ```ts
 * const rpc = createRpc('http://localhost:7777/rpc')
 * const { config, account } = await getAccountConfig(rpc, '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c')
 * config.thresholds // { deployment: 1, keyManagement: 1 }
 * const plan = planReconfiguration(account, target)
 * ```
 */
export async function getAccountConfig(
  rpc: Rpc,
  identifier: AccountIdentifier,
  options: GetAccountConfigOptions = {},
): Promise<GetAccountConfigReturnType> {
  const { signal, timeoutMs } = options
  const protocol = options.protocol ?? (await getProtocol(rpc, { signal, timeoutMs })).protocol
  const publicKey = publicKeyHexOf(identifier)
  const accountHash = publicKey ? accountHashFromPublicKey(publicKey) : accountHashOf(identifier)
  const block_identifier = blockIdentifier(options.block)
  const maxKeys = (options.chainspec ?? casperMainnet).maxAssociatedKeys

  if (protocol === '1.5') {
    const method = 'state_get_account_info'
    const result = await rpc.request(
      method,
      { account_identifier: publicKey ?? `account-hash-${accountHash}`, block_identifier },
      { signal, timeoutMs },
    )
    const read = responseShape({ url: rpc.url, method })
    const raw = read.object(result, 'result')
    const account = readAccount(read, raw.account, 'result.account', accountHash, maxKeys)
    return finish(account, protocol, 'Account', raw, { url: rpc.url, method })
  }

  const method = 'state_get_entity'
  const result = await rpc.request(
    method,
    {
      entity_identifier: publicKey
        ? { PublicKey: publicKey }
        : { AccountHash: `account-hash-${accountHash}` },
      block_identifier,
      include_bytecode: false,
    },
    { signal, timeoutMs },
  )
  const read = responseShape({ url: rpc.url, method })
  const raw = read.object(result, 'result')
  // casper-sidecar feat-2.0 rpc_schema.json `EntityWithBackwardCompat`.
  const [kind, inner] = read.variant(raw.entity, 'result.entity', [
    'Account',
    'AddressableEntity',
    'Contract',
  ])
  if (kind === 'Account') {
    return finish(
      readAccount(read, inner, 'result.entity.Account', accountHash, maxKeys),
      protocol,
      'Account',
      raw,
      {
        url: rpc.url,
        method,
      },
    )
  }
  if (kind === 'Contract') {
    return read.fail('result.entity', 'an Account or an AddressableEntity of kind Account', 'a Contract')
  }
  const wrapper = read.object(inner, 'result.entity.AddressableEntity')
  const path = 'result.entity.AddressableEntity.entity'
  const entity = read.object(wrapper.entity, path)
  const [entityKind, owner] = read.variant(entity.entity_kind, `${path}.entity_kind`, [
    'Account',
    'System',
    'SmartContract',
  ])
  if (entityKind !== 'Account')
    read.fail(`${path}.entity_kind`, '{ "Account": "account-hash-…" }', entity.entity_kind)
  expectAccount(
    read,
    read.accountHash(owner, `${path}.entity_kind.Account`),
    `${path}.entity_kind.Account`,
    accountHash,
  )
  const account: Account = {
    accountHash,
    associatedKeys: readAssociatedKeys(read, entity.associated_keys, `${path}.associated_keys`, maxKeys),
    actionThresholds: readThresholds(read, entity.action_thresholds, `${path}.action_thresholds`, true),
    namedKeys: readNamedKeys(read, wrapper.named_keys, 'result.entity.AddressableEntity.named_keys'),
  }
  return finish(account, protocol, 'AddressableEntity', raw, { url: rpc.url, method })
}

function finish(
  account: Account,
  protocol: ProtocolGeneration,
  kind: GetAccountConfigReturnType['kind'],
  raw: JsonObject,
  context: { url: string; method: string },
): GetAccountConfigReturnType {
  let serializedLength: number
  try {
    serializedLength = accountSerializedLength(account)
  } catch (cause) {
    throw new MalformedResponseError({
      ...context,
      field: 'named_keys',
      expected: 'keys in the node’s formats (uref-…, hash-…, account-hash-…)',
      got: cause instanceof Error ? cause.message.split('\n')[0]! : String(cause),
      cause,
    })
  }
  return { account, config: configFromAccount(account), serializedLength, protocol, kind, raw }
}

/** casper-types `account.rs` `Account` JSON: account_hash, named_keys, main_purse, associated_keys, action_thresholds. */
function readAccount(
  read: ResponseShape,
  value: unknown,
  path: string,
  expected: AccountHashHex,
  maxKeys: number,
): Account {
  const json = read.object(value, path)
  const accountHash = read.accountHash(json.account_hash, `${path}.account_hash`)
  expectAccount(read, accountHash, `${path}.account_hash`, expected)
  return {
    accountHash,
    associatedKeys: readAssociatedKeys(read, json.associated_keys, `${path}.associated_keys`, maxKeys),
    actionThresholds: readThresholds(read, json.action_thresholds, `${path}.action_thresholds`, false),
    namedKeys: readNamedKeys(read, json.named_keys, `${path}.named_keys`),
  }
}

function expectAccount(
  read: ResponseShape,
  got: AccountHashHex,
  path: string,
  expected: AccountHashHex,
): void {
  if (got !== expected)
    read.fail(path, `account-hash-${expected} (the account asked for)`, `account-hash-${got}`)
}

/** `[{ account_hash: "account-hash-…", weight: u8 }]` (casper-types `AssociatedKeys` JSON). */
function readAssociatedKeys(
  read: ResponseShape,
  value: unknown,
  path: string,
  maxKeys: number,
): Record<AccountHashHex, number> {
  const keys: Record<AccountHashHex, number> = {}
  const entries = read.array(value, path)
  // casper-types `associated_keys.rs`: no account holds more than `max_associated_keys`.
  if (entries.length > maxKeys)
    read.fail(path, `at most ${maxKeys} associated keys (max_associated_keys)`, `${entries.length} keys`)
  entries.forEach((entry, i) => {
    const item = read.object(entry, `${path}[${i}]`)
    const hash = read.accountHash(item.account_hash, `${path}[${i}].account_hash`)
    if (hash in keys) read.fail(`${path}[${i}].account_hash`, 'each key once', `account-hash-${hash} again`)
    keys[hash] = read.integer(item.weight, `${path}[${i}].weight`, 0, 255)
  })
  return keys
}

/** `{ deployment, key_management }` (1.5) plus `upgrade_management` (2.0 `EntityActionThresholds`). */
function readThresholds(read: ResponseShape, value: unknown, path: string, entity: boolean) {
  const json = read.object(value, path)
  return {
    deployment: read.integer(json.deployment, `${path}.deployment`, 0, 255),
    keyManagement: read.integer(json.key_management, `${path}.key_management`, 0, 255),
    ...(entity
      ? { upgradeManagement: read.integer(json.upgrade_management, `${path}.upgrade_management`, 0, 255) }
      : {}),
  }
}

/** `[{ name, key }]` (casper-types `NamedKeys` JSON). */
function readNamedKeys(read: ResponseShape, value: unknown, path: string): NamedKey[] {
  return read.array(value, path).map((entry, i) => {
    const item = read.object(entry, `${path}[${i}]`)
    return {
      name: read.string(item.name, `${path}[${i}].name`),
      key: read.string(
        item.key,
        `${path}[${i}].key`,
        /^[a-z-]+-[0-9a-f]/,
        'a formatted key such as "uref-<hex>-007"',
      ),
    }
  })
}

function blockIdentifier(block: GetAccountConfigOptions['block']): BlockIdentifier | undefined {
  if (block === undefined) return undefined
  if (typeof block === 'string') return { Hash: block }
  if (typeof block === 'number') return { Height: block }
  return block
}
