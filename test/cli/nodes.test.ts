// Nodes are checked, not believed: a mainnet or testnet node's chainspec is compared with the
// bundled preset, the node read is named (redacted), and two nodes must agree.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Account } from '../../src/account/Account.js'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import type { Chainspec } from '../../src/chainspec/Chainspec.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { casperTestnet } from '../../src/chainspec/casperTestnet.js'
import { chainspecPreset } from '../../src/chainspec/chainspecPreset.js'
import { compareChainspecs } from '../../src/chainspec/compareChainspecs.js'
import { parseChainspec } from '../../src/chainspec/parseChainspec.js'
import { main } from '../../src/cli/main.js'
import { buildTwoPartyDeploy } from '../../src/deploy/buildTwoPartyDeploy.js'
import { stringifyDeployJson } from '../../src/deploy/stringifyDeployJson.js'
import { chainspecToml } from '../../src/devnet/chainspecToml.js'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { redactUrl } from '../../src/text/redactUrl.js'

const alice = localSigner('a1'.repeat(32), { algorithm: 'ed25519' })
const bob = localSigner('b2'.repeat(32), { algorithm: 'ed25519' })
const mallory = localSigner('e5'.repeat(32), { algorithm: 'ed25519' })

/** Mainnet's rules with the Wasm lanes' gas limits ten times larger: a node that turns the payment check off. */
const looser: Chainspec = {
  ...casperMainnet,
  lanes: casperMainnet.lanes.map((lane) =>
    lane.kind === 'wasm' ? { ...lane, maxGasLimit: lane.maxGasLimit * 10n } : lane,
  ),
}

let dir: string
const devnets: Devnet[] = []

async function run(...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const { code } = await main(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: { CASPER_MULTISIG_CONFIG_DIR: join(dir, 'config') },
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

async function devnet(options: Parameters<typeof startDevnet>[0] = {}) {
  const started = await startDevnet({ blockIntervalMs: 60_000, onError: () => {}, ...options })
  devnets.push(started)
  await started.createAccount({ publicKey: alice.publicKey })
  return started
}

/**
 * Test only: rewrites an account in a devnet's live state, to imitate a node that lies about it
 * (the devnet's API offers no such thing).
 */
function alterAccount(node: Devnet, change: (account: Account) => Account) {
  const entry = node.state.accounts[alice.accountHash]!
  entry.account = change(entry.account)
}

/** Alice's deploy adding bob, for `chainName`, signed by the given keys. */
async function deployFile(name: string, chainName: string, signers = [alice]) {
  const { deploy } = await buildTwoPartyDeploy({
    account: alice.publicKey,
    chainName,
    deploymentAccount: bob.publicKey,
  })
  let signed = deploy
  for (const signer of signers) signed = await signDeploy(signed, signer)
  const path = join(dir, name)
  writeFileSync(path, stringifyDeployJson(signed))
  return path
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-nodes-'))
})

afterAll(async () => {
  await Promise.all(devnets.map((d) => d.stop()))
  rmSync(dir, { recursive: true, force: true })
})

describe('compareChainspecs', () => {
  test('the presets, and a preset read back from its chainspec.toml, have no difference', () => {
    expect(compareChainspecs(casperMainnet, casperMainnet)).toEqual([])
    expect(compareChainspecs(parseChainspec(chainspecToml(casperTestnet)), casperTestnet)).toEqual([])
    expect(chainspecPreset('casper')).toBe(casperMainnet)
    expect(chainspecPreset('casper-test')).toBe(casperTestnet)
    expect(chainspecPreset('casper-devnet')).toBeUndefined()
  })

  test('larger limits, smaller minimums and other rules loosen; tighter limits do not', () => {
    const loose = compareChainspecs(looser, casperMainnet)
    expect(loose.map((d) => [d.field, d.loosens])).toEqual([
      ['transactions.v1 lane 3 max_transaction_gas_limit', true],
      ['transactions.v1 lane 4 max_transaction_gas_limit', true],
      ['transactions.v1 lane 5 max_transaction_gas_limit', true],
    ])
    expect(loose[2]).toMatchObject({ served: '50000000000', reference: '5000000000' })
    const changed = (c: Partial<Chainspec>) =>
      compareChainspecs({ ...casperMainnet, ...c }, casperMainnet).map((d) => [d.field, d.loosens])
    expect(changed({ maxTtlMs: casperMainnet.maxTtlMs * 2 })).toEqual([['transactions.max_ttl', true]])
    expect(changed({ maxTtlMs: casperMainnet.maxTtlMs / 2 })).toEqual([['transactions.max_ttl', false]])
    expect(changed({ maxAssociatedKeys: 101 })).toEqual([['core.max_associated_keys', true]])
    expect(changed({ nativeTransferMinimumMotes: 1n })).toEqual([
      ['transactions.native_transfer_minimum_motes', true],
    ])
    expect(changed({ baselineMotesAmount: 1n })).toEqual([['core.baseline_motes_amount', true]])
    expect(changed({ refundHandling: { type: 'refund', ratio: [99, 100] } })).toEqual([
      ['core.refund_handling', true],
    ])
    expect(changed({ feeHandling: { type: 'pay_to_proposer' } })).toEqual([['core.fee_handling', true]])
    const capped = { ...casperMainnet, deploy: { ...casperMainnet.deploy, maxPaymentCost: 5n } }
    expect(compareChainspecs(casperMainnet, capped)).toEqual([
      { field: 'transactions.deploy.max_payment_cost', served: '0 (no cap)', reference: '5', loosens: true },
    ])
  })

  test('redactUrl drops userinfo, query and fragment', () => {
    expect(redactUrl('https://user:secret@node.example:7777/rpc?token=abc#x')).toBe(
      'https://***@node.example:7777/rpc?token=***#***',
    )
    expect(redactUrl('http://127.0.0.1:7777/rpc')).toBe('http://127.0.0.1:7777/rpc')
  })
})

describe('a node is checked against the preset of its chain', () => {
  let honest: Devnet
  let lying: Devnet
  let file: string

  beforeAll(async () => {
    ;[honest, lying] = await Promise.all([
      devnet({ chainName: 'casper', chainspec: casperMainnet }),
      devnet({ chainName: 'casper', chainspec: looser }),
    ])
    file = await deployFile('mainnet.json', 'casper')
  })

  test('a mainnet node serving the preset is used, and named', async () => {
    const ran = await run('describe', file, '-n', honest.url)
    expect(ran.err).toBe('')
    expect(ran.out.split('\n')).toContain(
      `Node: ${honest.url} (chainspec checked against the bundled casper preset)`,
    )
    const json = JSON.parse((await run('describe', file, '-n', honest.url, '--json')).out)
    expect(json.node).toEqual({ urls: [honest.url], chainspec: { kind: 'preset', chainName: 'casper' } })
  })

  test('a mainnet node whose chainspec loosens a check is refused by describe, status and send', async () => {
    for (const command of ['describe', 'status', 'send']) {
      const ran = await run(command, file, '-n', lying.url)
      expect(ran.code, command).toBe(1)
      expect(ran.err).toContain("The node's chainspec loosens the checks of the bundled casper chainspec")
      expect(ran.err).toContain(`node: ${lying.url}`)
      expect(ran.err).toContain(
        'chainspec transactions.v1 lane 5 max_transaction_gas_limit: 50000000000 (node), 5000000000 (preset 2.2.0)',
      )
      expect(ran.err).toContain('--chainspec FILE')
    }
  })

  test('--chainspec FILE: the user’s own rules apply, and the output says so', async () => {
    const own = join(dir, 'chainspec.toml')
    writeFileSync(own, chainspecToml(casperMainnet))
    const ran = await run('describe', file, '-n', lying.url, '--chainspec', own)
    expect(ran.err).toBe('')
    expect(ran.out.split('\n')).toContain(`Node: ${lying.url} (chainspec: yours, ${own})`)
    const otherChain = join(dir, 'testnet.toml')
    writeFileSync(otherChain, chainspecToml(casperTestnet))
    const refused = await run('describe', file, '-n', lying.url, '--chainspec', otherChain)
    expect(refused.code).toBe(1)
    expect(refused.err).toContain('The node names another chain than its chainspec or yours')
  })

  test('a devnet chain has no preset: used, and said to be unchecked; a query string is not shown', async () => {
    const dev = await devnet()
    const devFile = await deployFile('devnet.json', dev.chainName)
    // A proxy that wants a token in the query, as some node providers do; the devnet serves /rpc only.
    const proxy = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', async () => {
        const answer = await fetch(dev.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: Buffer.concat(chunks),
        })
        response.writeHead(answer.status, { 'content-type': 'application/json' })
        response.end(Buffer.from(await answer.arrayBuffer()))
      })
    })
    await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done))
    const { port } = proxy.address() as AddressInfo
    try {
      const ran = await run('describe', devFile, '-n', `http://127.0.0.1:${port}/rpc?token=s3cret`)
      expect(ran.err).toBe('')
      expect(ran.out).not.toContain('s3cret')
      expect(ran.out.split('\n')).toContain(
        `Node: http://127.0.0.1:${port}/rpc?token=*** (chainspec of the node, not checked against a preset (none for casper-devnet))`,
      )
      const json = JSON.parse(
        (await run('describe', devFile, '-n', `http://127.0.0.1:${port}/rpc?token=s3cret`, '--json')).out,
      )
      expect(json.node.urls).toEqual([`http://127.0.0.1:${port}/rpc?token=***`])
    } finally {
      await new Promise<void>((done) => proxy.close(() => done()))
    }
  })
})

describe('two nodes must agree', () => {
  let first: Devnet
  let second: Devnet
  let file: string

  beforeAll(async () => {
    ;[first, second] = await Promise.all([devnet(), devnet()])
    // alice and bob, 2 of 2 for key management, on both nodes.
    for (const node of [first, second]) {
      alterAccount(node, (account) => ({
        ...account,
        associatedKeys: { [alice.accountHash]: 1, [bob.accountHash]: 1 },
        actionThresholds: { deployment: 1, keyManagement: 2 },
      }))
    }
    // Signed by alice and by mallory, whom the account does not hold.
    file = await deployFile('two-nodes.json', first.chainName, [alice, mallory])
  })

  test('two nodes that agree are both named; the progress is not complete', async () => {
    const ran = await run('status', file, '-n', first.url, '-n', second.url)
    expect(ran.out.split('\n')).toContain(
      `Nodes: ${first.url} and ${second.url} agree on the account and the chainspec (chainspec of the node, not checked against a preset (none for casper-devnet))`,
    )
    expect(ran.out).toContain('Not ready')
    expect(ran.code).toBe(3)
  })

  test('a node that invents an associated key does not make status complete: the disagreement is an error naming both', async () => {
    alterAccount(second, (account) => ({
      ...account,
      associatedKeys: { ...account.associatedKeys, [mallory.accountHash]: 1 },
    }))
    // Believed alone, the lying node makes the file look complete.
    const alone = await run('status', file, '-n', second.url)
    expect(alone.out).toContain('complete')
    const ran = await run('status', file, '-n', first.url, '-n', second.url, '--json')
    expect(ran.code).toBe(1)
    expect(JSON.parse(ran.out).error.code).toBe('NodesDisagree')
    expect(ran.err).toContain(`The nodes disagree: ${first.url} and ${second.url}`)
    expect(ran.err).toContain(
      `associated key at ${second.url} only: account-hash-${mallory.accountHash} weight 1`,
    )
    const described = await run('describe', file, '-n', first.url, '-n', second.url)
    expect(described.code).toBe(1)
    expect(described.err).toContain('The nodes disagree')
  })

  test('thresholds that differ, and a third node, are named', async () => {
    alterAccount(second, (account) => ({
      ...account,
      associatedKeys: { [alice.accountHash]: 1, [bob.accountHash]: 1 },
      actionThresholds: { deployment: 1, keyManagement: 1 },
    }))
    const ran = await run('status', file, '-n', first.url, '-n', second.url)
    expect(ran.code).toBe(1)
    expect(ran.err).toContain(
      `thresholds: deployment 1, key management 2 at ${first.url}; deployment 1, key management 1 at ${second.url}`,
    )
    const three = await run('status', file, '-n', first.url, '-n', second.url, '-n', first.url)
    expect(three.code).toBe(2)
    expect(three.err).toContain('At most two --node')
  })
})
