// Runs dist/cosign.html from file:// in headless Chromium: review, sign with a key file and with a
// provider that behaves like Casper Wallet, download, refuse tampered / expired / wrong-chain files,
// and merge copies with a forged approval. `--screenshots` writes docs/images/cosign-*.png (cosign-phone.png at 390 px).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { secp256k1 } from '@noble/curves/secp256k1'
import { sha256 } from '@noble/hashes/sha2'
import { chromium, type Page } from 'playwright-core'
import {
  deployHashes,
  parseCosignFile,
  signFile,
  stringifyCosignFile,
  testnet,
  transactionHash,
  verifyFile,
} from '../src/cosign/index.js'
import { sdk } from '../src/deploy/sdk.js'
import { bytesToHex, hexToBytes } from '../src/encoding/hex.js'
import { localSigner } from '../src/keys/localSigner.js'
import { verifyApproval } from '../src/keys/verifyApproval.js'
import { twoPartyMultiSigWasm } from '../src/wasm/modules/twoPartyMultiSigWasm.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const screenshots = process.argv.includes('--screenshots')
const dir = mkdtempSync(join(tmpdir(), 'cosign-page-'))
const vector = (name: string) => readFileSync(`${root}test/vectors/${name}`, 'utf8')
const ed25519Secret = '0f'.repeat(32)
const secpSecret = '11'.repeat(32)
const bobHash = 'c863d586aaf1385967d64d1408c3eef500c1df401db5203bce3d8e1113c76234'
const aliceHash = '83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2'
/** The account before the two-party change, as state_get_account_info returns it. */
const accountJson = JSON.stringify({
  account: {
    account_hash: `account-hash-${aliceHash}`,
    associated_keys: [{ account_hash: `account-hash-${aliceHash}`, weight: 1 }],
    action_thresholds: { deployment: 1, key_management: 1 },
  },
})
/** The address book plan writes (labels.json). */
const addressBook = JSON.stringify({
  [`account-hash-${aliceHash}`]: 'alice',
  [`account-hash-${bobHash}`]: 'bob',
})
const results: string[] = []
let failures = 0

function check(name: string, ok: boolean, detail = ''): void {
  results.push(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`)
  if (!ok) failures++
}

/** A fresh, unsigned copy of a vector: the bundled two-party-multi-sig session, timestamped now. */
function fresh(kind: 'deploy' | 'transaction', edit?: (json: Record<string, unknown>) => void): string {
  const json = JSON.parse(
    vector(
      kind === 'deploy'
        ? 'SYNTHETIC_deploy_multisig_modulebytes_2approvals.json'
        : 'SYNTHETIC_transaction_v1_session_2approvals.json',
    ),
  )
  const inner = json.Version1 ?? json.deploy ?? json
  const now = new Date(Date.now() - 60_000).toISOString()
  if (kind === 'deploy') {
    inner.header.timestamp = now
    inner.session.ModuleBytes.module_bytes = bytesToHex(twoPartyMultiSigWasm)
  } else {
    inner.payload.timestamp = now
    inner.payload.fields.target.Session.module_bytes = bytesToHex(twoPartyMultiSigWasm)
  }
  edit?.(inner)
  inner.approvals = []
  const file = parseCosignFile(JSON.stringify(json))
  if (file.kind === 'deploy') {
    const { bodyHash, hash } = deployHashes(file)
    inner.header.body_hash = bodyHash
    inner.hash = hash
  } else inner.hash = transactionHash(file)
  return JSON.stringify(json, null, 2)
}

function write(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

/** PKCS#8 PEM of an ed25519 secret key, as casper-client keygen writes secret_key.pem. */
function ed25519Pem(secret: string): string {
  const der = Buffer.concat([
    Buffer.from('302e020100300506032b657004220420', 'hex'),
    Buffer.from(secret, 'hex'),
  ])
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64')}\n-----END PRIVATE KEY-----\n`
}

async function downloadOf(page: Page, button: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ])
  return readFileSync((await download.path())!, 'utf8')
}

/** Waits for the verdict: not while the session is still emulated. */
async function verdictShown(page: Page): Promise<void> {
  await page.locator('#verdict h2', { hasText: /^(Safe to sign|DO NOT SIGN)/ }).waitFor()
}

async function shot(page: Page, name: string): Promise<void> {
  if (screenshots) await page.screenshot({ path: `${root}docs/images/${name}.png`, fullPage: true })
}

const deployPath = write('deploy.json', fresh('deploy'))
const transactionPath = write('transaction.json', fresh('transaction'))
const keyPath = write('secret_key.pem', ed25519Pem(ed25519Secret))
const secpPublicKey = `02${bytesToHex(secp256k1.getPublicKey(hexToBytes(secpSecret), true))}`

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
try {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1100, height: 900 } })
  // Casper Wallet's provider API (make-software/casper-wallet `src/content/sdk.ts`): sign(json,
  // publicKeyHex) → { cancelled, signature } with the raw 64-byte signature and no tag. The key stays in
  // Node, as a wallet keeps it outside the page.
  await context.exposeBinding('walletSign', (_source, hashHex: string) =>
    bytesToHex(
      secp256k1
        .sign(sha256(hexToBytes(hashHex)), hexToBytes(secpSecret), { prehash: false, lowS: true })
        .toBytes('compact'),
    ),
  )
  // A string, not a function: tsx's helpers (__name) do not exist in the page.
  await context.addInitScript(`
    window.CasperWalletProvider = () => ({
      requestConnection: async () => true,
      getActivePublicKey: async () => ${JSON.stringify(secpPublicKey)},
      sign: async (json, signer) => {
        if (signer !== ${JSON.stringify(secpPublicKey)}) return { cancelled: true, message: 'not connected' }
        const parsed = JSON.parse(json)
        const inner = parsed.Version1 ?? parsed.transaction?.Version1 ?? parsed.deploy ?? parsed
        const signatureHex = await window.walletSign(inner.hash)
        const signature = new Uint8Array(signatureHex.match(/../g).map((b) => Number.parseInt(b, 16)))
        return { cancelled: false, signatureHex, signature }
      },
    })
  `)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(String(error)))
  page.on('request', (request) => {
    if (!request.url().startsWith('file:') && !request.url().startsWith('blob:'))
      errors.push(`network request ${request.url()}`)
  })
  const url = `file://${root}dist/cosign.html`
  await page.goto(url)
  const network = page.getByLabel('Network')
  await network.selectOption('casper-test')

  // A deploy signed with a key file, reviewed against the account as it is now, keys named by the
  // address book plan writes.
  await page.getByLabel('Address book', { exact: true }).setInputFiles(write('labels.json', addressBook))
  await page.getByText(/^2 names loaded/).waitFor()
  await page.getByLabel(/^Account JSON/).fill(accountJson)
  await page.getByLabel('Deploy file', { exact: true }).setInputFiles(deployPath)
  const verdict = page.getByRole('alert')
  await verdictShown(page)
  check('deploy: safe to sign', (await verdict.locator('h2').textContent()) === 'Safe to sign')
  const details = (await page.locator('#details').textContent()) ?? ''
  check(
    'deploy: full key change shown, named',
    details.includes(`add key account-hash-${bobHash} (bob) with weight 1`),
  )
  const progress = (await page.locator('#progress').textContent()) ?? ''
  check(
    'deploy: signatures still needed',
    progress ===
      `Still needed: weight 1 more (key management threshold 1), from one of: account-hash-${aliceHash} (alice)`,
    progress,
  )
  check('deploy: module named', details.includes('two-party-multi-sig (bundled, sha256 '))
  await page
    .locator('#outcome')
    .getByText(/^thresholds:/)
    .waitFor()
  const outcome = (await page.locator('#outcome').textContent()) ?? ''
  check(
    'deploy: emulated result and expected charge',
    outcome.includes(`account-hash-${bobHash} (bob) weight 1`) &&
      outcome.includes('thresholds: deployment 2, key management 2') &&
      /Expected charge: [0-9.]+ CSPR/.test(outcome),
    outcome.slice(-120),
  )
  check('deploy: full hash shown', details.includes(JSON.parse(readFileSync(deployPath, 'utf8')).hash))
  await shot(page, 'cosign-review')
  // The same on a 390 px phone: hashes wrap between groups of 8, nothing runs off the screen.
  await page.setViewportSize({ width: 390, height: 844 })
  const phone = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    broken: Array.from(document.querySelectorAll('.hash > span')).filter(
      (g) => g.getClientRects().length !== 1,
    ).length,
  }))
  check(
    'phone: no overflow, no hash broken inside a group',
    phone.width <= 390 && phone.broken === 0,
    JSON.stringify(phone),
  )
  if (screenshots) await page.locator('#details').screenshot({ path: `${root}docs/images/cosign-phone.png` })
  await page.setViewportSize({ width: 1100, height: 900 })
  await page.getByLabel('Secret key file', { exact: true }).setInputFiles(keyPath)
  await page.getByRole('button', { name: 'Sign', exact: true }).click()
  await page.getByText(/^Signed by /).waitFor()
  const signedDeploy = await downloadOf(page, 'Download signed copy')
  const parsedDeploy = parseCosignFile(signedDeploy)
  const deployApproval = parsedDeploy.approvals[0]!
  check('deploy: approval verifies outside the browser', verifyApproval(parsedDeploy.hash, deployApproval).ok)
  let sdkOk = false
  try {
    sdkOk = sdk.Deploy.fromJSON(JSON.parse(signedDeploy)).validate()
  } catch (error) {
    errors.push(`casper-js-sdk refused the signed deploy: ${error}`)
  }
  check('deploy: casper-js-sdk validates the signed copy', sdkOk)
  await shot(page, 'cosign-signed')

  // A transaction signed through the injected Casper Wallet provider.
  await page.reload()
  await network.selectOption('casper-test')
  await page.getByLabel('Deploy file', { exact: true }).setInputFiles(transactionPath)
  await verdictShown(page)
  check('transaction: safe to sign', (await verdict.locator('h2').textContent()) === 'Safe to sign')
  const wallet = page.getByRole('button', { name: 'Sign with Casper Wallet' })
  check('transaction: wallet button enabled', await wallet.isEnabled())
  await wallet.click()
  await page.getByText(/^(Signed by |Not signed)/).waitFor()
  const signedTransaction = await downloadOf(page, 'Download signed copy')
  const parsedTransaction = parseCosignFile(signedTransaction)
  const walletApproval = parsedTransaction.approvals[0]
  check(
    'transaction: wallet approval tagged and verifies outside the browser',
    walletApproval?.signer === secpPublicKey &&
      walletApproval.signature.startsWith('02') &&
      verifyApproval(parsedTransaction.hash, walletApproval).ok,
  )
  let sdkTxOk = false
  try {
    sdkTxOk = sdk.TransactionV1.fromJSON(
      JSON.parse(signedTransaction).Version1 ?? JSON.parse(signedTransaction),
    ).validate()
  } catch (error) {
    errors.push(`casper-js-sdk refused the signed transaction: ${error}`)
  }
  check('transaction: casper-js-sdk validates the signed copy', sdkTxOk)

  // Refusals: tampered, expired, wrong chain.
  const refused = async (name: string, path: string, reason: string, chain = 'casper-test') => {
    await page.reload()
    await network.selectOption(chain)
    await page.getByLabel('Deploy file', { exact: true }).setInputFiles(path)
    await verdictShown(page)
    const text = (await verdict.textContent()) ?? ''
    await page.getByLabel('Secret key file', { exact: true }).setInputFiles(keyPath)
    const signDisabled = await page.getByRole('button', { name: 'Sign', exact: true }).isDisabled()
    const walletDisabled = await page.getByRole('button', { name: 'Sign with Casper Wallet' }).isDisabled()
    check(
      `${name}: DO NOT SIGN, Sign disabled`,
      text.includes('DO NOT SIGN') && text.includes(reason) && signDisabled && walletDisabled,
      reason,
    )
  }
  const tampered = JSON.parse(readFileSync(deployPath, 'utf8'))
  tampered.session.ModuleBytes.args[0][1].bytes = 'ab'.repeat(32)
  await refused('tampered deploy', write('tampered.json', JSON.stringify(tampered)), 'HashMismatch')
  await shot(page, 'cosign-do-not-sign')
  await refused(
    'expired deploy',
    `${root}test/vectors/SYNTHETIC_deploy_multisig_modulebytes_2approvals.json`,
    'Expired',
  )
  await refused('wrong-chain deploy', deployPath, 'WrongChain', 'casper')
  const duplicate = readFileSync(deployPath, 'utf8').replace('"hash":', '"hash": "00", "hash":')
  await refused('duplicate-key file', write('duplicate.json', duplicate), 'duplicate key')

  // Merge: the key-file copy, a copy signed elsewhere, and a forged approval.
  const secpCopy = stringifyCosignFile(
    await signFile(
      parseCosignFile(readFileSync(deployPath, 'utf8')),
      localSigner(secpSecret, { algorithm: 'secp256k1' }),
    ),
  )
  const forged = JSON.parse(readFileSync(deployPath, 'utf8'))
  // A real key's approval moved onto another signer: it does not verify.
  forged.approvals = [
    {
      signer: localSigner('22'.repeat(32), { algorithm: 'ed25519' }).publicKey,
      signature: deployApproval.signature,
    },
  ]
  await page.reload()
  await network.selectOption('casper-test')
  await page.getByLabel(/^Account JSON/).fill(accountJson)
  await page
    .getByLabel('Signed copies', { exact: true })
    .setInputFiles([
      write('alice.signed.json', signedDeploy),
      write('bob.signed.json', secpCopy),
      write('forged.signed.json', JSON.stringify(forged)),
    ])
  await page.getByText('valid approval(s) kept').waitFor()
  const report = (await page.locator('#merge-report').textContent()) ?? ''
  check(
    'merge: forged approval rejected with a reason',
    /forged\.signed\.json.*rejected: InvalidSignature/.test(report),
  )
  check(
    'merge: progress against the pasted account',
    /Threshold reached: weight 1 \(key management threshold 1\)\. Ready to send\./.test(report),
    report.slice(-160),
  )
  check('merge: two valid approvals kept', report.includes('2 valid approval(s) kept'))
  await shot(page, 'cosign-merge')
  const merged = parseCosignFile(await downloadOf(page, 'Download merged'))
  const mergedReport = verifyFile(merged, { network: testnet })
  check('merge: merged file verifies', mergedReport.ok && merged.approvals.length === 2)
  check('no page errors or network requests', errors.length === 0, errors.join('; '))
  await context.close()
} finally {
  await browser.close()
}
console.log(`cosign page in Chromium (${browser.version()}):\n${results.join('\n')}`)
console.log(`${results.length - failures} passed, ${failures} failed`)
if (failures > 0) process.exit(1)
