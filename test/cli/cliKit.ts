// Shared by the command-line tests: run `casper-multisig` in process, and write PEM key files.
import { generateKeyPairSync } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { parsePrivateKey } from '../../src/index.js'

export type Run = { code: number; out: string; err: string }

/** Runs the command line with captured output. */
export async function run(...argv: string[]): Promise<Run> {
  const out: string[] = []
  const err: string[] = []
  const { code } = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** A fresh key as a PEM file, in the formats casper-client and OpenSSL write. */
export function writeKey(
  dir: string,
  name: string,
  format: 'ed25519' | 'secp256k1-sec1' | 'secp256k1-pkcs8' = 'ed25519',
) {
  const pem = (
    format === 'ed25519'
      ? generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' })
      : generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey.export({
          type: format === 'secp256k1-sec1' ? 'sec1' : 'pkcs8',
          format: 'pem',
        })
  ) as string
  const path = join(dir, `${name}.pem`)
  writeFileSync(path, pem)
  const { publicKeyHex, accountHash } = parsePrivateKey(pem)
  return { path, publicKey: publicKeyHex, accountHash }
}
