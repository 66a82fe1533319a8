// The offline co-signing page's behaviour: built from the cosign entry into dist/cosign.html (scripts/build-page.ts).

import type { Chainspec } from '../chainspec/Chainspec.js'
import { casperMainnet } from '../chainspec/casperMainnet.js'
import { casperTestnet } from '../chainspec/casperTestnet.js'
import type { ExpectedOutcome } from '../cosign/ExpectedOutcome.js'
import {
  type Account,
  type CasperWalletProvider,
  type CosignFile,
  type CosignNetwork,
  codeText,
  describeChange,
  describeFile,
  type FileDescription,
  localSigner,
  mainnet,
  mergeFiles,
  parseAccountJson,
  parseCosignFile,
  paymentLine,
  safeText,
  signFile,
  signingProgress,
  signWithCasperWallet,
  stringifyCosignFile,
  testnet,
} from '../cosign/index.js'
import { expectedOutcome } from '../preflight/expectedOutcome.js'
import { formatCspr } from '../text/formatCspr.js'

const networks: Record<string, CosignNetwork> = { casper: mainnet, 'casper-test': testnet }
/** The chainspec the session is emulated under, for the network chosen. */
const chainspecs: Record<string, Chainspec> = { casper: casperMainnet, 'casper-test': casperTestnet }

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T
const networkSelect = $<HTMLSelectElement>('network')
const deployInput = $<HTMLInputElement>('deploy-file')
const keyInput = $<HTMLInputElement>('key-file')
const signButton = $<HTMLButtonElement>('sign')
const walletButton = $<HTMLButtonElement>('sign-wallet')
const downloadButton = $<HTMLButtonElement>('download-signed')
const verdict = $<HTMLElement>('verdict')
const details = $<HTMLElement>('details')
const status = $<HTMLElement>('status')
const copiesInput = $<HTMLInputElement>('signed-copies')
const accountInput = $<HTMLTextAreaElement>('account-json')
const mergeReport = $<HTMLElement>('merge-report')
const mergeButton = $<HTMLButtonElement>('download-merged')

let file: CosignFile | undefined
let fileName = 'deploy.json'
let description: FileDescription | undefined
let signed: CosignFile | undefined
let merged: CosignFile | undefined

/** A text node: every string from a file goes through safeText and textContent, never HTML. */
function el(tag: string, text?: string, className?: string): HTMLElement {
  const node = document.createElement(tag)
  if (text !== undefined) node.textContent = safeText(text)
  if (className) node.className = className
  return node
}

function say(message: string): void {
  status.textContent = safeText(message)
}

function network(): CosignNetwork {
  return networks[networkSelect.value] ?? mainnet
}

function provider(): CasperWalletProvider | undefined {
  const make = (window as unknown as { CasperWalletProvider?: () => CasperWalletProvider })
    .CasperWalletProvider
  return typeof make === 'function' ? make() : undefined
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** True while the session is emulated: the verdict may still change, so nothing can be signed. */
let emulating = false

function updateButtons(): void {
  const safe = description?.safeToSign === true && !emulating
  signButton.disabled = !safe || !keyInput.files?.length
  walletButton.disabled = !safe || provider() === undefined
  downloadButton.disabled = signed === undefined
  mergeButton.disabled = merged === undefined
}

function row(list: HTMLElement, term: string, ...values: (string | HTMLElement)[]): void {
  list.append(el('dt', term))
  const dd = el('dd')
  for (const value of values) dd.append(typeof value === 'string' ? el('div', value) : value)
  list.append(dd)
}

/**
 * Shows the file: the one verdict (`describeFile`) and every detail. With an account pasted, the
 * account must be the file's own; the session is then emulated against it and the verdict shown
 * again with the outcome (payment against need, a failing run).
 */
function render(): void {
  if (!file) {
    verdict.replaceChildren()
    details.replaceChildren()
    return
  }
  const current = file
  const run = ++renderRun
  const pasted = pastedAccount()
  const base = describeFile(current, { network: network() })
  const mismatch =
    pasted && pasted.accountHash !== base.account.accountHash
      ? `The pasted account is account-hash-${pasted.accountHash}, not this file's account account-hash-${base.account.accountHash}: it is not used. Paste the state of the file's own account.`
      : undefined
  const account = mismatch ? undefined : pasted
  show(base, { emulating: account !== undefined, mismatch })
  if (!account) return
  void emulate(current, account).then((outcome) => {
    if (run !== renderRun) return
    show(describeFile(current, { network: network(), outcome }), {
      emulating: false,
      mismatch,
      emulation: outcome ? undefined : 'The session is not Wasm: nothing to emulate.',
    })
  })
}

async function emulate(current: CosignFile, account: Account): Promise<ExpectedOutcome | undefined> {
  try {
    return await expectedOutcome(current, account, {
      chainspec: chainspecs[networkSelect.value] ?? casperMainnet,
    })
  } catch (error) {
    return { ok: false, failure: `cannot emulate: ${errorText(error)}` }
  }
}

function show(
  d: FileDescription,
  context: { emulating: boolean; mismatch?: string | undefined; emulation?: string | undefined },
): void {
  description = d
  emulating = context.emulating
  verdict.replaceChildren()
  details.replaceChildren()
  if (d.doNotSign.length > 0) {
    verdict.className = 'danger'
    verdict.append(el('h2', 'DO NOT SIGN'))
    const reasons = el('ul')
    // The reasons are rendered inert by describeFile already: shown as they are, not escaped twice.
    for (const reason of d.doNotSign) {
      const item = el('li')
      item.textContent = reason
      reasons.append(item)
    }
    verdict.append(reasons)
  } else {
    verdict.className = 'ok'
    verdict.append(
      el(
        'h2',
        context.emulating
          ? 'Checking: the session is being emulated against the pasted account…'
          : 'Checks passed: the content matches its hash and every approval verifies.',
      ),
    )
  }
  if (context.mismatch) verdict.append(el('p', context.mismatch, 'danger-text'))
  updateButtons()
  const list = el('dl')
  row(list, d.kind === 'deploy' ? 'Deploy hash' : 'Transaction hash', d.hash)
  row(list, 'Chain', d.chainName)
  row(
    list,
    'Account',
    ...(d.account.publicKey ? [`public key ${d.account.publicKey}`] : []),
    `account-hash-${d.account.accountHash}`,
  )
  const code = d.code
  row(
    list,
    'Session',
    code.kind === 'unknown-wasm'
      ? el(
          'strong',
          `UNKNOWN WASM (${code.bytes} bytes, sha256 ${code.sha256}): it can do anything the account can`,
          'danger-text',
        )
      : codeText(code, (hash) => `account-hash-${hash}`),
  )
  if (d.runtime) {
    row(
      list,
      'Runtime',
      d.runtime.name === 'VmCasperV1'
        ? 'VmCasperV1'
        : el(
            'strong',
            `VmCasperV2 (not run by mainnet): transferred value ${formatCspr(d.runtime.transferredValue)} CSPR (${d.runtime.transferredValue} motes), seed ${d.runtime.seed ?? 'none'}`,
            'danger-text',
          ),
    )
  }
  const changes = el('ul')
  for (const change of d.changes)
    changes.append(
      el(
        'li',
        describeChange(change, (h) => `account-hash-${h}`),
      ),
    )
  row(list, 'Key and threshold changes', d.changes.length > 0 ? changes : 'none')
  const args = el('ul')
  for (const arg of d.args)
    args.append(el('li', `${arg.name}: ${arg.type} = ${arg.value ?? `bytes ${arg.hex || '(empty)'}`}`))
  row(list, 'Arguments', d.args.length > 0 ? args : 'none')
  row(
    list,
    'Payment',
    paymentLine(d.payment).replace(/^Payment: /, ''),
    d.payment.kind === 'standard'
      ? `Expected charge on 2.x mainnet: the gas used plus 25% of the unused limit, at most ${formatCspr(d.payment.motes)} CSPR. If it fails (a revert, out of gas): ${formatCspr(d.payment.ifFails)} CSPR, no refund.`
      : '',
  )
  const outcome = d.outcome
  if (context.emulating || outcome || context.emulation) {
    const dd = el('dd')
    dd.id = 'outcome'
    for (const line of context.emulating
      ? ['emulating…']
      : outcome
        ? outcomeLines(d, outcome)
        : [context.emulation ?? ''])
      dd.append(el('div', line))
    list.append(el('dt', 'Result (emulated against the pasted account)'), dd)
  }
  row(list, 'Created', new Date(d.timestamp).toISOString())
  row(
    list,
    'Expires',
    `${new Date(d.expiresAt).toISOString()}${d.expiresAt <= Date.now() ? ' (EXPIRED)' : ''}`,
  )
  const signers = el('ul')
  for (const a of d.verification.approvals) {
    signers.append(
      el(
        'li',
        a.ok
          ? `verified: ${a.approval.signer} (account-hash-${a.accountHash})`
          : `REJECTED: ${a.approval.signer}: ${a.reason}: ${a.message}`,
        a.ok ? '' : 'danger-text',
      ),
    )
  }
  row(list, 'Signed by', d.verification.approvals.length > 0 ? signers : 'nobody yet')
  if (d.warnings.length > 0) {
    const warnings = el('ul')
    for (const w of d.warnings) warnings.append(el('li', w))
    row(list, 'Warnings', warnings)
  }
  details.append(list)
}

/** The account pasted under Account JSON, or undefined (a malformed one is reported in the merge view). */
function pastedAccount(): Account | undefined {
  const text = accountInput.value.trim()
  if (!text) return undefined
  try {
    return parseAccountJson(text)
  } catch {
    return undefined
  }
}

/** Each render starts a new emulation; a late result of an older one is dropped. */
let renderRun = 0

function outcomeLines(d: FileDescription, outcome: ExpectedOutcome): string[] {
  if (!outcome.ok) return [`THE SESSION WOULD FAIL: ${outcome.failure}`]
  const payment = d.payment
  return [
    ...Object.entries(outcome.account.associatedKeys).map(
      ([hash, weight]) => `account-hash-${hash} weight ${weight}`,
    ),
    `thresholds: deployment ${outcome.account.actionThresholds.deployment}, key management ${outcome.account.actionThresholds.keyManagement}`,
    ...(payment.kind !== 'standard'
      ? []
      : payment.outOfGas
        ? [
            `THE SESSION WOULD RUN OUT OF GAS: it needs ${outcome.gas} gas, more than the payment limit; nothing changes and the whole ${formatCspr(payment.ifFails)} CSPR is charged`,
          ]
        : [
            `Expected charge: ${formatCspr(outcome.chargeMotes ?? outcome.needMotes)} CSPR (gas ${outcome.gas} plus 25% of the unused limit); if it fails: ${formatCspr(payment.ifFails)} CSPR`,
          ]),
  ]
}

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

function signedName(name: string): string {
  return name.replace(/(\.json)?$/i, '.signed.json')
}

async function loadDeploy(): Promise<void> {
  file = undefined
  description = undefined
  signed = undefined
  const chosen = deployInput.files?.[0]
  if (chosen) {
    fileName = chosen.name
    try {
      file = parseCosignFile(await chosen.text())
      render()
      say(
        (description as FileDescription | undefined)?.doNotSign.length
          ? 'Loaded: DO NOT SIGN this file.'
          : 'Loaded: check every line above before signing.',
      )
    } catch (error) {
      verdict.className = 'danger'
      verdict.replaceChildren(
        el('h2', 'DO NOT SIGN'),
        el('p', `The file cannot be read: ${errorText(error)}`),
      )
      details.replaceChildren()
    }
  }
  updateButtons()
}

async function sign(how: () => Promise<CosignFile>): Promise<void> {
  try {
    signed = await how()
    file = signed
    render()
    say('Signed. Download the signed copy and send it back.')
  } catch (error) {
    say(`Not signed: ${errorText(error)}`)
  }
  updateButtons()
}

/** Each change starts a new merge; an older one still reading its files is dropped. */
let mergeRun = 0

async function loadCopies(): Promise<void> {
  const run = ++mergeRun
  merged = undefined
  mergeReport.replaceChildren()
  const files = Array.from(copiesInput.files ?? [])
  if (files.length === 0) return updateButtons()
  try {
    const copies = await Promise.all(files.map(async (f) => parseCosignFile(await f.text())))
    if (run !== mergeRun) return
    const result = mergeFiles(copies, { network: network() })
    merged = result.merged
    const table = el('table')
    const head = el('tr')
    for (const title of ['Copy', 'Signer', 'Verdict']) head.append(el('th', title))
    table.append(head)
    for (const a of result.approvals) {
      const tr = el('tr')
      tr.append(el('td', files[a.copy]!.name), el('td', a.approval.signer))
      tr.append(
        a.ok
          ? el('td', `verified (account-hash-${a.accountHash})`)
          : el('td', `rejected: ${a.reason}: ${a.message}`, 'danger-text'),
      )
      table.append(tr)
    }
    mergeReport.append(table)
    mergeReport.append(el('p', `${result.merged.approvals.length} valid approval(s) kept.`))
    const accountText = accountInput.value.trim()
    if (accountText) {
      const account: Account = parseAccountJson(accountText)
      mergeReport.append(
        el('p', `Progress: ${signingProgress(result.merged, account, { network: network() }).summary}`),
      )
    }
  } catch (error) {
    if (run !== mergeRun) return
    mergeReport.append(el('p', `Cannot merge: ${errorText(error)}`, 'danger-text'))
  }
  updateButtons()
}

deployInput.addEventListener('change', () => void loadDeploy())
networkSelect.addEventListener('change', () => {
  if (file) render()
  if (copiesInput.files?.length) void loadCopies()
  updateButtons()
})
keyInput.addEventListener('change', updateButtons)
signButton.addEventListener('click', () => {
  const key = keyInput.files?.[0]
  if (!file || !key) return
  const current = file
  void sign(async () => signFile(current, localSigner(await key.text())))
})
walletButton.addEventListener('click', () => {
  const wallet = provider() as
    | (CasperWalletProvider & {
        getActivePublicKey?: () => Promise<string>
        requestConnection?: () => Promise<boolean>
      })
    | undefined
  if (!file || !wallet) return
  const current = file
  void sign(async () => {
    await wallet.requestConnection?.()
    const publicKey = await wallet.getActivePublicKey?.()
    if (!publicKey) throw new Error('The wallet has no active account.')
    return signWithCasperWallet(current, wallet, publicKey)
  })
})
downloadButton.addEventListener('click', () => {
  if (signed) download(stringifyCosignFile(signed), signedName(fileName))
})
copiesInput.addEventListener('change', () => void loadCopies())
accountInput.addEventListener('input', () => {
  if (file) render()
  void loadCopies()
})
mergeButton.addEventListener('click', () => {
  if (merged) download(stringifyCosignFile(merged), 'merged.json')
})
window.addEventListener('load', updateButtons)
updateButtons()
