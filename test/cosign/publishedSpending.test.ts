// Published deploys and transactions that spend, described with exactly their amounts and targets:
// the node's and the sidecar's RPC schema examples, casper-js-sdk 2.15.4's transfer, and an add_bid
// sent on mainnet in 2022 (test/vectors/README.md says where each comes from).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { CosignFile } from '../../src/cosign/CosignFile.js'
import { mainnet } from '../../src/cosign/cosignNetwork.js'
import { describeFile } from '../../src/cosign/describeFile.js'
import { descriptionLines } from '../../src/cosign/descriptionLines.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'

const vector = (name: string) => readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8')

/** Described on its own chain, a second after it was made. */
function described(file: CosignFile) {
  const chainName = file.kind === 'deploy' ? file.header.chain_name : file.payload.chainName
  const timestamp = Number(file.kind === 'deploy' ? file.header.timestamp : file.payload.timestamp)
  return describeFile(file, { network: { ...mainnet, chainName }, now: timestamp + 1_000 })
}

describe('published spending files', () => {
  it("the sidecar's TransactionV1 native transfer: 30 CSPR from one purse to another, transfer id 999", () => {
    const d = described(
      parseCosignFile(vector('transaction_v1_native-transfer_rpc-schema-example_casper-sidecar.json')),
    )
    expect(d.code).toEqual({
      kind: 'transfer',
      entryPoint: 'Transfer',
      amount: 30_000_000_000n,
      target: { kind: 'purse', uref: `uref-${'1b'.repeat(32)}-000` },
      source: `uref-${'0a'.repeat(32)}-007`,
      id: 999n,
    })
    expect(descriptionLines(d)).toContain(
      `Session: native transfer of 30 CSPR (30000000000 motes) to purse uref-${'1b'.repeat(32)}-000, from purse uref-${'0a'.repeat(32)}-007, transfer id 999`,
    )
    // Its fixed pricing is not what mainnet runs: the one reason not to sign.
    expect(d.doNotSign).toEqual([expect.stringMatching(/^the pricing is fixed pricing/)])
  })

  it("casper-js-sdk 2.15.4's deploy transfer: 24.5 CSPR to an account hash, id 999, and an arg no transfer reads", () => {
    const d = described(
      parseCosignFile(
        JSON.stringify(
          JSON.parse(vector('deploy_transfer_with-expected-bytes_casper-js-sdk-2.15.4.json')).deploy,
        ),
      ),
    )
    // The extra `additional_info` is not explained: DO NOT SIGN, with every arg shown in full.
    expect(d.doNotSign[0]).toBe(
      'the transfer cannot be explained in full: an arg additional_info the node does not read for it',
    )
    const lines = descriptionLines(d)
    expect(lines).toContain('  arg amount: U512 = 24500000000')
    expect(lines).toContain(`  arg target: ByteArray(32) = ${'01'.repeat(32)}`)
    expect(lines).toContain('  arg id: Option<U64> = Some(999)')
  })

  it("the node's 1.5 RPC example deploy is no transfer the node runs (an I32 amount, no target): DO NOT SIGN", () => {
    const d = described(parseCosignFile(vector('deploy_transfer_rpc-schema-example_casper-node-v1.5.8.json')))
    expect(d.doNotSign[0]).toBe(
      'the transfer cannot be explained in full: arg amount is I32, expected U512; no target arg',
    )
    expect(descriptionLines(d)).toContain('  arg amount: I32 = 1000')
  })

  it('a mainnet add_bid deploy of 2022: 97 CSPR staked by its validator through the auction contract', () => {
    const d = described(parseCosignFile(vector('deploy_add-bid_mainnet-2022_casper-sidecar.json')))
    expect(d.code).toEqual({
      kind: 'bid',
      entryPoint: 'add_bid',
      validator: '01786c83c59eba29e1f4ae4ee601040970665a816ac5bf856108222b72723f782a',
      amount: 97_000_000_000n,
      delegationRate: 0,
      minimumDelegationAmount: undefined,
      maximumDelegationAmount: undefined,
      reservedSlots: undefined,
      newPublicKey: undefined,
      reservations: undefined,
      delegators: undefined,
      contract: mainnet.auctionContractHash,
    })
    expect(d.doNotSign).toEqual([])
  })
})
