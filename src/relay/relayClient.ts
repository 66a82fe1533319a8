// A client of a casper-multisig relay that trusts nothing it answers: every file is re-hashed and every approval re-verified.
//
// Browser-safe (the co-signer page uses it too): fetch, and the one model of src/cosign. A relay
// can withhold (answer nothing, an error, an old state); it can never make a client show, sign or
// send content other than what the requested hash commits to, nor count an approval that does not
// verify: a file whose content or hash differs is refused (`RelayLied`), an approval that does not
// verify is dropped and reported. The relay's own description and verdict are never read.
import type { Approval, CosignFile } from '../cosign/CosignFile.js'
import { cosignFileFromJson, maxFileBytes, parseCosignFile } from '../cosign/parseCosignFile.js'
import { withApprovals } from '../cosign/stringifyCosignFile.js'
import { verifyFile } from '../cosign/verifyFile.js'
import { isObject } from '../encoding/isObject.js'
import { maxFileJsonValues, parseStrictJson, type StrictJson } from '../encoding/parseStrictJson.js'
import { BaseError } from '../errors/BaseError.js'
import type { RejectionCode } from '../keys/verifyApproval.js'
import { redactUrl, redactUrls } from '../text/redactUrl.js'
import { RelayError, type RelayErrorCode } from './RelayError.js'

/** Options of {@link relayClient}. */
export type RelayClientOptions = {
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch | undefined
  /** The relay operator's token, sent as `Authorization: Bearer …` (needed to list an account's proposals). */
  token?: string | undefined
  /** Give up on one request after this long (default 30 000 ms). */
  timeoutMs?: number | undefined
}

/** A proposal's state as the relay reports it (the relay's word: a client checks what matters itself). */
export type RelayStatus = 'pending' | 'ready' | 'expiring' | 'expired' | 'submitted' | 'executed' | 'failed'

/** An approval the relay returned that does not verify against the hash: dropped, never counted. */
export type DroppedApproval = { approval: Approval; reason: RejectionCode; message: string }

/** What {@link RelayClient.proposal} returns: the file re-verified, and the relay's bookkeeping. */
export type RelayProposal = {
  hash: string
  kind: CosignFile['kind']
  /** The merged file, its content hashing to `hash`, holding only the approvals that verify. */
  file: CosignFile
  /** Approvals the relay sent that do not verify (a lying or broken relay): left out of `file`. */
  dropped: DroppedApproval[]
  /** Milliseconds since the epoch when the file expires, from its own timestamp and TTL. */
  expiresAt: number
  /** The relay's word, never shown as a verdict. */
  status: RelayStatus | undefined
  /** The relay's record of the execution (the node is the one to ask for certainty). */
  execution: unknown
  renewedFrom: string | undefined
  renewedTo: string | undefined
}

/** One line of {@link RelayClient.listProposals}: the relay's word, to be fetched and re-verified. */
export type RelayListEntry = {
  hash: string
  kind: CosignFile['kind'] | undefined
  status: RelayStatus | undefined
  approvals: number | undefined
  expiresAt: string | undefined
  renewedFrom: string | undefined
  renewedTo: string | undefined
}

/** A relay's client; see {@link relayClient}. */
export type RelayClient = {
  /** The relay's address as it may be shown (credentials removed). */
  readonly shown: string
  /** The co-signer page's link for a proposal: `<relay>/p/<hash>` (the relay's address as shown). */
  pageUrl(hash: string): string
  /** Posts a (signed) file; the hash is the one computed here from the file. */
  propose(
    fileText: string,
  ): Promise<{ hash: string; kind: CosignFile['kind']; created: boolean; added: string[] }>
  /** Posts approvals: a list, or a signed copy of the file (which must be the file of `hash`). */
  approve(
    hash: string,
    approvals: readonly Approval[] | string,
  ): Promise<{ hash: string; added: string[]; approvals: number | undefined }>
  /** The proposal, its file re-verified (see {@link RelayProposal}). */
  proposal(hash: string): Promise<RelayProposal>
  /** An account's proposals (needs the operator's token when the relay has one). */
  listProposals(account: string): Promise<RelayListEntry[]>
  /** Asks the relay to send the proposal through its node. */
  submit(hash: string): Promise<{ hash: string; status: RelayStatus | undefined; execution: unknown }>
  /**
   * Asks the relay to renew an expired proposal, then checks the renewed file: its content must be
   * the old one's but for the timestamp and TTL; `mustSign` are the old file's verified signers.
   */
  renew(
    hash: string,
  ): Promise<{ hash: string; renewedFrom: string; mustSign: string[]; proposal: RelayProposal }>
}

/** What {@link relayReader} offers: the co-signer's part of {@link RelayClient}. */
export type RelayReader = Pick<RelayClient, 'shown' | 'proposal' | 'approve'>

const hashPattern = /^[0-9a-f]{64}$/
const statuses: readonly string[] = [
  'pending',
  'ready',
  'expiring',
  'expired',
  'submitted',
  'executed',
  'failed',
]
/** The relay codes a client passes on as they are; any other refusal is `RelayRefused`. */
const relayCodes: readonly RelayErrorCode[] = [
  'StoreUnavailable',
  'StoreSchemaNewer',
  'ProposalNotFound',
  'NoValidApproval',
  'BodyTooLarge',
  'RateLimited',
  'Unauthorized',
  'NotReady',
  'NoNode',
]
/** The largest answer read: a proposal holds the file and its description. */
const maxAnswerChars = 3 * maxFileBytes

/** One relay's requests and answers: what {@link relayReader} and {@link relayClient} share. */
function connection(url: string, options: RelayClientOptions) {
  const { base, basic } = splitCredentials(url.replace(/\/+$/, ''))
  const shown = redactUrl(url.replace(/\/+$/, ''))
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis)
  const timeoutMs = options.timeoutMs ?? 30_000

  async function request(method: 'GET' | 'POST', path: string, body?: string): Promise<string> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
    else if (basic !== undefined) headers.authorization = `Basic ${basic}`
    let response: Response
    let text: string
    try {
      response = await fetchFn(`${base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(timeoutMs),
      })
      text = await response.text()
    } catch (error) {
      throw unreachable('Could not reach the relay', `${method} ${path}`, {
        reason: redactUrls(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
      })
    }
    if (text.length > maxAnswerChars) {
      throw unreachable('The relay answered with more than a proposal can hold', `${method} ${path}`, {
        status: response.status,
        length: text.length,
      })
    }
    if (response.ok) return text
    let refusal: unknown
    try {
      refusal = JSON.parse(text)
    } catch {
      refusal = undefined
    }
    const error = isObject(refusal) && isObject(refusal.error) ? refusal.error : undefined
    if (!error || typeof error.code !== 'string') {
      throw unreachable('The relay answered with an error that is not its JSON', `${method} ${path}`, {
        status: response.status,
      })
    }
    const relayCode = error.code
    const retryAfter = response.headers.get('retry-after') ?? undefined
    throw new RelayError(`The relay refused: ${relayCode}`, {
      code: (relayCodes as readonly string[]).includes(relayCode)
        ? (relayCode as RelayErrorCode)
        : 'RelayRefused',
      details: {
        relay: shown,
        request: `${method} ${path}`,
        status: response.status,
        relayCode,
        relayMessage: typeof error.message === 'string' ? error.message : undefined,
        relayRemedy: typeof error.remedy === 'string' ? error.remedy : undefined,
        retryAfter,
      },
      remedy:
        relayCode === 'RateLimited'
          ? 'Wait and try again.'
          : "Read the relay's message above; what the relay says is its word, checked where it matters.",
    })
  }

  function unreachable(message: string, request: string, details: Record<string, unknown>): RelayError {
    return new RelayError(message, {
      code: 'RelayUnreachable',
      details: { relay: shown, request, ...details },
      remedy: 'Check the relay address and that the relay runs; the files can still be passed by hand.',
    })
  }

  /** An answer's JSON object; anything else is not the relay's answer. */
  function answer(text: string, request: string, strict = false): Record<string, StrictJson> {
    let value: StrictJson
    try {
      value = strict
        ? parseStrictJson(text, { maxDepth: 80, largeIntegers: 'bigint', maxValues: 2 * maxFileJsonValues })
        : (JSON.parse(text) as StrictJson)
    } catch {
      throw unreachable('The relay answered with something that is not JSON', request, {})
    }
    if (!isObject(value) || Array.isArray(value)) {
      throw unreachable('The relay answered with something that is not a JSON object', request, {})
    }
    return value as Record<string, StrictJson>
  }

  async function proposal(hash: string): Promise<RelayProposal> {
    const wanted = checkHash(hash)
    const path = `/proposals/${wanted}`
    const body = answer(await request('GET', path), `GET ${path}`, true)
    const { file, dropped } = verified(wanted, body.file)
    const report = verifyFile(file)
    return {
      hash: wanted,
      kind: file.kind,
      file,
      dropped,
      expiresAt: report.expiresAt,
      status: status(body.status),
      execution: body.execution ?? undefined,
      renewedFrom: optionalHash(body.renewedFrom),
      renewedTo: optionalHash(body.renewedTo),
    }
  }

  async function approve(
    hash: string,
    approvals: readonly Approval[] | string,
  ): Promise<{ hash: string; added: string[]; approvals: number | undefined }> {
    const wanted = checkHash(hash)
    let sent: readonly Approval[]
    let text: string
    if (typeof approvals === 'string') {
      const file = ownFile(approvals)
      if (file.hash !== wanted) {
        throw new RelayError('The signed copy is of another file than the proposal', {
          code: 'RelayRefused',
          details: { proposal: wanted, file: file.hash },
          remedy: 'Post the approvals of a copy of this proposal.',
        })
      }
      sent = file.approvals
      text = approvals
    } else {
      sent = approvals
      text = JSON.stringify({
        approvals: approvals.map((a) => ({ signer: a.signer, signature: a.signature })),
      })
    }
    const path = `/proposals/${wanted}/approvals`
    const body = answer(await request('POST', path, text), `POST ${path}`)
    return {
      hash: wanted,
      added: signersIn(body.added, sent),
      approvals: typeof body.approvals === 'number' ? body.approvals : undefined,
    }
  }

  return { shown, request, answer, proposal, approve }
}

/**
 * The part of {@link relayClient} a co-signer needs: the proposal, re-verified, and posting
 * approvals to it. The co-signer page uses only this, so it carries nothing else of the client.
 *
 * @throws {RelayError} as {@link relayClient}.
 * @example
 * ```ts
 * const relay = relayReader(location.origin)
 * const { file, dropped } = await relay.proposal(hash) // file.hash === hash, every approval verified
 * await relay.approve(hash, [approval])
 * ```
 */
export function relayReader(url: string, options: RelayClientOptions = {}): RelayReader {
  const { shown, proposal, approve } = connection(url, options)
  return { shown, proposal, approve }
}

/**
 * A client of the relay at `url` (`http://host:port`, or with a path prefix). Every answer is
 * checked here: a returned file must parse, its `hash` must be the one asked for, and its content
 * must hash to it (else `RelayLied`, with both hashes); each approval is verified, and one that
 * does not verify is dropped and reported in `dropped`.
 *
 * @throws {RelayError} `RelayUnreachable` (network error, timeout, an answer that is not the relay's
 *   JSON; the address shown without credentials), `RelayLied`, the relay's own refusal
 *   (`ProposalNotFound`, `NotReady`, `RateLimited`, … or `RelayRefused`, its code in
 *   `details.relayCode`), or `CosignError` for a file given here that is not a file.
 * @example
 * ```ts
 * const relay = relayClient('https://relay.example')
 * const { hash } = await relay.propose(signedFileText)
 * const { file, dropped } = await relay.proposal(hash) // file.hash === hash, every approval verified
 * ```
 */
export function relayClient(url: string, options: RelayClientOptions = {}): RelayClient {
  const { shown, request, answer, proposal, approve } = connection(url, options)
  return {
    shown,
    pageUrl: (hash) => `${shown}/p/${checkHash(hash)}`,

    async propose(fileText) {
      const file = ownFile(fileText)
      const body = answer(await request('POST', '/proposals', fileText), 'POST /proposals')
      lieUnless(
        typeof body.hash === 'string' && body.hash.toLowerCase() === file.hash,
        'The relay stored the proposal under another hash',
        {
          expected: file.hash,
          got: typeof body.hash === 'string' ? body.hash : JSON.stringify(body.hash),
        },
      )
      return {
        hash: file.hash,
        kind: file.kind,
        created: body.created === true,
        added: signersIn(body.added, file.approvals),
      }
    },

    approve,

    proposal,

    async listProposals(account) {
      const hex = account.toLowerCase().replace(/^account-hash-/, '')
      if (!hashPattern.test(hex)) {
        throw new RelayError('Not an account hash', {
          code: 'RelayRefused',
          details: { expected: 'account-hash-<64 hex> or 64 hex digits', got: account },
        })
      }
      const path = `/accounts/${hex}/proposals`
      const body = answer(await request('GET', path), `GET ${path}`)
      const list = Array.isArray(body.proposals) ? body.proposals : []
      return list.flatMap((entry) => {
        if (!isObject(entry) || typeof entry.hash !== 'string' || !hashPattern.test(entry.hash)) return []
        return [
          {
            hash: entry.hash,
            kind: entry.kind === 'deploy' || entry.kind === 'transaction' ? entry.kind : undefined,
            status: status(entry.status),
            approvals: typeof entry.approvals === 'number' ? entry.approvals : undefined,
            expiresAt: typeof entry.expiresAt === 'string' ? entry.expiresAt : undefined,
            renewedFrom: optionalHash(entry.renewedFrom),
            renewedTo: optionalHash(entry.renewedTo),
          },
        ]
      })
    },

    async submit(hash) {
      const wanted = checkHash(hash)
      const path = `/proposals/${wanted}/submit`
      const body = answer(await request('POST', path, '{}'), `POST ${path}`)
      return {
        hash: wanted,
        status: status(body.status ?? body.state),
        execution: body.execution ?? undefined,
      }
    },

    async renew(hash) {
      const old = await proposal(hash)
      const path = `/proposals/${old.hash}/renew`
      const body = answer(await request('POST', path, '{}'), `POST ${path}`)
      const renewed = optionalHash(body.hash)
      lieUnless(renewed !== undefined, 'The relay answered a renewal without a hash', { proposal: old.hash })
      const fresh = await proposal(renewed!)
      const differs = contentDifference(old.file, fresh.file)
      lieUnless(differs === undefined, 'The renewed file is not the same content with a new timestamp', {
        old: old.hash,
        renewed: renewed,
        differs,
      })
      // Who must sign again: the old file's signers whose approvals verify, not the relay's list.
      const mustSign = [...new Set(old.file.approvals.map((a) => a.signer.toLowerCase()))]
      return { hash: fresh.hash, renewedFrom: old.hash, mustSign, proposal: fresh }
    },
  }
}

/**
 * The address without its `user:password@` (fetch refuses a URL that holds one), and those
 * credentials as HTTP Basic authorization (a relay behind a proxy that asks for them).
 */
function splitCredentials(url: string): { base: string; basic: string | undefined } {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { base: url, basic: undefined }
  }
  if (parsed.username === '' && parsed.password === '') return { base: url, basic: undefined }
  const user = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`
  parsed.username = ''
  parsed.password = ''
  const bytes = new TextEncoder().encode(user)
  return {
    base: parsed.href.replace(/\/+$/, ''),
    basic: btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join('')),
  }
}

/** The hash asked for, lowercase; anything else is refused before a request is made. */
function checkHash(hash: string): string {
  const lower = hash.toLowerCase()
  if (!hashPattern.test(lower)) {
    throw new RelayError('Not a deploy or transaction hash', {
      code: 'RelayRefused',
      details: { expected: '64 hex digits', got: hash },
    })
  }
  return lower
}

/** A file given to be posted: parsed with the one model, its hashes recomputed. */
function ownFile(text: string): CosignFile {
  const file = parseCosignFile(text)
  const report = verifyFile(file)
  const broken = report.problems.find((p) => p.code === 'HashMismatch' || p.code === 'BodyHashMismatch')
  if (broken) {
    throw new RelayError('The file does not match its hash: not posted', {
      code: 'RelayRefused',
      details: { problem: broken.message },
      remedy: 'Get the original file from its author.',
    })
  }
  return file
}

/**
 * The relay's file for `hash`, re-read: it must parse, say `hash`, and hash to it (else
 * `RelayLied`); approvals that do not verify are dropped, exact repeats collapsed.
 */
function verified(
  hash: string,
  json: StrictJson | undefined,
): { file: CosignFile; dropped: DroppedApproval[] } {
  let file: CosignFile
  try {
    file = cosignFileFromJson(json ?? null)
  } catch (error) {
    throw new RelayError('The relay answered with a file that does not parse', {
      code: 'RelayLied',
      details: { expected: hash, reason: error instanceof BaseError ? error.shortMessage : String(error) },
      remedy: lied,
      cause: error,
    })
  }
  lieUnless(file.hash === hash, 'The relay answered with the file of another hash', {
    expected: hash,
    got: file.hash,
  })
  const report = verifyFile(file)
  const broken = report.problems.filter((p) => p.code === 'HashMismatch' || p.code === 'BodyHashMismatch')
  lieUnless(broken.length === 0, 'The relay answered with content that does not hash to the requested hash', {
    expected: hash,
    got: report.hash,
    problems: broken.map((p) => p.message).join('; '),
  })
  const kept: Approval[] = []
  const seen = new Set<string>()
  const dropped: DroppedApproval[] = []
  for (const verdict of report.approvals) {
    if (!verdict.ok) {
      dropped.push({ approval: verdict.approval, reason: verdict.reason, message: verdict.message })
      continue
    }
    const key = `${verdict.approval.signer.toLowerCase()}:${verdict.approval.signature.toLowerCase()}`
    if (seen.has(key)) continue
    seen.add(key)
    kept.push(verdict.approval)
  }
  return { file: kept.length === file.approvals.length ? file : withApprovals(file, kept), dropped }
}

const lied =
  'Do not use this relay for this proposal: get the file from its author or another relay. Nothing was signed or sent.'

function lieUnless(condition: boolean, message: string, details: Record<string, unknown>): void {
  if (!condition) throw new RelayError(message, { code: 'RelayLied', details, remedy: lied })
}

/** Of the signers the relay says it added, those among the approvals posted (the others are not news of ours). */
function signersIn(value: StrictJson | undefined, approvals: readonly Approval[]): string[] {
  const posted = new Set(approvals.map((a) => a.signer.toLowerCase()))
  return Array.isArray(value)
    ? value.flatMap((s) => (typeof s === 'string' && posted.has(s.toLowerCase()) ? [s.toLowerCase()] : []))
    : []
}

function status(value: StrictJson | undefined): RelayStatus | undefined {
  return typeof value === 'string' && statuses.includes(value) ? (value as RelayStatus) : undefined
}

function optionalHash(value: StrictJson | undefined): string | undefined {
  return typeof value === 'string' && hashPattern.test(value.toLowerCase()) ? value.toLowerCase() : undefined
}

/**
 * Where a renewed file's content differs from the old one's, besides what renewal changes (the
 * hash, the approvals, the timestamp and the TTL); `undefined` when it does not.
 */
function contentDifference(old: CosignFile, renewed: CosignFile): string | undefined {
  if (old.kind !== renewed.kind) return 'kind'
  const strip = (file: CosignFile): StrictJson => {
    let value: StrictJson = file.json
    for (const key of ['transaction', 'deploy', 'Deploy', 'Version1']) {
      if (isObject(value) && Object.keys(value).length === 1 && key in value)
        value = (value as Record<string, StrictJson>)[key]!
    }
    const { hash: _h, approvals: _a, ...rest } = value as Record<string, StrictJson>
    const timed = file.kind === 'deploy' ? 'header' : 'payload'
    const { timestamp: _t, ttl: _l, ...inner } = (rest[timed] ?? {}) as Record<string, StrictJson>
    return { ...rest, [timed]: inner }
  }
  return firstDifference(strip(old), strip(renewed), '$')
}

function firstDifference(
  a: StrictJson | undefined,
  b: StrictJson | undefined,
  path: string,
): string | undefined {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return a === b ? undefined : path
  }
  if (Array.isArray(a) !== Array.isArray(b)) return path
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const key of keys) {
    const found = firstDifference(
      (a as Record<string, StrictJson>)[key],
      (b as Record<string, StrictJson>)[key],
      `${path}.${key}`,
    )
    if (found) return found
  }
  return undefined
}
