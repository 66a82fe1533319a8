// casper-js-sdk as an independent writer of a deploy's payment and session: the fuzz suites' oracle.
import type { DeployJson } from '../src/deploy/DeployJson.js'
import { sdkDeployFromJson } from '../src/deploy/sdk.js'
import { bytesToHex } from '../src/encoding/hex.js'

/**
 * The payment's or session's bytes as casper-js-sdk writes them, or `undefined` where it is no
 * oracle: it cannot read the deploy (an unknown CLType, a system PublicKey, two args of one name),
 * or it reads a value back to other bytes than given (a U512 with a trailing zero byte: defect 5 in
 * test/deploy/sdkDefects.test.ts), where casper-node hashes the bytes as given, or the item holds
 * text beyond ASCII (an entry point or arg name: it length-prefixes strings by UTF-16 code units,
 * defect 10).
 */
export function sdkItemHex(deploy: DeployJson, item: 'payment' | 'session'): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: any code point above U+007F
  if (/[^\u0000-\u007f]/.test(JSON.stringify(deploy[item]))) return undefined
  let parsed: ReturnType<typeof sdkDeployFromJson>
  try {
    parsed = sdkDeployFromJson({ ...deploy, approvals: [] })
  } catch {
    return undefined
  }
  const written = item === 'payment' ? parsed.payment : parsed.session
  const args = Object.values(deploy[item])[0]?.args ?? []
  for (const [name, value] of args) {
    const read = written.getArgByName(name)
    if (!read || bytesToHex(read.bytes()) !== value.bytes.toLowerCase()) return undefined
  }
  return bytesToHex(written.bytes())
}
