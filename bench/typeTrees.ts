// Time to parse, hash, describe and preflight files whose args carry wide, nested CLTypes (tuples of
// tuples, maps of maps of tuples), as deploys and as TransactionV1s, at 800 KB and at the file size
// limit. Run with `npx tsx bench/typeTrees.ts [chars…]`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAccount } from '../src/account/Account.js'
import { accountHashFromPublicKey } from '../src/account/accountHash.js'
import { main } from '../src/cli/main.js'
import { describeFile } from '../src/cosign/describeFile.js'
import { checkHashes } from '../src/cosign/hashes.js'
import { maxFileBytes, parseCosignFile } from '../src/cosign/parseCosignFile.js'
import { parseDeployJson } from '../src/cosign/parseDeployJson.js'
import { BaseError } from '../src/errors/BaseError.js'
import { describeDeploy } from '../src/preflight/describeDeploy.js'
import { preflight } from '../src/preflight/preflight.js'
import { preflightTransaction } from '../src/rpc/preflightTransaction.js'
import { deployWithArgs, hostileTypeShapes, transactionWithArgs } from '../test/typeTreeFiles.js'

const owner = '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c'
const account = createAccount(accountHashFromPublicKey(owner))
const sizes = process.argv.slice(2).map(Number)
const dir = mkdtempSync(join(tmpdir(), 'type-trees-'))

/**
 * CPU milliseconds `step` takes in this process (other work on a shared machine does not count),
 * and the code of the typed error it threw, if any.
 */
async function timed(step: () => unknown): Promise<string> {
  const start = process.cpuUsage()
  let code = ''
  try {
    await step()
  } catch (error) {
    if (!(error instanceof BaseError)) throw error
    code = ` (${error.code})`
  }
  const { user, system } = process.cpuUsage(start)
  return `${((user + system) / 1000).toFixed(0)} ms${code}`
}

const quiet = { out: () => undefined, err: () => undefined }
// The command modules load on first use: loaded once before anything is timed.
writeFileSync(join(dir, 'small.json'), JSON.stringify(transactionWithArgs([])))
await main(['describe', join(dir, 'small.json')], quiet)
console.log(
  '| file | shape | chars | parse | hash | describeFile | describeDeploy | CLI describe | preflight |',
)
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
try {
  for (const target of sizes.length > 0 ? sizes : [800_000, maxFileBytes - 10_000]) {
    for (const { name, args, pad } of hostileTypeShapes(target)) {
      for (const kind of ['deploy', 'transaction'] as const) {
        const json = kind === 'deploy' ? deployWithArgs(args, pad) : transactionWithArgs(args, pad)
        const text = JSON.stringify(json)
        const path = join(dir, `${kind}.json`)
        writeFileSync(path, text)
        let file: ReturnType<typeof parseCosignFile> | undefined
        const cells = [
          await timed(() => {
            if (kind === 'deploy') parseDeployJson(text)
            file = parseCosignFile(text)
          }),
          await timed(() => file && checkHashes(file)),
          await timed(() => file && describeFile(file)),
          await timed(() => file && describeDeploy(file, { account })),
          await timed(() => main(['describe', path], quiet)),
          await timed(() =>
            kind === 'deploy'
              ? preflight(json, account)
              : preflightTransaction(json as Parameters<typeof preflightTransaction>[0], account),
          ),
        ]
        console.log(`| ${kind} | ${name} | ${text.length} | ${cells.join(' | ')} |`)
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
