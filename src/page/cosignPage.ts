// The offline co-signing page's behaviour: built from the cosign entry into dist/cosign.html (scripts/build-page.ts).
// Served by a relay at /p/<hash> (src/relay/servePage.ts), it loads that proposal from the relay,
// re-verified, as if the file had been opened, and can send the approval made here back.
//
// One state, one view: every input (network, chainspec, address book, account, file, key) changes the
// state and calls `refresh`, which computes the one verdict (`describeFile`) and from it the banner,
// the details and the Sign section together, so they never disagree. Signing re-checks all of it,
// with the clock as it is at that moment.

import { accountHashFromPublicKey } from '../account/accountHash.js'
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
  recipientWarnings,
  type SigningProgress,
  safeText,
  signFile,
  signingProgress,
  signWithCasperWallet,
  stringifyCosignFile,
  testnet,
} from '../cosign/index.js'
import { type LedgerScreens, ledgerScreens as planScreens } from '../ledger/ledgerScreens.js'
import { ledgerSigner } from '../ledger/ledgerSigner.js'
import { expectedOutcome } from '../preflight/expectedOutcome.js'
import { type RelayProposal, relayReader } from '../relay/relayClient.js'
import { formatCspr } from '../text/formatCspr.js'
import { keyName } from '../text/keyName.js'
import { hasWebHid, openLedger } from './openLedger.js'
import { parseAddressBook } from './parseAddressBook.js'
import { plainError } from './plainError.js'
import { readChainspecText } from './readChainspecText.js'

/** The networks the page knows: the rules the file is checked against, and the chainspec the session is emulated under. */
const presets: Record<string, { network: CosignNetwork; chainspec: Chainspec }> = {
  casper: { network: mainnet, chainspec: casperMainnet },
  'casper-test': { network: testnet, chainspec: casperTestnet },
}
/** Chainspecs the co-signer pasted or loaded, by chain name. */
const loadedChainspecs = new Map<string, Chainspec>()
/** Where the address book is kept when the co-signer ticks "Remember". */
const storageKey = 'casper-multisig.addressBook'

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T
const networkSelect = $<HTMLSelectElement>('network')
const chainspecArea = $<HTMLElement>('chainspec-area')
const chainspecInput = $<HTMLTextAreaElement>('chainspec')
const chainspecFile = $<HTMLInputElement>('chainspec-file')
const chainspecStatus = $<HTMLElement>('chainspec-status')
const bookInput = $<HTMLInputElement>('address-book')
const rememberBox = $<HTMLInputElement>('remember-names')
const bookStatus = $<HTMLElement>('address-book-status')
const accountInput = $<HTMLTextAreaElement>('account-json')
const accountStatus = $<HTMLElement>('account-status')
const deployInput = $<HTMLInputElement>('deploy-file')
const verdict = $<HTMLElement>('verdict')
const details = $<HTMLElement>('details')
const progressLine = $<HTMLElement>('progress')
const keyInput = $<HTMLInputElement>('key-file')
const keyStatus = $<HTMLElement>('key-status')
const signButton = $<HTMLButtonElement>('sign')
const walletButton = $<HTMLButtonElement>('sign-wallet')
const ledgerArea = $<HTMLElement>('ledger-area')
const ledgerPath = $<HTMLInputElement>('ledger-path')
const ledgerButton = $<HTMLButtonElement>('sign-ledger')
const ledgerList = $<HTMLElement>('ledger-screens')
const downloadButton = $<HTMLButtonElement>('download-signed')
const status = $<HTMLElement>('status')
const copiesInput = $<HTMLInputElement>('signed-copies')
const mergeReport = $<HTMLElement>('merge-report')
const mergeButton = $<HTMLButtonElement>('download-merged')
const intro = $<HTMLElement>('intro')
const relaySource = $<HTMLElement>('relay-source')
const relayArea = $<HTMLElement>('relay-area')
const sendRelayButton = $<HTMLButtonElement>('send-relay')
const relayStatus = $<HTMLElement>('relay-status')

/** The proposal's hash when a relay serves the page at /p/<hash>; undefined offline (file://). */
const relayHash = /^https?:$/.test(location.protocol)
  ? /^\/p\/([0-9a-f]{64})$/.exec(location.pathname)?.[1]
  : undefined
/**
 * The relay this page came from: its own origin, the only one its policy lets it ask. Only the file
 * is read from its answers (re-hashed, every approval re-verified); its description, verdict and
 * progress are its word and not shown: the page makes its own, as for a file opened.
 */
const relay = relayHash === undefined ? undefined : relayReader(location.origin)
/** The relay's proposal as last fetched, re-verified. */
let fromRelay: RelayProposal | undefined
/** What became of the last "Send approval to the relay". */
let relayNote: { text: string; danger: boolean } | undefined
let sending = false

let file: CosignFile | undefined
/** Why the chosen file could not be read. */
let loadError: string | undefined
let labels = new Map<string, string>()
/** The chosen key file: its key (the secret itself is read again when signing), or why it is unusable. */
let key: { publicKey: string; accountHash: string } | { error: string } | undefined
/** The copy signed in this tab, and by whom. */
let signed: { file: CosignFile; accountHash: string } | undefined
/** Why the last attempt to sign was refused; cleared by any change. */
let notSigned: string | undefined
let merged: CosignFile | undefined
/** What the Ledger showed (or will show) for the file being signed with it. */
let ledgerShown: { file: CosignFile; screens: LedgerScreens } | undefined
/** Emulated outcomes by file hash, network and account; `pending` while running. */
const outcomes = new Map<string, ExpectedOutcome | undefined | 'pending'>()

/** What the page shows: one verdict, one level, from which the banner and the Sign section follow. */
type View = {
  level: 'danger' | 'blocked' | 'wait' | 'ok'
  heading: string
  /** The verdict's reasons not to sign (level danger), rendered inert by describeFile. */
  reasons: string[]
  /** Other lines under the heading. */
  notes: string[]
  description?: FileDescription | undefined
  /** The file's account, when it was pasted. */
  account?: Account | undefined
  network: CosignNetwork
}

function name(accountHash: string): string {
  return keyName(accountHash, labels)
}

/** The chosen network's rules and chainspec, or the chain whose chainspec is still missing. */
function chosenNetwork(): { network: CosignNetwork; chainspec: Chainspec } | { missing: string } {
  const chain = networkSelect.value
  const preset = presets[chain]
  if (preset) return preset
  const loaded = loadedChainspecs.get(chain)
  return loaded ? { network: loaded, chainspec: loaded } : { missing: chain }
}

type AccountState =
  | { kind: 'none' }
  | { kind: 'invalid'; message: string }
  | { kind: 'other'; message: string }
  | { kind: 'known'; account: Account }

function accountState(fileAccountHash: string | undefined): AccountState {
  const text = accountInput.value.trim()
  if (!text) return { kind: 'none' }
  let account: Account
  try {
    account = parseAccountJson(text)
  } catch (error) {
    const coded = error as { code?: string }
    return {
      kind: 'invalid',
      message:
        coded.code === 'InvalidJson'
          ? `This is not JSON (${plainError(error).replace(/^it is not valid JSON: /, '')}): check that it was pasted whole.`
          : `This is not an account: ${plainError(error)}. Paste the result of casper-client get-account-info (state_get_account_info) for the file's account.`,
    }
  }
  if (fileAccountHash !== undefined && account.accountHash !== fileAccountHash)
    return {
      kind: 'other',
      message: `The pasted account is account-hash-${account.accountHash}, not this file's account account-hash-${fileAccountHash}: it is not used. Paste the state of the file's own account.`,
    }
  return { kind: 'known', account }
}

/** The one view of everything chosen, judged at `now`. */
function view(now = Date.now()): View | undefined {
  const chosen = chosenNetwork()
  const network = 'missing' in chosen ? { ...mainnet, chainName: chosen.missing } : chosen.network
  if (loadError) return { level: 'danger', heading: 'DO NOT SIGN', reasons: [], notes: [loadError], network }
  if (!file) return undefined
  const base = describeFile(file, { network, now })
  const state = accountState(base.account.accountHash)
  const account = state.kind === 'known' ? state.account : undefined
  const emulation = account && !('missing' in chosen) ? emulate(file, account, chosen.chainspec) : undefined
  const description =
    emulation && emulation !== 'pending' ? describeFile(file, { network, now, outcome: emulation }) : base
  const accountNote = state.kind === 'invalid' || state.kind === 'other' ? [state.message] : []
  const common = { description, account, network }
  if ('missing' in chosen)
    return {
      ...common,
      level: 'blocked',
      heading: `Choose the chainspec of ${chosen.missing}`,
      reasons: [],
      notes: [
        `The page knows the rules of casper and casper-test only. Paste or load the chainspec of ${chosen.missing} (its chainspec.toml, or what its node answers to info_get_chainspec) above to check and sign this file.`,
      ],
    }
  if (description.doNotSign.length > 0)
    return {
      ...common,
      level: 'danger',
      heading: 'DO NOT SIGN',
      reasons: description.doNotSign,
      notes: accountNote,
    }
  if (accountNote.length > 0)
    return { ...common, level: 'blocked', heading: 'Check the account JSON', reasons: [], notes: accountNote }
  if (emulation === 'pending')
    return {
      ...common,
      level: 'wait',
      heading: 'Emulating: the session is being run against the pasted account…',
      reasons: [],
      notes: [],
    }
  return {
    ...common,
    level: 'ok',
    heading: 'Safe to sign',
    reasons: [],
    notes: [
      account
        ? 'Every check passed, with the session run against the account as it is now. Read every line below: your signature approves exactly this.'
        : 'Every check of the file passed. The account is not known: paste its JSON to see the result, the charge and who still needs to sign. Read every line below: your signature approves exactly this.',
    ],
  }
}

/** The emulated outcome, started once per file, network and account; `pending` until it ends. */
function emulate(
  current: CosignFile,
  account: Account,
  chainspec: Chainspec,
): ExpectedOutcome | undefined | 'pending' {
  const id = `${current.hash}\n${chainspec.chainName}\n${JSON.stringify(account)}`
  if (outcomes.has(id)) return outcomes.get(id)
  outcomes.set(id, 'pending')
  void expectedOutcome(current, account, { chainspec })
    .catch(
      (error: unknown): ExpectedOutcome => ({ ok: false, failure: `cannot emulate: ${plainError(error)}` }),
    )
    .then((outcome) => {
      outcomes.set(id, outcome)
      refresh()
    })
  return 'pending'
}

/** A text node and element: every string goes through safeText and textContent, never HTML. */
function el(tag: string, text?: string, className?: string): HTMLElement {
  const node = document.createElement(tag)
  if (text !== undefined) node.append(rich(safeText(text)))
  if (className) node.className = className
  return node
}

/**
 * Text already made safe, with every long hex run (hashes, keys) in groups of 8 characters that
 * wrap only between groups; copied, a hash is whole (the breaks are `<wbr>`, the gaps margins).
 */
function rich(text: string): DocumentFragment {
  const out = document.createDocumentFragment()
  let at = 0
  for (const match of text.matchAll(/[0-9a-fA-F]{16,}/g)) {
    const hex = match[0]
    if (/^[0-9]+$/.test(hex)) continue
    out.append(text.slice(at, match.index))
    const span = document.createElement('span')
    span.className = 'hash'
    for (let i = 0; i < hex.length; i += 8) {
      if (i > 0) span.append(document.createElement('wbr'))
      const group = document.createElement('span')
      group.textContent = hex.slice(i, i + 8)
      span.append(group)
    }
    out.append(span)
    at = match.index + hex.length
  }
  out.append(text.slice(at))
  return out
}

/** A line with a button that copies `value` (a hash or key) whole. */
function withCopy(text: string, value: string, what: string, tag = 'div'): HTMLElement {
  const line = el(tag, text)
  const button = el('button', 'Copy', 'copy') as HTMLButtonElement
  button.type = 'button'
  button.setAttribute('aria-label', `Copy ${what}`)
  button.addEventListener('click', () => {
    void navigator.clipboard?.writeText(value).then(
      () => {
        button.textContent = 'Copied'
      },
      () => {
        getSelection()?.selectAllChildren(line)
      },
    )
  })
  line.append(button)
  return line
}

function row(list: HTMLElement, term: string, ...values: (string | HTMLElement)[]): HTMLElement {
  list.append(el('dt', term))
  const dd = el('dd')
  for (const value of values) dd.append(typeof value === 'string' ? el('div', value) : value)
  list.append(dd)
  return dd
}

/** `2025-01-02 03:04:05 UTC (your time: 2 Jan 2025, 04:04:05 CET)`. */
function when(ms: number): string {
  const date = new Date(ms)
  const iso = date.toISOString()
  const local = date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' })
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC (your time: ${local})`
}

/** When the file shown expires, and whether it was shown expired. */
let shownExpiry = { at: Number.POSITIVE_INFINITY, expired: false }

/** Recomputes the view and shows it everywhere: banner, details, Sign section, buttons. */
function refresh(): void {
  const v = view()
  shownExpiry = {
    at: v?.description?.expiresAt ?? Number.POSITIVE_INFINITY,
    expired: v?.description?.expired ?? false,
  }
  showBanner(v)
  showDetails(v)
  showSign(v)
  showRelay()
}

function showBanner(v: View | undefined): void {
  verdict.replaceChildren()
  verdict.className = v?.level ?? ''
  if (!v) return
  verdict.append(el('h2', v.heading))
  if (v.reasons.length > 0) {
    const list = el('ul')
    for (const reason of v.reasons) {
      // Rendered inert by describeFile already: shown as they are, not escaped twice.
      const item = document.createElement('li')
      item.append(rich(reason))
      list.append(item)
    }
    verdict.append(list)
  }
  for (const note of v.notes) verdict.append(el('p', note, v.level === 'ok' ? 'note' : 'danger-text'))
  const verification = v.description?.verification
  if (
    verification &&
    !verification.problems.some((p) => p.code === 'HashMismatch' || p.code === 'BodyHashMismatch') &&
    verification.approvals.every((a) => a.ok)
  ) {
    const count = verification.approvals.length
    const line = el(
      'p',
      `File intact: its content matches its hash${count === 0 ? '' : count === 1 ? ', and the approval on it verifies' : `, and the ${count} approvals on it verify`}.`,
      'note',
    )
    line.id = 'intact'
    verdict.append(line)
  }
}

function showDetails(v: View | undefined): void {
  details.replaceChildren()
  const d = v?.description
  if (!v || !d) return
  const list = el('dl')
  row(list, d.kind === 'deploy' ? 'Deploy hash' : 'Transaction hash', withCopy(d.hash, d.hash, 'the hash'))
  row(list, 'Chain', d.chainName)
  row(
    list,
    'Account',
    withCopy(name(d.account.accountHash), `account-hash-${d.account.accountHash}`, 'the account hash'),
    ...(d.account.publicKey
      ? [withCopy(`public key ${d.account.publicKey}`, d.account.publicKey, 'the public key')]
      : []),
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
      : codeText(code, name),
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
  for (const change of d.changes) changes.append(el('li', describeChange(change, name)))
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
  if (v.account) {
    const dd = el('dd')
    dd.id = 'outcome'
    for (const line of v.level === 'wait'
      ? ['emulating…']
      : d.outcome
        ? outcomeLines(d, d.outcome)
        : ['The session is not Wasm: nothing to emulate.'])
      dd.append(el('div', line))
    list.append(el('dt', 'Result (emulated against the pasted account)'), dd)
  }
  row(list, 'Created', when(d.timestamp))
  row(list, 'Expires', `${when(d.expiresAt)}${d.expired ? ' EXPIRED' : ''}`).id = 'expires'
  const signers = el('ul')
  for (const a of d.verification.approvals) {
    signers.append(
      a.ok
        ? withCopy(
            `verified: ${name(a.accountHash)}, public key ${a.approval.signer}`,
            a.approval.signer,
            'the signer',
            'li',
          )
        : el('li', `REJECTED: ${a.approval.signer}: ${a.reason}: ${a.message}`, 'danger-text'),
    )
  }
  row(list, 'Signed by', d.verification.approvals.length > 0 ? signers : 'nobody yet')
  const shown = [...d.warnings, ...recipientWarnings(d, labels)]
  if (shown.length > 0) {
    const warnings = el('ul')
    for (const w of shown) warnings.append(el('li', w))
    row(list, 'Warnings', warnings)
  }
  details.append(list)
}

function outcomeLines(d: FileDescription, outcome: ExpectedOutcome): string[] {
  if (!outcome.ok) return [`THE SESSION WOULD FAIL: ${outcome.failure}`]
  const payment = d.payment
  return [
    ...Object.entries(outcome.account.associatedKeys).map(
      ([hash, weight]) => `${name(hash)} weight ${weight}`,
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

/** How far the signatures go, in words: `Still needed: weight 1 more (…), from one of: …`. */
function progressText(p: SigningProgress): string {
  const threshold = `${p.neededFor} threshold ${p.needed}`
  const sets = p.neededSets
  if (sets.length === 0) {
    const total = p.missing.reduce((sum, k) => Math.min(255, sum + k.weight), p.weight)
    return `Cannot be reached: all of the account's keys together hold weight ${total}, below its ${threshold}.`
  }
  if (sets[0]!.length === 0) return `Threshold reached: weight ${p.weight} (${threshold}).`
  const from = sets.every((set) => set.length === 1)
    ? `one of: ${sets.map((set) => name(set[0]!)).join(', ')}`
    : sets.length === 1
      ? `all of: ${sets[0]!.map(name).join(', ')}`
      : `one of these sets: ${sets
          .slice(0, 3)
          .map((set) => set.map(name).join(' + '))
          .join('; ')}${sets.length > 3 ? `; or ${sets.length - 3} more sets` : ''}`
  return `Still needed: weight ${p.needed - p.weight} more (${threshold}), from ${from}`
}

/** Why the chosen key cannot sign this file now, or undefined when it can. */
function keyRefusal(accountHash: string, v: View): string | undefined {
  const account = v.account
  if (account && !(accountHash in account.associatedKeys))
    return `${name(accountHash)} is not one of this account's keys: its signature would not count. Choose the key file of one of: ${Object.keys(
      account.associatedKeys,
    )
      .map(name)
      .join(', ')}`
  if (hasSigned(accountHash, v)) return `${name(accountHash)} has already signed this file`
  return undefined
}

function hasSigned(accountHash: string, v: View): boolean {
  return v.description?.signers.some((s) => s.accountHash === accountHash) === true
}

function showSign(v: View | undefined): void {
  const ready = v?.level === 'ok'
  // Still needed, as soon as the account is known.
  progressLine.replaceChildren()
  if (v?.account && file && v.level !== 'blocked')
    progressLine.append(
      rich(safeText(progressText(signingProgress(file, v.account, { network: v.network })))),
    )
  keyStatus.replaceChildren()
  let keyOk = false
  if (key && 'error' in key) keyStatus.append(el('span', key.error, 'danger-text'))
  else if (key) {
    const refusal = v && keyRefusal(key.accountHash, v)
    // Having signed is not an error: the key's approval is on the file.
    if (refusal?.endsWith('has already signed this file')) keyStatus.append(el('span', `${refusal}.`))
    else if (refusal) keyStatus.append(el('span', `${refusal}.`, 'danger-text'))
    else {
      keyOk = true
      const weight = v?.account?.associatedKeys[key.accountHash]
      keyStatus.append(
        el(
          'span',
          weight !== undefined
            ? `Key: ${name(key.accountHash)}, weight ${weight} in this account.`
            : `Key: ${name(key.accountHash)}. Paste the account JSON to check that this key counts.`,
        ),
      )
    }
  }
  signButton.disabled = !ready || !keyOk
  walletButton.disabled = !ready || provider() === undefined
  ledgerArea.hidden = !hasWebHid()
  ledgerButton.disabled = !ready || !hasWebHid()
  showLedgerScreens(ready ? file : undefined)
  const isSigned = ready && signed !== undefined && signed.file === file
  downloadButton.disabled = !isSigned
  mergeButton.disabled = merged === undefined
  const refused = notSigned ? `Not signed: ${notSigned.replace(/\.$/, '')}. ` : ''
  status.replaceChildren()
  status.className = v?.level === 'danger' || v?.level === 'blocked' || notSigned ? 'danger-text' : ''
  status.append(
    rich(
      safeText(
        !v
          ? ''
          : v.level === 'danger'
            ? `${refused}DO NOT SIGN: see the reasons above.`
            : v.level === 'blocked'
              ? `${refused}Cannot sign yet: ${v.heading}.`
              : v.level === 'wait'
                ? `${refused}Wait: the session is being run against the account.`
                : refused
                  ? refused.trim()
                  : isSigned
                    ? `Signed by ${name(signed!.accountHash)}. ${relayHash === undefined ? 'Download the signed copy and send it back.' : 'Send it to the relay below.'}`
                    : 'Check every line above, then sign.',
      ),
    ),
  )
}

function provider(): CasperWalletProvider | undefined {
  const make = (window as unknown as { CasperWalletProvider?: () => CasperWalletProvider })
    .CasperWalletProvider
  return typeof make === 'function' ? make() : undefined
}

/** The view at this moment, or why it does not allow signing. */
function recheck(): { view: View } | { refusal: string } {
  const v = view(Date.now())
  if (!v || !file) return { refusal: 'no file is loaded' }
  if (v.level === 'ok') return { view: v }
  return {
    refusal:
      v.level === 'danger'
        ? `at the moment of signing, the checks found reasons not to sign: ${[...v.reasons, ...v.notes].join('; ')}`
        : v.heading,
  }
}

/**
 * Signs after checking everything again (the clock included), with a signer chosen once the view
 * is confirmed; checks again once the signature is made (a wallet may take minutes).
 */
async function sign(
  how: (current: CosignFile, v: View) => Promise<{ file: CosignFile; accountHash: string }>,
) {
  notSigned = undefined
  const before = recheck()
  const current = file
  if ('refusal' in before || !current) {
    notSigned = 'refusal' in before ? before.refusal : 'no file is loaded'
    return refresh()
  }
  try {
    const result = await how(current, before.view)
    const after = recheck()
    if (file !== current) notSigned = 'the file changed while it was being signed'
    else if ('refusal' in after) notSigned = after.refusal
    else {
      signed = result
      file = result.file
    }
  } catch (error) {
    notSigned = plainError(error)
  }
  refresh()
}

class Refusal extends Error {}

/**
 * What the Ledger will show for the file, item by item with the hashes in full, beside the
 * description above: from the device's own model once it is connected, else planned for a 16 KB
 * buffer (a Nano S, 8 KB, may sign a large deploy blind instead).
 */
function showLedgerScreens(current: CosignFile | undefined): void {
  ledgerList.replaceChildren()
  if (!current || ledgerArea.hidden) return
  let shown: LedgerScreens
  try {
    shown = ledgerShown?.file === current ? ledgerShown.screens : planScreens(current)
  } catch (error) {
    ledgerList.append(el('p', `A Ledger cannot sign this file: ${plainError(error)}.`, 'danger-text'))
    return
  }
  ledgerList.append(
    el(
      'p',
      shown.blind
        ? 'Your Ledger will show only these hashes, not what the code does: compare each in full, and approve only if the description above is what you mean.'
        : 'Your Ledger will show these screens: compare each before approving.',
      shown.blind ? 'danger-text' : 'note',
    ),
  )
  const list = el('dl')
  list.id = 'ledger-screen-list'
  for (const screen of shown.screens) row(list, screen.title, screen.value)
  ledgerList.append(list)
  if (!shown.complete)
    ledgerList.append(el('p', 'The device shows more items for this session: read them all.'))
  if (shown.refusal)
    ledgerList.append(el('p', `The Casper app will refuse this file: ${shown.refusal}.`, 'danger-text'))
}

async function readKey(): Promise<void> {
  key = undefined
  notSigned = undefined
  const chosen = keyInput.files?.[0]
  if (chosen) {
    try {
      const signer = localSigner(await chosen.text())
      key = { publicKey: signer.publicKey, accountHash: signer.accountHash }
    } catch (error) {
      key = { error: plainError(error) }
    }
  }
  refresh()
}

async function loadDeploy(): Promise<void> {
  const chosen = deployInput.files?.[0]
  if (!chosen) return useFile(undefined, undefined)
  try {
    useFile(parseCosignFile(await chosen.text()), undefined)
  } catch (error) {
    useFile(
      undefined,
      `${chosen.name} is not a deploy or transaction this page can read: ${plainError(error)}.`,
    )
  }
}

/** The file to review (or why there is none), from a file chosen or from the relay: one path for both. */
function useFile(next: CosignFile | undefined, error: string | undefined): void {
  file = next
  loadError = error
  signed = undefined
  notSigned = undefined
  offerFileChain()
  refresh()
}

/** Loads the proposal of /p/<hash> from the relay, re-verified by the client; a relay that lies is refused. */
async function loadFromRelay(hash: string): Promise<void> {
  try {
    fromRelay = await relay!.proposal(hash)
    useFile(fromRelay.file, undefined)
  } catch (error) {
    fromRelay = undefined
    // The client's own words: what the relay did, then what to do (e.g. get the file from its author).
    const remedy = (error as { remedy?: unknown }).remedy
    useFile(
      undefined,
      `The proposal ${hash} cannot be loaded from this relay: ${plainError(error).replace(/\.$/, '')}.${typeof remedy === 'string' ? ` ${remedy}` : ''}`,
    )
  }
}

/** Sends only the approval made here; then shows the relay's proposal as it now is, re-verified. */
async function sendToRelay(): Promise<void> {
  const mine = signed
  if (!relay || !relayHash || !mine || mine.file !== file || mine.file.hash !== relayHash || sending) return
  // Only the approval made here: what the relay sent is already there.
  const approvals = mine.file.approvals.filter(
    (a) => !fromRelay?.file.approvals.some((b) => b.signature === a.signature),
  )
  sending = true
  relayNote = { text: 'Sending…', danger: false }
  refresh()
  try {
    await relay.approve(relayHash, approvals)
    // What the relay holds now, re-verified; shown as a file opened, the approval made here on it.
    const proposal = await relay.proposal(relayHash)
    const held = approvals.every((a) => proposal.file.approvals.some((b) => b.signature === a.signature))
    relayNote = held
      ? { text: `Sent: the relay holds the approval of ${name(mine.accountHash)}.`, danger: false }
      : {
          text: 'Not sent: the relay does not hold it. Download the signed copy and send it by hand.',
          danger: true,
        }
    if (held) {
      fromRelay = proposal
      useFile(proposal.file, undefined)
    }
  } catch (error) {
    relayNote = {
      text: `Not sent: ${plainError(error)}. Download the signed copy and send it by hand.`,
      danger: true,
    }
  } finally {
    sending = false
    refresh()
  }
}

/** Where the proposal came from, the approvals the relay sent that do not verify, and the send button. */
function showRelay(): void {
  if (relayHash === undefined) return
  relaySource.hidden = relayArea.hidden = false
  relaySource.replaceChildren()
  if (fromRelay) {
    const count = fromRelay.file.approvals.length
    relaySource.append(
      el(
        'p',
        `From the relay ${location.origin}: its hash and ${count} approval${count === 1 ? '' : 's'} checked here.`,
        'note',
      ),
    )
    for (const { approval, reason, message } of fromRelay.dropped)
      relaySource.append(
        el(
          'p',
          `Dropped, does not verify: the approval by ${approval.signer}: ${reason}: ${message}.`,
          'danger-text',
        ),
      )
  }
  sendRelayButton.disabled = sending || !signed || signed.file !== file || file.hash !== relayHash
  relayStatus.replaceChildren()
  if (relayNote) relayStatus.append(el('p', relayNote.text, relayNote.danger ? 'danger-text' : 'note'))
}

/** The network menu: casper, casper-test, the chains whose chainspec was loaded, and the file's own chain. */
function offerFileChain(): void {
  const own = file && (file.kind === 'deploy' ? file.header.chain_name : file.payload.chainName)
  for (const option of Array.from(networkSelect.options)) {
    if (!(option.value in presets) && option.value !== own && !loadedChainspecs.has(option.value))
      option.remove()
  }
  if (
    own !== undefined &&
    !(own in presets) &&
    !Array.from(networkSelect.options).some((o) => o.value === own)
  ) {
    const option = document.createElement('option')
    option.value = own
    option.textContent = safeText(`${own} (this file)`)
    networkSelect.append(option)
  }
  showChainspecArea()
}

function showChainspecArea(): void {
  const custom = !(networkSelect.value in presets)
  chainspecArea.hidden = !custom
  if (custom && !loadedChainspecs.has(networkSelect.value)) chainspecStatus.textContent = ''
}

function loadChainspec(text: string): void {
  const chain = networkSelect.value
  chainspecStatus.className = 'note'
  try {
    const chainspec = readChainspecText(text)
    if (chainspec.chainName !== chain) {
      chainspecStatus.className = 'note danger-text'
      chainspecStatus.textContent = safeText(
        `This chainspec is for ${chainspec.chainName}, not ${chain}: it is not used.`,
      )
      loadedChainspecs.delete(chain)
    } else {
      loadedChainspecs.set(chain, chainspec)
      chainspecStatus.textContent = safeText(
        `Using the chainspec of ${chain} (protocol ${chainspec.protocolVersion}).`,
      )
    }
  } catch (error) {
    loadedChainspecs.delete(chain)
    chainspecStatus.className = 'note danger-text'
    chainspecStatus.textContent = safeText(`This chainspec cannot be used: ${plainError(error)}.`)
  }
  notSigned = undefined
  refresh()
  if (copiesInput.files?.length) void loadCopies()
}

function useAddressBook(text: string, from: string): void {
  bookStatus.className = 'note'
  try {
    labels = parseAddressBook(text)
    const names = [...labels.values()]
    const shared = names.filter((n, i) => names.indexOf(n) !== i)
    bookStatus.textContent = safeText(
      `${labels.size} name${labels.size === 1 ? '' : 's'} loaded from ${from}.${
        shared.length > 0
          ? ` More than one key is named ${[...new Set(shared)].join(', ')}: compare the keys in full.`
          : ''
      }`,
    )
    if (rememberBox.checked) localStorage.setItem(storageKey, text)
  } catch (error) {
    labels = new Map()
    bookStatus.className = 'note danger-text'
    const coded = error as { details?: { entry?: string; got?: string } }
    bookStatus.textContent = safeText(
      `${from} is not an address book: ${
        coded.details?.entry && coded.details.entry !== '(file)'
          ? `the entry "${coded.details.entry}" holds ${coded.details.got}`
          : plainError(error)
      }. Load the labels.json that casper-multisig plan wrote.`,
    )
  }
  refresh()
  if (copiesInput.files?.length) void loadCopies()
}

/** Each change starts a new merge; an older one still reading its files is dropped. */
let mergeRun = 0

async function loadCopies(): Promise<void> {
  const run = ++mergeRun
  merged = undefined
  mergeReport.replaceChildren()
  const files = Array.from(copiesInput.files ?? [])
  if (files.length === 0) return refresh()
  const chosen = chosenNetwork()
  const network = 'missing' in chosen ? { ...mainnet, chainName: chosen.missing } : chosen.network
  try {
    const copies: CosignFile[] = []
    for (const f of files) {
      try {
        copies.push(parseCosignFile(await f.text()))
      } catch (error) {
        throw new Refusal(`${f.name} is not a deploy or transaction this page can read: ${plainError(error)}`)
      }
    }
    if (run !== mergeRun) return
    let result: ReturnType<typeof mergeFiles>
    try {
      result = mergeFiles(copies, { network })
    } catch (error) {
      const coded = error as { code?: string; details?: { copy?: number; field?: string } }
      const copy = coded.details?.copy
      if (coded.code === 'DifferentContent' && copy !== undefined)
        throw new Refusal(
          `${files[copy]!.name} is not the same ${copies[0]!.kind} as ${files[0]!.name} (${coded.details?.field} differs). Merge only copies of the file every co-signer was sent, unchanged.`,
        )
      throw new Refusal(`${files[0]!.name}: ${plainError(error)}`)
    }
    merged = result.merged
    const table = el('table')
    const head = el('tr')
    for (const title of ['Copy', 'Signer', 'Verdict']) head.append(el('th', title))
    table.append(head)
    for (const a of result.approvals) {
      const tr = el('tr')
      tr.append(
        el('td', files[a.copy]!.name),
        el('td', a.ok ? name(a.accountHash) : signerName(a.approval.signer)),
      )
      tr.append(a.ok ? el('td', 'verified') : el('td', `rejected: ${a.reason}: ${a.message}`, 'danger-text'))
      table.append(tr)
    }
    mergeReport.append(table)
    mergeReport.append(el('p', `${result.merged.approvals.length} valid approval(s) kept.`))
    const state = accountState(undefined)
    if (state.kind === 'known') {
      const p = signingProgress(result.merged, state.account, { network })
      mergeReport.append(
        el(
          'p',
          `Progress: ${progressText(p)} ${p.complete ? 'Ready to send.' : `Not ready to send${p.problems.length > 0 ? ` (${p.problems.map((x) => x.code).join(', ')})` : ''}.`}`,
        ),
      )
    }
  } catch (error) {
    if (run !== mergeRun) return
    mergeReport.append(
      el('p', `Cannot merge: ${error instanceof Refusal ? error.message : plainError(error)}`, 'danger-text'),
    )
  }
  refresh()
}

function signerName(publicKey: string): string {
  try {
    return name(accountHashFromPublicKey(publicKey))
  } catch {
    return publicKey
  }
}

function download(text: string, downloadName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = downloadName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** `<hash8>-signed-by-<name or account hash8>.json`: each co-signer's copy has its own name. */
function signedName(hash: string, accountHash: string): string {
  const label = (labels.get(accountHash) ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
  return `${hash.slice(0, 8)}-signed-by-${label || accountHash.slice(0, 8)}.json`
}

networkSelect.addEventListener('change', () => {
  notSigned = undefined
  showChainspecArea()
  refresh()
  if (copiesInput.files?.length) void loadCopies()
})
chainspecInput.addEventListener('input', () => loadChainspec(chainspecInput.value))
chainspecFile.addEventListener('change', () => {
  const chosen = chainspecFile.files?.[0]
  if (chosen) void chosen.text().then(loadChainspec)
})
bookInput.addEventListener('change', () => {
  const chosen = bookInput.files?.[0]
  if (chosen) void chosen.text().then((text) => useAddressBook(text, chosen.name))
})
rememberBox.addEventListener('change', () => {
  if (!rememberBox.checked) localStorage.removeItem(storageKey)
  else if (labels.size > 0)
    localStorage.setItem(
      storageKey,
      JSON.stringify(Object.fromEntries([...labels].map(([hash, label]) => [`account-hash-${hash}`, label]))),
    )
})
accountInput.addEventListener('input', () => {
  notSigned = undefined
  const state = accountState(undefined)
  accountStatus.className = state.kind === 'invalid' ? 'note danger-text' : 'note'
  accountStatus.textContent = safeText(state.kind === 'invalid' ? state.message : '')
  refresh()
  if (copiesInput.files?.length) void loadCopies()
})
deployInput.addEventListener('change', () => void loadDeploy())
keyInput.addEventListener('change', () => void readKey())
signButton.addEventListener('click', () => {
  const chosen = keyInput.files?.[0]
  if (!chosen) return
  void sign(async (current, v) => {
    const signer = localSigner(await chosen.text())
    const refusal = keyRefusal(signer.accountHash, v)
    if (refusal) throw new Refusal(refusal)
    return { file: await signFile(current, signer), accountHash: signer.accountHash }
  })
})
walletButton.addEventListener('click', () => {
  const wallet = provider() as
    | (CasperWalletProvider & {
        getActivePublicKey?: () => Promise<string>
        requestConnection?: () => Promise<boolean>
      })
    | undefined
  if (!wallet) return
  void sign(async (current, v) => {
    await wallet.requestConnection?.()
    const publicKey = await wallet.getActivePublicKey?.()
    if (!publicKey) throw new Refusal('the wallet has no active account')
    const accountHash = accountHashFromPublicKey(publicKey)
    const refusal = keyRefusal(accountHash, v)
    if (refusal) throw new Refusal(refusal)
    return { file: await signWithCasperWallet(current, wallet, publicKey), accountHash }
  })
})
ledgerButton.addEventListener('click', () => {
  const path = ledgerPath.value
  void sign(async (current, v) => {
    const transport = await openLedger()
    try {
      const signer = await ledgerSigner({
        transport,
        path,
        // Shown before the device is asked: the co-signer compares the device's screens with these.
        onScreens: (screens) => {
          ledgerShown = { file: current, screens }
          showLedgerScreens(current)
        },
      })
      const refusal = keyRefusal(signer.accountHash, v)
      if (refusal) throw new Refusal(refusal)
      return { file: await signFile(current, signer), accountHash: signer.accountHash }
    } finally {
      await transport.close().catch(() => undefined)
    }
  })
})
downloadButton.addEventListener('click', () => {
  if (signed && signed.file === file)
    download(stringifyCosignFile(signed.file), signedName(signed.file.hash, signed.accountHash))
})
copiesInput.addEventListener('change', () => void loadCopies())
sendRelayButton.addEventListener('click', () => void sendToRelay())
mergeButton.addEventListener('click', () => {
  if (merged) download(stringifyCosignFile(merged), `${merged.hash.slice(0, 8)}-merged.json`)
})
// A file that expires while the tab is open: the view follows the clock.
setInterval(() => {
  if (file && Date.now() >= shownExpiry.at !== shownExpiry.expired) refresh()
}, 5_000)
const remembered = localStorage.getItem(storageKey)
if (remembered) {
  rememberBox.checked = true
  useAddressBook(remembered, 'this browser')
}
window.addEventListener('load', refresh)
refresh()
if (relayHash !== undefined) {
  intro.textContent = 'Opened from a relay: this page talks to it only, and your key never leaves the page.'
  void loadFromRelay(relayHash)
}
