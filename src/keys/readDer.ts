// A minimal DER (ASN.1) reader: just enough for PKCS#8, SEC1 and SPKI keys.
//
// Its errors name what was expected and never a tag, length, count or offset read from the data:
// a secret key file that is not DER (raw bytes, a truncated or mislabelled file) is read here too,
// and its bytes read as a 4-byte length are 4 bytes of the secret ("expected: 3237998146 value
// bytes" was the secret c0ffee42…).
import { KeyError } from './KeyError.js'

/** DER tags the key formats use (X.690). */
export const derTag = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  sequence: 0x30,
  /** `[0]` constructed: SEC1 `parameters`, PKCS#8 `attributes` (implicit). */
  context0: 0xa0,
  /** `[1]` constructed: SEC1 `publicKey` (explicit BIT STRING). */
  context1: 0xa1,
  /** `[1]` primitive: PKCS#8 v2 (OneAsymmetricKey) `publicKey` (implicit BIT STRING). */
  context1Primitive: 0x81,
} as const

/** One DER element: its tag byte and the bytes of its value. */
export type DerElement = { tag: number; value: Uint8Array }

/**
 * Reads a sequence of DER elements that must fill `bytes` exactly (long-form lengths up to 4 bytes;
 * indefinite lengths and multi-byte tags are not DER key material and are refused). An error says
 * what the structure needed, never a byte, length or offset of the data (it may be a secret).
 *
 * @throws {KeyError} code `InvalidDer`.
 * @example
 * ```ts
 * const [sequence] = readDer(der)
 * const [version, algorithm, key] = readDer(sequence.value)
 * ```
 */
export function readDer(bytes: Uint8Array, what = 'key data'): DerElement[] {
  const elements: DerElement[] = []
  let offset = 0
  while (offset < bytes.length) {
    const tag = bytes[offset]!
    if ((tag & 0x1f) === 0x1f) throw invalidDer(what, 'a single-byte tag', 'a multi-byte tag')
    let length = bytes[offset + 1]
    offset += 2
    if (length === undefined) throw invalidDer(what, 'a length byte', 'the end of the data')
    if (length & 0x80) {
      const count = length & 0x7f
      if (count === 0 || count > 4)
        throw invalidDer(what, 'a definite length of 1 to 4 bytes', 'an indefinite or longer length')
      if (offset + count > bytes.length)
        throw invalidDer(what, 'the length bytes its length announces', 'the end of the data')
      length = 0
      for (let i = 0; i < count; i++) length = length * 256 + bytes[offset + i]!
      offset += count
    }
    if (offset + length > bytes.length) {
      throw invalidDer(what, 'as many value bytes as its length says', 'a length past the end of the data')
    }
    elements.push({ tag, value: bytes.subarray(offset, offset + length) })
    offset += length
  }
  return elements
}

/**
 * Reads the single element `bytes` must hold and checks its tag.
 *
 * @throws {KeyError} code `InvalidDer`.
 * @example
 * ```ts
 * const sequence = readDerOne(der, derTag.sequence, 'PKCS#8 PrivateKeyInfo')
 * ```
 */
export function readDerOne(bytes: Uint8Array, tag: number, what: string): DerElement {
  const elements = readDer(bytes, what)
  if (elements.length !== 1)
    throw invalidDer(what, 'one DER element', elements.length === 0 ? 'none' : 'more than one')
  return expectTag(elements[0], tag, what)
}

/**
 * Checks an element's tag (and that it is there).
 *
 * @throws {KeyError} code `InvalidDer`.
 * @example
 * ```ts
 * const version = expectTag(fields[0], derTag.integer, 'version')
 * ```
 */
export function expectTag(element: DerElement | undefined, tag: number, what: string): DerElement {
  if (!element) throw invalidDer(what, `tag 0x${hex(tag)}`, 'nothing')
  if (element.tag !== tag) throw invalidDer(what, `tag 0x${hex(tag)}`, 'another tag')
  return element
}

/**
 * The dotted form of an OBJECT IDENTIFIER's value bytes (X.690 8.19).
 *
 * @example
 * ```ts
 * oidToString(new Uint8Array([0x2b, 0x65, 0x70])) // '1.3.101.112'
 * ```
 */
export function oidToString(value: Uint8Array): string {
  const arcs: number[] = []
  let arc = 0
  for (const byte of value) {
    arc = arc * 128 + (byte & 0x7f)
    if (!(byte & 0x80)) {
      if (arcs.length === 0) arcs.push(arc < 80 ? Math.floor(arc / 40) : 2, arc < 80 ? arc % 40 : arc - 80)
      else arcs.push(arc)
      arc = 0
    }
  }
  return arcs.join('.')
}

/**
 * The content of a BIT STRING with no unused bits (all key material is whole bytes).
 *
 * @throws {KeyError} code `InvalidDer`.
 * @example
 * ```ts
 * const point = bitStringBytes(spkiFields[1], 'subjectPublicKey')
 * ```
 */
export function bitStringBytes(element: DerElement, what: string): Uint8Array {
  if (element.value[0] !== 0) {
    throw invalidDer(
      what,
      'a BIT STRING with 0 unused bits',
      element.value.length === 0 ? 'an empty BIT STRING' : 'unused bits',
    )
  }
  return element.value.subarray(1)
}

function invalidDer(what: string, expected: string, got: string): KeyError {
  return new KeyError(`Invalid DER in ${what}`, {
    code: 'InvalidDer',
    details: { expected, got },
    remedy: 'Pass the key file unchanged, as casper-client keygen or openssl wrote it.',
  })
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0')
}
