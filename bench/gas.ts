// Wasm size and emulated gas of the bundled sessions next to the host-call floor: the gas of the host
// calls and account writes alone, which no session code can avoid. Run with `npm run bench`.
import {
  type Account,
  type Chainspec,
  casper15,
  casperMainnet,
  configureAccountArgs,
  configureAccountWasm,
  createAccount,
  emulateSession,
  type SessionGas,
  twoPartyMultiSigArgs,
  twoPartyMultiSigWasm,
} from 'casper-multisig'

const hash = (n: number) => n.toString(16).padStart(8, '0').repeat(8)
const owner = hash(0)

function row(name: string, size: number, gas: SessionGas): string {
  const floor = gas.hostFunctions + gas.storage
  const overhead = Number(gas.total - floor) / Number(floor)
  return `| ${name} | ${size} | ${gas.total} | ${floor} | ${gas.opcodes} | ${(overhead * 100).toFixed(3)}% |`
}

for (const chainspec of [casperMainnet, casper15]) console.log(`\n${await table(chainspec)}`)

async function table(chainspec: Chainspec): Promise<string> {
  const lines = [
    `casper-node ${chainspec.protocolVersion} (${chainspec.chainName})`,
    '',
    '| session | Wasm bytes | total gas | host-call floor | opcode gas | overhead |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ]
  const twoParty = await emulateSession({
    wasm: twoPartyMultiSigWasm,
    args: twoPartyMultiSigArgs(hash(1)),
    account: createAccount(owner),
    signers: [owner],
    chainspec,
  })
  lines.push(row('two-party-multi-sig, fresh account', twoPartyMultiSigWasm.length, twoParty.gas))

  for (const adds of [1, 10, 99]) {
    const account: Account = createAccount(owner)
    const add = Array.from({ length: adds }, (_, i) => ({ accountHash: hash(i + 1), weight: 1 }))
    const result = await emulateSession({
      wasm: configureAccountWasm,
      args: configureAccountArgs({ add, deployment: 2, keyManagement: 2 }).map((a) => ({
        name: a.name,
        value: a.bytes,
      })),
      account,
      signers: [owner],
      chainspec,
    })
    if (!result.ok) throw new Error(result.failure?.message)
    lines.push(
      row(
        `configure-account, ${adds} add(s) + 2 thresholds -> ${adds + 1} keys`,
        configureAccountWasm.length,
        result.gas,
      ),
    )
  }
  return lines.join('\n')
}
