// Law: preflight reports an acceptance error iff the devnet's acceptor refuses, and its first one
// has the code the devnet refused with. Generated deploys and TransactionV1 are mutations of valid
// ones (chain, TTL, timestamp, approvals, signers, gas price, payment, args, dependencies,
// thresholds, balance), on the 1.5 and 2.x rules.
import { ed25519 } from '@noble/curves/ed25519'
import { secp256k1 } from '@noble/curves/secp256k1'
import { sha256 } from '@noble/hashes/sha256'
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { type Account, createAccount } from '../../src/account/Account.js'
import { buildTwoPartyDeploy, buildTwoPartyTransaction } from '../../src/deploy/buildTwoPartyDeploy.js'
import { encodeU512 } from '../../src/deploy/clValueJson.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import type { TransactionJson } from '../../src/deploy/TransactionJson.js'
import { acceptSubmission } from '../../src/devnet/acceptSubmission.js'
import { createGenesisState, type DevnetProtocol, type DevnetState } from '../../src/devnet/DevnetState.js'
import { devnetChainspec } from '../../src/devnet/devnetChainspec.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { preflight } from '../../src/preflight/preflight.js'
import type { AcceptanceCode } from '../../src/rules/acceptanceRules.js'
import { acceptanceRuleTable } from '../../src/rules/acceptanceRules.js'
import { decodeSubmission } from '../../src/rules/decodeSubmission.js'

const alice = localSigner('a1'.repeat(32), { algorithm: 'ed25519' })
const bob = localSigner('b2'.repeat(32), { algorithm: 'secp256k1' })
const mallory = localSigner('e5'.repeat(32), { algorithm: 'ed25519' })
const now = Date.parse('2026-06-01T12:00:00.000Z')
const chainName = 'casper-devnet'
const acceptanceCodes = new Set(Object.keys(acceptanceRuleTable))

let baseDeploy: DeployJson
let baseTransaction: TransactionJson
beforeAll(async () => {
  const parameters = {
    account: alice.publicKey,
    chainName,
    deploymentAccount: bob.publicKey,
    timestamp: now - 60_000,
    ttl: '30m',
    payment: 3_000_000_000n,
  }
  baseDeploy = (await buildTwoPartyDeploy(parameters)).deploy
  baseTransaction = (await buildTwoPartyTransaction(parameters)).transaction
})

const mutation = fc.record({
  protocol: fc.constantFrom<DevnetProtocol>('1.5', '2.0'),
  chain: fc.constantFrom('casper-devnet', 'casper-devnet', 'casper-test'),
  ttl: fc.constantFrom('30m', '30m', '2h', '2h 1ms', '1day'),
  timestampOffset: fc.constantFrom(-60_000, -60_000, -3 * 3_600_000, 2_000, 2_001),
  gasPrice: fc.constantFrom(1, 1, 1, 0, 2, 255, 256, Number.MAX_SAFE_INTEGER),
  payment: fc.constantFrom<'keep' | 'missing' | 'unparsable' | bigint>(
    'keep',
    'keep',
    'missing',
    'unparsable',
    0n,
    1n,
    // either side of baseline_motes_amount (InvalidPaymentAmount below it)
    2_499_999_999n,
    2_500_000_000n,
    6_000_000_000n,
    200_000_000_000n,
    5_000_000_000_000n,
  ),
  bigArg: fc.constantFrom(0, 0, 600, 1100),
  dependencies: fc.constantFrom(0, 0, 0, 1, 11),
  signers: fc.subarray(['alice', 'bob', 'mallory', 'badSignature', 'alice'] as const),
  rehash: fc.constantFrom(true, true, true, false),
  account: fc.constantFrom<'fresh' | 'twoOfTwo' | 'none'>('fresh', 'fresh', 'twoOfTwo', 'none'),
  balance: fc.constantFrom(1_000_000_000_000n, 1_000_000_000_000n, 2_499_999_999n, 2_500_000_000n),
})
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never

function accountOf(m: Mutation): Account | undefined {
  if (m.account === 'none') return undefined
  const account = createAccount(alice.accountHash)
  if (m.account === 'fresh') return account
  return {
    ...account,
    associatedKeys: { ...account.associatedKeys, [bob.accountHash]: 1 },
    actionThresholds: { ...account.actionThresholds, deployment: 2, keyManagement: 2 },
  }
}

function stateOf(m: Mutation, account: Account | undefined): DevnetState {
  const state = createGenesisState(chainName, m.protocol, now - 3_600_000)
  if (account) {
    state.accounts[alice.accountHash] = {
      publicKey: alice.publicKey,
      account,
      mainPurse: `uref-${'00'.repeat(32)}-007`,
      balance: m.balance,
    }
  }
  return state
}

const secrets = { alice: 'a1'.repeat(32), bob: 'b2'.repeat(32), mallory: 'e5'.repeat(32) } as const

/**
 * Tagged signature hex (01 or 02 + 64 bytes), signed with noble directly: localSigner's checks cost ms
 * per call.
 */
function sign(who: 'alice' | 'bob' | 'mallory', message: Uint8Array): string {
  const secret = hexToBytes(secrets[who])
  if (who === 'bob')
    return `02${bytesToHex(secp256k1.sign(sha256(message), secret, { lowS: true }).toCompactRawBytes())}`
  return `01${bytesToHex(ed25519.sign(message, secret))}`
}

async function approve(hash: string, m: Mutation) {
  return m.signers.map((who) => {
    const name = who === 'badSignature' ? 'alice' : who
    const signer = { alice, bob, mallory }[name]
    // badSignature: Alice's signature over another message, which verifies as nothing.
    return {
      signer: signer.publicKey,
      signature: sign(name, who === 'badSignature' ? new Uint8Array(32) : hexToBytes(hash)),
    }
  })
}

function paymentArgs(m: Mutation): DeployJson['payment'] {
  const amount = (bytes: string, type: unknown = 'U512') =>
    [['amount', { cl_type: type, bytes }]] as DeployJson['payment'][string]['args']
  if (m.payment === 'keep') return baseDeploy.payment
  if (m.payment === 'missing') return { ModuleBytes: { module_bytes: '', args: [] } }
  if (m.payment === 'unparsable')
    return { ModuleBytes: { module_bytes: '', args: amount('0100000000000000', 'U64') } }
  return { ModuleBytes: { module_bytes: '', args: amount(bytesToHex(encodeU512(m.payment))) } }
}

async function deployFor(m: Mutation): Promise<DeployJson> {
  const deploy = structuredClone(baseDeploy)
  deploy.header.chain_name = m.chain
  deploy.header.ttl = m.ttl
  deploy.header.timestamp = new Date(now + m.timestampOffset).toISOString()
  deploy.header.gas_price = m.gasPrice
  deploy.header.dependencies = Array.from({ length: m.dependencies }, (_, i) =>
    bytesToHex(new Uint8Array(32).fill(i + 1)),
  )
  deploy.payment = paymentArgs(m)
  const session = deploy.session.ModuleBytes!
  if (m.bigArg > 0)
    session.args.push(['pad', { cl_type: { ByteArray: m.bigArg }, bytes: '00'.repeat(m.bigArg) }])
  if (m.rehash) {
    // A gas price above 2^53 - 1 is refused by the parser itself (test/deploy/hostileDeploy.test.ts).
    deploy.header.body_hash = decodeSubmission({ deploy }).computedBodyHash
    deploy.hash = decodeSubmission({ deploy }).computedHash
  }
  deploy.approvals = await approve(deploy.hash, m)
  return deploy
}

async function transactionFor(m: Mutation): Promise<TransactionJson> {
  const transaction = structuredClone(baseTransaction)
  const payload = transaction.Version1.payload as unknown as Record<string, unknown> & {
    pricing_mode: { PaymentLimited: { gas_price_tolerance: number; payment_amount: number } }
    fields: { args: { Named: unknown[] } }
  }
  payload.chain_name = m.chain
  payload.ttl = m.ttl
  payload.timestamp = new Date(now + m.timestampOffset).toISOString()
  payload.pricing_mode.PaymentLimited.gas_price_tolerance = Math.min(m.gasPrice, 255)
  if (typeof m.payment === 'bigint') payload.pricing_mode.PaymentLimited.payment_amount = Number(m.payment)
  if (m.bigArg > 0)
    payload.fields.args.Named.push([
      'pad',
      { cl_type: { ByteArray: m.bigArg }, bytes: '00'.repeat(m.bigArg) },
    ])
  if (m.rehash) transaction.Version1.hash = decodeSubmission({ transaction }).computedHash
  transaction.Version1.approvals = await approve(transaction.Version1.hash, m)
  return transaction
}

/** The devnet's code, or `null` when it accepts. */
function devnetVerdict(state: DevnetState, input: { deploy: DeployJson } | { transaction: TransactionJson }) {
  const verdict =
    'deploy' in input
      ? acceptSubmission(state, input, 'account_put_deploy', now)
      : acceptSubmission(state, input, 'account_put_transaction', now)
  if (verdict.ok) return null
  return 'violation' in verdict ? verdict.violation.code : `invalid params: ${verdict.invalidParams}`
}

async function preflightVerdict(
  m: Mutation,
  state: DevnetState,
  account: Account | undefined,
  input: DeployJson | TransactionJson,
) {
  const report = await preflight(input, account ?? createAccount(alice.accountHash), {
    chainspec: devnetChainspec(state),
    now,
    balance: account ? m.balance : undefined,
  })
  const codes = report.errors.map((e) => e.code).filter((code) => acceptanceCodes.has(code))
  return { codes: codes as AcceptanceCode[], first: codes[0] ?? null }
}

describe('preflight and the devnet agree on every rule', () => {
  test('deploys', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const account = accountOf(m)
        const state = stateOf(m, account)
        const deploy = await deployFor(m)
        const devnet = devnetVerdict(state, { deploy })
        if (account === undefined) {
          // preflight is given an account; only the devnet can say there is none.
          expect(devnet).not.toBeNull()
          return
        }
        const { first } = await preflightVerdict(m, state, account, deploy)
        expect(first).toBe(devnet)
      }),
      { numRuns: 1500 },
    )
  }, 120_000)

  test('TransactionV1 (2.x)', async () => {
    await fc.assert(
      fc.asyncProperty(
        mutation.map((m) => ({ ...m, protocol: '2.0' as const, dependencies: 0 as const })),
        async (m) => {
          const account = accountOf(m)
          const state = stateOf(m, account)
          const transaction = await transactionFor(m)
          const devnet = devnetVerdict(state, { transaction })
          if (account === undefined) {
            expect(devnet).not.toBeNull()
            return
          }
          const { first } = await preflightVerdict(m, state, account, transaction)
          expect(first).toBe(devnet)
        },
      ),
      { numRuns: 1000 },
    )
  }, 120_000)
})
