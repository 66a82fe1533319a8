// An in-process Ledger running the Casper app's APDU protocol (Zondax/ledger-casper app 3.0.x) with a
// software secp256k1 key: chunking and P1/P2 rules, the app buffer, the hash checks, the status words,
// and a user who approves or rejects. Exposed as a @ledgerhq/hw-transport Transport.
import Transport from '@ledgerhq/hw-transport'
import { blake2b } from '@noble/hashes/blake2b'
import { sha256 } from '@noble/hashes/sha2'
import { HDKey } from '@scure/bip32'
import { mnemonicToSeedSync } from '@scure/bip39'
import * as P from 'micro-packed'
import { hash32, list, publicKey } from '../../src/codec/bytesrepr.js'
import { deployHeader, executableItem, transactionPayload } from '../../src/codec/layouts.js'
import { bytesToHex } from '../../src/encoding/hex.js'
import { secp256k1 } from '../../src/keys/secp256k1.js'
import { transactionV1 } from '../../src/ledger/ledgerMessage.js'

/** The seed of the app's Zemu tests (Zondax/ledger-casper `tests_zemu/tests/common.ts` `APP_SEED`). */
export const zemuSeed = 'equip will roof matter pink blind book anxiety banner elbow sun young'

/** Status words of the app and the OS (Zondax/ledger-casper `app/src/apdu_handler.c`, ledger-zxlib `apdu_codes.h`). */
export const sw = {
  ok: 0x9000,
  wrongLength: 0x6700,
  tooLarge: 0x6983,
  dataInvalid: 0x6984,
  notInitialized: 0x6985,
  rejected: 0x6986,
  invalidP1P2: 0x6b00,
  insNotSupported: 0x6d00,
  appNotOpen: 0x6e00,
  locked: 0x5515,
} as const

/** What the device's user does when a signature is asked. */
export type DeviceUser = 'approve' | 'reject'

/** Options of {@link CasperLedgerDevice}. */
export type CasperLedgerDeviceOptions = {
  /** The BIP 39 mnemonic of the device (default: the Zemu test seed). */
  mnemonic?: string
  /** `nanoS`: an 8 KB buffer; others 16 KB (Zondax/ledger-casper `app/src/common/tx.c` `FLASH_BUFFER_SIZE`). */
  model?: 'nanoS' | 'nanoX'
  locked?: boolean
  appOpen?: boolean
  user?: DeviceUser
}

/** One APDU as the device received it. */
export type ReceivedApdu = { cla: number; ins: number; p1: number; p2: number; data: Uint8Array }

const hardened = 0x80000000

const deployCoder = P.struct({
  header: deployHeader,
  hash: hash32,
  payment: executableItem,
  session: executableItem,
  approvals: list(P.struct({ signer: publicKey, signature: P.bytes(65) }), 1 + 32 + 65),
})

/** A Casper app on a device: feed it APDUs with {@link CasperLedgerDevice.exchange}. */
export class CasperLedgerDevice {
  locked: boolean
  appOpen: boolean
  user: DeviceUser
  readonly bufferBytes: number
  /** Every APDU received, in order. */
  readonly received: ReceivedApdu[] = []
  /** The messages approved and signed (INS and the buffer as the app held it). */
  readonly signed: { ins: number; message: Uint8Array }[] = []
  readonly #root: HDKey
  #path: number[] | undefined
  #ins = -1
  #buffer: Uint8Array[] = []
  #length = 0
  #overflow = false

  constructor(options: CasperLedgerDeviceOptions = {}) {
    this.#root = HDKey.fromMasterSeed(mnemonicToSeedSync(options.mnemonic ?? zemuSeed))
    this.locked = options.locked ?? false
    this.appOpen = options.appOpen ?? true
    this.user = options.user ?? 'approve'
    this.bufferBytes = options.model === 'nanoS' ? 8192 : 16384
  }

  /** The compressed secp256k1 public key (33 bytes) at a path such as `m/44'/506'/0'/0/0`. */
  publicKeyAt(path: string): Uint8Array {
    return this.#key(path).publicKey!
  }

  /** One APDU in, the answer (data and two status bytes) out. */
  exchange(apdu: Uint8Array): Uint8Array {
    const [cla = 0, ins = 0, p1 = 0, p2 = 0, lc = 0] = apdu
    const data = apdu.slice(5, 5 + lc)
    this.received.push({ cla, ins, p1, p2, data })
    if (this.locked) return answer(sw.locked)
    if (!this.appOpen) return answer(sw.appNotOpen)
    if (cla !== 0x11) return answer(sw.appNotOpen)
    if (apdu.length < 5 || data.length !== lc) return answer(sw.wrongLength)
    switch (ins) {
      case 0x00:
        // test mode, major, minor, patch, locked, target id (Nano X 0x33000004) big-endian
        return answer(sw.ok, Uint8Array.of(0, 3, 0, 0, 0, 0x33, 0, 0, 4))
      case 0x01:
        return this.#address(data, p1)
      case 0x02:
      case 0x04:
        return this.#chunk(ins, p1, p2, data)
      default:
        return answer(sw.insNotSupported)
    }
  }

  #key(path: string | number[]): HDKey {
    const levels = typeof path === 'string' ? path : `m/${path.map(level).join('/')}`
    return this.#root.derive(levels)
  }

  #readPath(data: Uint8Array): number[] | number {
    if (data.length < 20) return sw.wrongLength
    const view = new DataView(data.buffer, data.byteOffset, 20)
    const levels = [0, 1, 2, 3, 4].map((i) => view.getUint32(i * 4, true))
    // extractHDPath: mainnet and testnet are both 44'/506'
    if (levels[0] !== (44 | hardened) >>> 0 || levels[1] !== (506 | hardened) >>> 0) return sw.dataInvalid
    return levels
  }

  #address(data: Uint8Array, p1: number): Uint8Array {
    const levels = this.#readPath(data)
    if (typeof levels === 'number') return answer(levels)
    if (p1 === 1 && this.user === 'reject') return answer(sw.rejected)
    const key = this.#key(levels).publicKey!
    // answer_t: public key (33) + "02" and the checksummed hex of the key (68 ASCII)
    const text = `02${checksummed(key)}`
    return answer(sw.ok, concat([key, new TextEncoder().encode(text)]))
  }

  #chunk(ins: number, p1: number, p2: number, data: Uint8Array): Uint8Array {
    if (p2 !== 0) return answer(sw.invalidP1P2)
    if (p1 === 0) {
      const levels = this.#readPath(data)
      if (typeof levels === 'number') return answer(levels)
      this.#path = levels
      this.#ins = ins
      this.#buffer = []
      this.#length = 0
      this.#overflow = false
      return answer(sw.ok)
    }
    if (p1 !== 1 && p1 !== 2) {
      this.#path = undefined
      return answer(sw.invalidP1P2)
    }
    if (this.#path === undefined || this.#ins !== ins) return answer(sw.notInitialized)
    if (this.#length + data.length > this.bufferBytes) {
      if (ins === 0x02) {
        this.#path = undefined
        return answer(sw.tooLarge)
      }
      // INS 0x04 keeps what fits (the header, for its hash) and goes on reading chunks.
      this.#overflow = true
    } else {
      this.#buffer.push(data)
      this.#length += data.length
    }
    if (p1 === 1) return answer(sw.ok)
    const message = concat(this.#buffer)
    const path = this.#path
    this.#path = undefined
    const hash = ins === 0x02 ? checkSign(message) : checkWasm(message)
    if (typeof hash === 'string') return answer(sw.dataInvalid, new TextEncoder().encode(hash))
    if (this.user === 'reject') return answer(sw.rejected)
    this.signed.push({ ins, message })
    // crypto_sign: ECDSA (RFC 6979, canonical low S) of SHA-256(hash); answer R, S, V, DER.
    const secret = this.#key(path).privateKey!
    const signature = secp256k1.sign(sha256(hash), secret, { prehash: false, lowS: true })
    const compact = signature.toBytes('compact')
    return answer(sw.ok, concat([compact, Uint8Array.of(signature.recovery ?? 0), signature.toBytes('der')]))
  }

  /** Whether the last INS 0x04 message was cut to the buffer (the app then parses only its header). */
  get overflowed(): boolean {
    return this.#overflow
  }
}

/** INS 0x02: 0x00 + deploy or 0x01 + TransactionV1; the hashes checked; the hash signed, or the app's reason. */
function checkSign(message: Uint8Array): Uint8Array | string {
  const rest = message.slice(1)
  try {
    if (message[0] === 0) {
      const deploy = deployCoder.decode(rest)
      const header = deployHeader.encode(deploy.header)
      if (!same(blake2b(header, { dkLen: 32 }), deploy.hash)) return 'context prefix is invalid'
      const body = concat([executableItem.encode(deploy.payment), executableItem.encode(deploy.session)])
      if (!same(blake2b(body, { dkLen: 32 }), deploy.header.body_hash)) return 'context prefix is invalid'
      return deploy.hash
    }
    if (message[0] === 1) {
      const [hash, payload] = transactionV1.decode(rest)
      if (!same(blake2b(transactionPayload.encode(payload), { dkLen: 32 }), hash)) {
        return 'context prefix is invalid'
      }
      return hash
    }
    return 'Unexpected value'
  } catch {
    return 'Unexpected buffer end'
  }
}

/** INS 0x04: only the header is parsed and its hash checked; the body hash is not (parser_wasm.c). */
function checkWasm(message: Uint8Array): Uint8Array | string {
  try {
    const { header, hash } = P.struct({ header: deployHeader, hash: hash32 }).decode(message, {
      allowUnreadBytes: true,
    })
    if (!same(blake2b(deployHeader.encode(header), { dkLen: 32 }), hash)) return 'context prefix is invalid'
    return hash
  } catch {
    return 'Unexpected buffer end'
  }
}

/**
 * A @ledgerhq/hw-transport `Transport` around a {@link CasperLedgerDevice}: what `ledgerSigner` and
 * @zondax/ledger-casper talk to in tests, as they would to TransportNodeHid or TransportWebHID.
 */
export class InProcessTransport extends Transport {
  constructor(readonly device: CasperLedgerDevice) {
    super()
  }

  override async exchange(apdu: Buffer): Promise<Buffer> {
    return Buffer.from(this.device.exchange(Uint8Array.from(apdu)))
  }

  override setScrambleKey(): void {}

  override async close(): Promise<void> {}
}

/** A transport to a fresh device; the device is `transport.device`. */
export function inProcessLedger(options: CasperLedgerDeviceOptions = {}): InProcessTransport {
  return new InProcessTransport(new CasperLedgerDevice(options))
}

function answer(status: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  return concat([data, Uint8Array.of(status >> 8, status & 0xff)])
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return bytesToHex(a) === bytesToHex(b)
}

function level(value: number): string {
  return value >= hardened ? `${value - hardened}'` : String(value)
}

/** casper-types checksummed hex (CEP-57): a-f upper-cased where the next bit of blake2b(bytes) is 1. */
function checksummed(bytes: Uint8Array): string {
  const bits = blake2b(bytes, { dkLen: 32 })
  let bit = 0
  return Array.from(bytesToHex(bytes), (c) => {
    if (c < 'a') return c
    const on = (bits[bit >> 3]! >> (bit & 7)) & 1
    bit++
    return on ? c.toUpperCase() : c
  }).join('')
}
