// Inputs and expectations shared by the conformance suite: casper-node's own tests, transcribed.
//
// Every case names the casper-node file and test function it transcribes. The node's error
// variants (casper-types `InvalidDeploy`, `InvalidTransactionV1`, the acceptor's
// `ParameterFailure`) are mapped once, here, to the codes the library's public `preflight`
// reports; nothing in this suite reads the library's rule table.
import { expect } from 'vitest'
import { type Account, createAccount } from '../../src/account/Account.js'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import type { Chainspec } from '../../src/chainspec/Chainspec.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { buildModuleBytesDeploy } from '../../src/deploy/buildModuleBytesDeploy.js'
import {
  type BuildSessionTransactionParameters,
  buildSessionTransaction,
} from '../../src/deploy/buildSessionTransaction.js'
import { encodeU512, namedArgJson } from '../../src/deploy/clValueJson.js'
import type { DeployJson, ExecutableDeployItemJson, NamedArgJson } from '../../src/deploy/DeployJson.js'
import { deployHashes } from '../../src/deploy/deployHashes.js'
import type { TransactionJson } from '../../src/deploy/TransactionJson.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { localSigner } from '../../src/keys/localSigner.js'
import type { Signer } from '../../src/keys/Signer.js'
import { type PreflightOptions, type PreflightReturnType, preflight } from '../../src/preflight/preflight.js'
import { decodeSubmission } from '../../src/rules/decodeSubmission.js'

export const alice = localSigner('a1'.repeat(32), { algorithm: 'ed25519' })
export const bob = localSigner('b2'.repeat(32), { algorithm: 'secp256k1' })
export const carol = localSigner('c3'.repeat(32), { algorithm: 'ed25519' })
export const mallory = localSigner('e5'.repeat(32), { algorithm: 'ed25519' })

/** Alice's fresh account: own key weight 1, thresholds 1/1 (the node's `Account::create`). */
export const aliceAccount: Account = createAccount(alice.accountHash)

/**
 * The smallest valid session: `(module (memory 1) (func (export "call")))` (the node's preprocessing wants a memory section), the analogue of the node tests'
 * `do_nothing.wasm`.
 */
export const doNothingWasm = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
  0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x08, 0x01, 0x04, 0x63, 0x61, 0x6c, 0x6c, 0x00, 0x00, 0x0a, 0x04, 0x01,
  0x02, 0x00, 0x0b,
])

/** The node tests' `Chainspec::default()` renamed `net-1`, taken as mainnet 2.2.0 (payment-limited). */
export function net1(overrides: Partial<Chainspec> = {}): Chainspec {
  return { ...casperMainnet, chainName: 'net-1', ...overrides }
}

/** casper-types `DEFAULT_MIN_TRANSFER_MOTES` / `DEFAULT_BASELINE_MOTES_AMOUNT`: 2.5 CSPR. */
export const defaultMinTransferMotes = 2_500_000_000n
export const defaultBaselineMotesAmount = 2_500_000_000n

export const u512Arg = (name: string, value: bigint): NamedArgJson =>
  namedArgJson(name, 'U512', encodeU512(value))
export const accountHashArg = (name: string, hex: string): NamedArgJson =>
  namedArgJson(name, 'ByteArray(32)', hexToBytes(hex))
/** A `List<U8>` of `n` bytes: its CLValue bytes are a u32 count then the items. */
export function byteList(n: number): Uint8Array {
  const bytes = new Uint8Array(4 + n).fill(7)
  new DataView(bytes.buffer).setUint32(0, n, true)
  return bytes
}

/** A `String` CLValue: u32 length (LE) then UTF-8, as `runtime_args! { "amount" => "mangled-amount" }` writes it. */
export function stringArg(name: string, text: string): NamedArgJson {
  const utf8 = new TextEncoder().encode(text)
  const bytes = new Uint8Array(4 + utf8.length)
  new DataView(bytes.buffer).setUint32(0, utf8.length, true)
  bytes.set(utf8, 4)
  return [name, { cl_type: 'String', bytes: bytesToHex(bytes), parsed: text }]
}

/** Recomputes body hash and deploy hash of a deploy a test changed, drops its approvals, signs again. */
export async function resign(deploy: DeployJson, ...signers: Signer[]): Promise<DeployJson> {
  const copy: DeployJson = structuredClone({ ...deploy, approvals: [] })
  const { bodyHash, hash } = deployHashes(copy)
  copy.header.body_hash = bodyHash
  copy.hash = hash
  let signed = copy
  for (const signer of signers.length > 0 ? signers : [alice]) signed = await signDeploy(signed, signer)
  return signed
}

export type WasmDeployOptions = {
  chainspec?: Chainspec | undefined
  /** The header account; default alice. */
  initiator?: Signer | undefined
  timestamp?: number | undefined
  ttlMs?: number | undefined
  gasPrice?: number | undefined
  payment?: bigint | undefined
  wasm?: Uint8Array | undefined
  /** Session args; default none. */
  sessionArgs?: NamedArgJson[] | undefined
  signers?: Signer[] | undefined
}

/**
 * The node tests send payments the node refuses, which the library's builders refuse to build: the
 * inputs are built without the floor, and checked against the chainspec the test names.
 */
const withoutFloor = (chainspec: Chainspec): Chainspec => ({ ...chainspec, baselineMotesAmount: 0n })

/** Alice's signed ModuleBytes deploy with standard payment (default 2.5 CSPR) and the do-nothing session. */
export async function wasmDeploy(options: WasmDeployOptions = {}): Promise<DeployJson> {
  const chainspec = options.chainspec ?? net1()
  const deploy = buildModuleBytesDeploy({
    account: (options.initiator ?? alice).publicKey,
    chainName: chainspec.chainName,
    timestamp: options.timestamp ?? Date.now(),
    ttl: options.ttlMs ?? 30 * 60_000,
    gasPrice: options.gasPrice ?? 1,
    wasm: options.wasm ?? doNothingWasm,
    args: options.sessionArgs ?? [],
    payment: options.payment ?? defaultBaselineMotesAmount,
    chainspec: withoutFloor(chainspec),
  })
  return resign(deploy, ...(options.signers ?? [options.initiator ?? alice]))
}

/** The same deploy with its payment and session replaced (rehashed and signed by alice). */
export async function withItems(
  deploy: DeployJson,
  items: { payment?: ExecutableDeployItemJson; session?: ExecutableDeployItemJson },
  ...signers: Signer[]
): Promise<DeployJson> {
  return resign({ ...deploy, ...items }, ...signers)
}

/**
 * The node tests' `create_deploy` / `random_valid_native_transfer`: a native transfer of
 * `DEFAULT_MIN_TRANSFER_MOTES` with standard payment. The payment carries `amount` 10 as in
 * `random_valid_native_transfer`: the 2.x acceptor (`deploy_payment_is_valid`) wants an amount
 * even on a transfer, which `create_deploy`'s empty args would fail outside `is_config_compliant`.
 */
export async function transferDeploy(
  options: WasmDeployOptions & { paymentArgs?: NamedArgJson[] } = {},
): Promise<DeployJson> {
  const base = await wasmDeploy({ ...options, sessionArgs: [] })
  return withItems(base, {
    payment: { ModuleBytes: { module_bytes: '', args: options.paymentArgs ?? [u512Arg('amount', 10n)] } },
    session: {
      Transfer: {
        args: options.sessionArgs ?? [
          u512Arg('amount', defaultMinTransferMotes),
          // The acceptor (not `is_config_compliant`) also wants a target: given so only config rules speak.
          accountHashArg('target', bob.accountHash),
        ],
      },
    },
  })
}

/** Signs a TransactionV1 with each signer (the hash is the payload's, recomputed). */
export async function signTransaction(
  transaction: TransactionJson,
  ...signers: Signer[]
): Promise<TransactionJson> {
  const copy: TransactionJson = structuredClone(transaction)
  copy.Version1.hash = decodeSubmission({ transaction: copy }).computedHash
  const hash = hexToBytes(copy.Version1.hash)
  const approvals = [...(copy.Version1.approvals ?? [])]
  for (const signer of signers) {
    approvals.push({ signer: signer.publicKey, signature: bytesToHex(await signer.sign(hash)) })
  }
  copy.Version1.approvals = approvals
  return copy
}

export type WasmTransactionOptions = {
  chainspec?: Chainspec | undefined
  /** The initiator; default alice. */
  initiator?: Signer | undefined
  timestamp?: number | undefined
  ttlMs?: number | undefined
  payment?: bigint | undefined
  gasPriceTolerance?: number | undefined
  wasm?: Uint8Array | undefined
  /** Session args; default none. */
  args?: BuildSessionTransactionParameters['args'] | undefined
  signers?: Signer[] | undefined
  /** Changes the payload before it is hashed and signed. */
  edit?: ((payload: Record<string, unknown>) => void) | undefined
}

/** The node tests' `TransactionV1Builder::new_session(false, module_bytes, VmCasperV1)`, initiated and signed by alice. */
export async function wasmTransaction(options: WasmTransactionOptions = {}): Promise<TransactionJson> {
  const chainspec = options.chainspec ?? net1()
  const transaction = buildSessionTransaction({
    account: (options.initiator ?? alice).publicKey,
    chainName: chainspec.chainName,
    timestamp: options.timestamp ?? Date.now(),
    ttl: options.ttlMs ?? 30 * 60_000,
    wasm: options.wasm ?? doNothingWasm,
    args: options.args ?? [],
    payment: options.payment ?? defaultBaselineMotesAmount,
    gasPriceTolerance: options.gasPriceTolerance ?? 1,
    chainspec: withoutFloor(chainspec),
  })
  const unsigned: TransactionJson = structuredClone({
    Version1: { ...transaction.Version1, approvals: [] },
  })
  options.edit?.(unsigned.Version1.payload)
  return signTransaction(unsigned, ...(options.signers ?? [options.initiator ?? alice]))
}

/**
 * The node's error variants (casper-types `InvalidDeploy` / `InvalidTransactionV1`, the acceptor's
 * `ParameterFailure` / `DeployParameterFailure`) and the preflight code that must report each. A
 * variant the library names after the node's wording carries the text that tells it apart.
 */
export const preflightCodeOf = {
  InvalidChainName: { codes: ['WrongChain'] },
  ExcessiveTimeToLive: { codes: ['TtlTooLong'] },
  TimestampInFuture: { codes: ['FutureTimestamp'] },
  DependenciesNoLongerSupported: { codes: ['DependenciesNotAllowed'] },
  ExcessiveApprovals: { codes: ['TooManyApprovals'] },
  MissingPaymentAmount: { codes: ['MissingPaymentAmount'] },
  // The library's `InvalidPaymentAmount` is an amount that does not parse (the node's
  // `FailedToParsePaymentAmount`); the node's `InvalidPaymentAmount` (below the baseline, or zero) is
  // the library's `PaymentBelowBaseline`.
  FailedToParsePaymentAmount: { codes: ['InvalidPaymentAmount'], text: /pars/i },
  InvalidPaymentAmount: { codes: ['PaymentBelowBaseline'] },
  ExceededBlockGasLimit: { codes: ['ExceededBlockGasLimit'] },
  ExceedsBlockGasLimit: { codes: ['ExceededBlockGasLimit'] },
  NoLaneMatch: { codes: ['NoLaneMatch'] },
  GasPriceToleranceTooLow: { codes: ['GasPriceTooLow'] },
  InvalidPricingMode: { codes: ['PricingModeNotAllowed'] },
  ExcessivePaymentArgsLength: { codes: ['PaymentArgsTooLong'] },
  ExcessiveSessionArgsLength: { codes: ['SessionArgsTooLong'] },
  ExcessiveArgsLength: { codes: ['SessionArgsTooLong'] },
  MissingTransferAmount: { codes: ['MissingTransferAmount'] },
  FailedToParseTransferAmount: { codes: ['InvalidTransferAmount'] },
  InsufficientTransferAmount: { codes: ['TransferAmountTooLow'] },
  InvalidBodyHash: { codes: ['BodyHashMismatch'] },
  InvalidDeployHash: { codes: ['HashMismatch'] },
  InvalidTransactionHash: { codes: ['HashMismatch'] },
  EmptyApprovals: { codes: ['NoApprovals'] },
  InvalidApproval: { codes: ['InvalidApproval'] },
  Expired: { codes: ['Expired'] },
  NoSuchAddressableEntity: { codes: ['NoSuchAccount'] },
  InvalidAssociatedKeys: { codes: ['UnassociatedSigner'] },
  InsufficientSignatureWeight: { codes: ['BelowDeploymentThreshold'] },
  InsufficientBalance: { codes: ['InsufficientBalance'] },
  InvalidPaymentVariant: { codes: ['InvalidPaymentVariant'] },
  MissingTransferTarget: { codes: ['MissingTransferTarget'] },
  MissingModuleBytes: { codes: ['EmptyModuleBytes'] },
  // arg_handling.rs (a Native TransactionV1's args).
  MissingArg: { codes: ['MissingArg'] },
  UnexpectedArgType: { codes: ['UnexpectedArgType'] },
  InvalidArg: { codes: ['InvalidArg'] },
  InsufficientAmount: { codes: ['AmountTooLow'] },
  InvalidMinimumDelegationAmount: { codes: ['MinimumDelegationAmountTooLow'] },
  InvalidMaximumDelegationAmount: { codes: ['MaximumDelegationAmountTooHigh'] },
  InvalidReservedSlots: { codes: ['TooManyReservedSlots'] },
  InvalidDelegationAmount: { codes: ['DelegationAmountTooHigh'] },
  ExcessiveSize: { codes: ['DeployTooLarge'] },
} satisfies Record<string, { codes: string[]; text?: RegExp; notText?: RegExp }>

export type NodeVariant = keyof typeof preflightCodeOf

/** Preflight findings that are about execution, not about what the node's acceptor answers. */
const executionCodes = new Set([
  'BelowKeyManagementThreshold',
  'PaymentExceedsBalance',
  'PaymentBelowCost',
  'SessionWouldFail',
  'UnknownSession',
  'CustomPayment',
])

/** What the node's acceptor would answer, read from `preflight`: its acceptance errors in the node's order. */
export type Acceptance = { refusals: { code: string; message: string }[]; report: PreflightReturnType }

/** Runs the public `preflight` and keeps what decides acceptance (the first refusal is the node's answer). */
export async function acceptance(
  subject: DeployJson | TransactionJson,
  options: PreflightOptions & { account?: Account | undefined } = {},
): Promise<Acceptance> {
  const { account, ...rest } = options
  const report = await preflight(subject, account ?? aliceAccount, { chainspec: net1(), ...rest })
  const refusals = report.errors
    .filter((e) => !executionCodes.has(e.code))
    .map((e) => ({ code: e.code as string, message: e.message }))
  return { refusals, report }
}

/** The node refuses with this variant: it is the first acceptance error. */
export function expectRefusal(result: Acceptance, variant: NodeVariant): void {
  const expected: { codes: string[]; text?: RegExp; notText?: RegExp } = preflightCodeOf[variant]
  const first = result.refusals[0]
  expect(first, `the node refuses with ${variant}`).toBeDefined()
  expect(expected.codes, `${variant}: first refusal was ${first?.code}: ${first?.message}`).toContain(
    first?.code,
  )
  if (expected.text) expect(first?.message).toMatch(expected.text)
  if (expected.notText) expect(first?.message).not.toMatch(expected.notText)
}

/** The node accepts: no acceptance error at all. */
export function expectAccepted(result: Acceptance): void {
  expect(result.refusals).toEqual([])
}
