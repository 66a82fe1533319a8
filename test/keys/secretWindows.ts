// What "no byte of a secret in an error" means, for the key tests and the fuzz suite.
import type { BaseError } from '../../src/errors/BaseError.js'
import { keyOids } from '../../src/keys/keyOids.js'

/** Everything a person or a program sees of an error: message, details, remedy, and its JSON. */
export function shownOf(error: unknown): string {
  const e = error as BaseError
  const json = JSON.stringify({ ...e, message: e.message, details: e.details, remedy: e.remedy }, (_, v) =>
    typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Array.from(v) : v,
  )
  return `${e.message}\n${json}`
}

/**
 * The message vocabulary that is not file data (algorithm names and the OIDs of the key formats)
 * is removed first: `ed25519` alone is four hex windows any secret may hold.
 */
const vocabulary = [
  ...Object.values(keyOids),
  'ed25519',
  'Ed25519',
  'secp256k1',
  'PKCS#8',
  'RFC 5208',
  'RFC 5915',
  'RFC 5958',
]

/**
 * What the secret must never show as: every 2-byte window in hex (a longer window holds one), in any
 * case, and every 2- to 4-byte window read as a big- or little-endian number of 256 or more (a
 * smaller reading is a single byte's value, which cannot be told from the numbers every message
 * holds, such as "32 raw bytes"; lengths and offsets are checked by the next rule).
 */
export function leaks(secret: Uint8Array, shown: string): string[] {
  let text = shown
  for (const word of vocabulary) text = text.split(word).join(' ')
  const lower = text.toLowerCase()
  const found: string[] = []
  for (let i = 0; i + 2 <= secret.length; i++) {
    const window = (secret[i]! * 256 + secret[i + 1]!).toString(16).padStart(4, '0')
    if (lower.includes(window)) found.push(`hex ${window} at byte ${i}`)
  }
  const numbers = new Set((text.match(/\d+/g) ?? []).map(Number))
  for (let size = 2; size <= 4; size++) {
    for (let i = 0; i + size <= secret.length; i++) {
      const bytes = [...secret.subarray(i, i + size)]
      const big = bytes.reduce((n, b) => n * 256 + b, 0)
      const little = bytes.reduceRight((n, b) => n * 256 + b, 0)
      for (const reading of [big, little])
        if (reading >= 256 && numbers.has(reading)) found.push(`${reading} from bytes ${i}..${i + size - 1}`)
    }
  }
  return found
}
