// Shared by the command-line tests: the built CLI run as a subprocess, and PEM key files.
import { generateKeyPairSync } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { parsePrivateKey } from '../../src/index.js'
import { removeBuiltCli } from './cliProcess.js'

export { builtCli, type CliOptions, cli, type Run, run } from './cliProcess.js'

// The bundle goes when the test file is done (after the file's own afterAll hooks).
afterAll(() => {
  removeBuiltCli()
})

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
  writeFileSync(path, pem, { mode: 0o600 })
  const { publicKeyHex, accountHash } = parsePrivateKey(pem)
  return { path, publicKey: publicKeyHex, accountHash }
}

/** A loopback port nothing listens on (taken from the system, then released). */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net')
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as { port: number }
  await new Promise<void>((done) => server.close(() => done()))
  return port
}
