// Verification by Node's OpenSSL (node:crypto) gives exactly the verdicts of the noble path, mutations included.
import { ed25519 } from '@noble/curves/ed25519'
import { secp256k1 } from '@noble/curves/secp256k1'
import { sha256, sha512 } from '@noble/hashes/sha2'
import fc from 'fast-check'
import { afterEach, describe, expect, test, vi } from 'vitest'
import type { ApprovalJson } from '../../src/deploy/DeployJson.js'
import { bytesToHex } from '../../src/encoding/hex.js'
import { nativeVerifier } from '../../src/keys/nativeVerifier.js'
import { verifyApproval } from '../../src/keys/verifyApproval.js'

const L = ed25519.Point.Fn.ORDER
const p = ed25519.Point.Fp.ORDER
const B = ed25519.Point.BASE
const n = secp256k1.Point.Fn.ORDER
const secpP = secp256k1.Point.Fp.ORDER

const le = (bytes: Uint8Array) => bytes.reduceRight((v, byte) => (v << 8n) | BigInt(byte), 0n)
const toLe = (v: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((v >> BigInt(8 * i)) & 0xffn))
const toBe = (v: bigint, length = 32) =>
  Uint8Array.from({ length }, (_, i) => Number((v >> BigInt(8 * (length - 1 - i))) & 0xffn))
const cat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((part) => [...part]))
const flip = (bytes: Uint8Array, bit: number) => {
  const copy = bytes.slice()
  copy[bit >> 3]! ^= 1 << (bit & 7)
  return copy
}

/** The same approval verified with node:crypto and with noble; each call sees a fresh verdict cache key. */
function bothPaths(hash: Uint8Array, approval: ApprovalJson) {
  nativeVerifier.enabled = true
  const native = verifyApproval(hash, approval)
  nativeVerifier.enabled = false
  try {
    return { native, noble: verifyApproval(hash, approval) }
  } finally {
    nativeVerifier.enabled = true
  }
}

/** A seed for every property, printed so a failing run replays (FC_SEED=<seed>, test/setup/fastCheck.ts). */
function assertProperty<Ts extends unknown[]>(name: string, property: fc.IProperty<Ts>, numRuns: number) {
  const seed = fc.readConfigureGlobal().seed ?? (Math.random() * 2 ** 31) | 0
  console.log(`${name}: fast-check seed ${seed}`)
  fc.assert(property, { seed, numRuns })
}

// ed25519 ---------------------------------------------------------------------------------------

/** A generator of the 8-torsion: the order-8 point c7176a70…ac037a (speccheck case 0's R). */
const T8 = ed25519.Point.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a')
const torsion = Array.from({ length: 8 }, (_, j) => T8.multiply(BigInt(j + 1)))

/**
 * Every 32-byte encoding curve25519-dalek decodes to a point of small order: the 8 canonical ones,
 * the sign bit set on x = 0, and y + p for y = 0 and 1 (the only y with y + p < 2^255).
 */
const smallOrderEncodings = (() => {
  const all = new Map<string, Uint8Array>()
  for (const point of torsion) {
    const canonical = point.toBytes()
    const y = le(canonical) & (2n ** 255n - 1n)
    for (const value of y + p < 2n ** 255n ? [y, y + p] : [y])
      for (const sign of [0n, 2n ** 255n]) {
        const bytes = toLe(value | sign)
        all.set(bytesToHex(bytes), bytes)
      }
  }
  return [...all.values()].filter((bytes) => {
    try {
      return ed25519.Point.fromBytes(bytes, true).isSmallOrder()
    } catch {
      return false
    }
  })
})()

const challenge = (R: Uint8Array, A: Uint8Array, message: Uint8Array) => le(sha512(cat(R, A, message))) % L
const ed25519Approval = (publicKey: Uint8Array, signature: Uint8Array): ApprovalJson => ({
  signer: `01${bytesToHex(publicKey)}`,
  signature: `01${bytesToHex(signature)}`,
})

/**
 * A signature for a key with a torsion component, A' = aB + [t]T8, that the cofactorless equation
 * accepts: R = rB + [j]T8 with j = −k·t mod 8, found by trying R until k fits (r = 0 makes R of small
 * order, which dalek refuses and OpenSSL alone would accept).
 */
function torsionSignature(a: bigint, t: number, r: bigint, message: Uint8Array, startJ: number) {
  const A = B.multiply(a)
    .add(T8.multiply(BigInt(t)))
    .toBytes()
  for (let attempt = 0; attempt < 256; attempt++) {
    const j = (startJ + attempt) % 8
    const Rpoint =
      r === 0n
        ? T8.multiply(BigInt(j === 0 ? 8 : j))
        : B.multiply(r).add(T8.multiply(BigInt(j === 0 ? 8 : j)))
    const R = Rpoint.toBytes()
    const k = challenge(R, A, message)
    if ((((-k * BigInt(t)) % 8n) + 8n) % 8n === BigInt(j)) {
      const s = (r + k * a) % L
      return { publicKey: A, signature: cat(R, toLe(s)) }
    }
    // With r = 0 there are only eight R: another message byte gives them another k.
    if (attempt % 8 === 7) message[0] = (message[0]! + 1) & 0xff
  }
  throw new Error('expected a fitting R within 256 attempts')
}

const ed25519Case = fc.oneof(
  fc.record({ kind: fc.constant('valid' as const) }),
  fc.record({ kind: fc.constant('flipSignature' as const), bit: fc.nat(511) }),
  fc.record({ kind: fc.constant('flipKey' as const), bit: fc.nat(255) }),
  fc.record({ kind: fc.constant('flipMessage' as const), bit: fc.nat(255) }),
  fc.record({ kind: fc.constant('sPlusL' as const) }),
  fc.record({
    kind: fc.constant('smallOrderR' as const),
    which: fc.nat(smallOrderEncodings.length - 1),
  }),
  fc.record({
    kind: fc.constant('smallOrderKey' as const),
    which: fc.nat(smallOrderEncodings.length - 1),
    r: fc.bigInt(1n, L - 1n),
  }),
  fc.record({
    kind: fc.constant('torsionKey' as const),
    t: fc.integer({ min: 1, max: 7 }),
    r: fc.oneof(fc.constant(0n), fc.bigInt(1n, L - 1n)),
    j: fc.nat(7),
  }),
  fc.record({
    kind: fc.constant('mixedOrderR' as const),
    j: fc.integer({ min: 1, max: 7 }),
    r: fc.bigInt(1n, L - 1n),
  }),
  fc.record({
    kind: fc.constant('nonCanonicalKey' as const),
    y: fc.integer({ min: 2, max: 18 }),
    sign: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('randomSignature' as const),
    bytes: fc.uint8Array({ minLength: 64, maxLength: 64 }),
  }),
)

type Ed25519Case = typeof ed25519Case extends fc.Arbitrary<infer T> ? T : never

function ed25519Input(seed: Uint8Array, message: Uint8Array, c: Ed25519Case) {
  const { scalar: a, pointBytes: A } = ed25519.utils.getExtendedPublicKey(seed)
  const signature = ed25519.sign(message, seed)
  switch (c.kind) {
    case 'valid':
      return { message, publicKey: A, signature }
    case 'flipSignature':
      return { message, publicKey: A, signature: flip(signature, c.bit) }
    case 'flipKey':
      return { message, publicKey: flip(A, c.bit), signature }
    case 'flipMessage':
      return { message: flip(message, c.bit), publicKey: A, signature }
    case 'sPlusL': {
      const s = le(signature.subarray(32)) + L
      return { message, publicKey: A, signature: cat(signature.subarray(0, 32), toLe(s % 2n ** 256n)) }
    }
    case 'smallOrderR': {
      // s = k·a makes [s]B − [k]A the identity: OpenSSL accepts R = identity; dalek refuses it.
      const R = smallOrderEncodings[c.which]!
      return { message, publicKey: A, signature: cat(R, toLe((challenge(R, A, message) * a) % L)) }
    }
    case 'smallOrderKey': {
      // With A of small order, [k]A is torsion; R = rB and s = r hold whenever [k]A is the identity.
      const key = smallOrderEncodings[c.which]!
      return { message, publicKey: key, signature: cat(B.multiply(c.r).toBytes(), toLe(c.r)) }
    }
    case 'torsionKey': {
      const forged = torsionSignature(a, c.t, c.r, message, c.j)
      return { message, ...forged }
    }
    case 'mixedOrderR': {
      const R = B.multiply(c.r)
        .add(torsion[c.j - 1]!)
        .toBytes()
      return { message, publicKey: A, signature: cat(R, toLe((c.r + challenge(R, A, message) * a) % L)) }
    }
    case 'nonCanonicalKey': {
      const key = toLe(BigInt(c.y) + p + (c.sign ? 2n ** 255n : 0n))
      return { message, publicKey: key, signature }
    }
    case 'randomSignature':
      return { message, publicKey: A, signature: c.bytes }
  }
}

// secp256k1 -------------------------------------------------------------------------------------

const secp256k1Case = fc.oneof(
  fc.record({ kind: fc.constant('valid' as const) }),
  fc.record({ kind: fc.constant('flipSignature' as const), bit: fc.nat(511) }),
  fc.record({ kind: fc.constant('flipKey' as const), bit: fc.nat(263) }),
  fc.record({ kind: fc.constant('flipMessage' as const), bit: fc.nat(255) }),
  fc.record({ kind: fc.constant('highS' as const) }),
  fc.record({
    kind: fc.constant('r' as const),
    value: fc.oneof(
      fc.constantFrom(0n, n, n + 1n, 2n ** 256n - 1n, n - 1n, 1n),
      fc.bigInt(n, 2n ** 256n - 1n),
    ),
  }),
  fc.record({
    kind: fc.constant('s' as const),
    value: fc.oneof(
      fc.constantFrom(0n, n, n + 1n, 2n ** 256n - 1n, n - 1n, 1n, n / 2n, n / 2n + 1n),
      fc.bigInt(n, 2n ** 256n - 1n),
    ),
  }),
  fc.record({
    kind: fc.constant('nonCanonicalKey' as const),
    x: fc.integer({ min: 0, max: 4000 }),
    odd: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('randomSignature' as const),
    bytes: fc.uint8Array({ minLength: 64, maxLength: 64 }),
  }),
)

type Secp256k1Case = typeof secp256k1Case extends fc.Arbitrary<infer T> ? T : never

function secp256k1Input(secret: Uint8Array, message: Uint8Array, c: Secp256k1Case) {
  const publicKey = secp256k1.getPublicKey(secret, true)
  const signature = secp256k1.sign(sha256(message), secret, { prehash: false, lowS: true }).toBytes('compact')
  const r = le(signature.subarray(0, 32).slice().reverse())
  const s = le(signature.subarray(32).slice().reverse())
  switch (c.kind) {
    case 'valid':
      return { message, publicKey, signature }
    case 'flipSignature':
      return { message, publicKey, signature: flip(signature, c.bit) }
    case 'flipKey':
      return { message, publicKey: flip(publicKey, c.bit), signature }
    case 'flipMessage':
      return { message: flip(message, c.bit), publicKey, signature }
    case 'highS':
      return { message, publicKey, signature: cat(toBe(r), toBe(n - s)) }
    case 'r':
      return { message, publicKey, signature: cat(toBe(c.value), toBe(s)) }
    case 's':
      return { message, publicKey, signature: cat(toBe(r), toBe(c.value)) }
    case 'nonCanonicalKey':
      // x + p < 2^256 for small x: a compressed point k256 and noble refuse (x not reduced).
      return {
        message,
        publicKey: cat(new Uint8Array([c.odd ? 3 : 2]), toBe(BigInt(c.x) + secpP)),
        signature,
      }
    case 'randomSignature':
      return { message, publicKey, signature: c.bytes }
  }
}

const secp256k1Approval = (publicKey: Uint8Array, signature: Uint8Array): ApprovalJson => ({
  signer: `02${bytesToHex(publicKey)}`,
  signature: `02${bytesToHex(signature)}`,
})

const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length })
const secpSecret = bytes(32).filter((secret) => secp256k1.utils.isValidSecretKey(secret))

describe('node:crypto verification', () => {
  afterEach(() => {
    nativeVerifier.enabled = true
  })

  test('OpenSSL answers on this Node (not a silent fallback to noble)', () => {
    const message = sha256(new TextEncoder().encode('native'))
    const seed = new Uint8Array(32).fill(9)
    const edSignature = ed25519.sign(message, seed)
    const edKey = ed25519.getPublicKey(seed)
    expect(nativeVerifier.verify('ed25519', edSignature, message, edKey)).toBe(true)
    expect(nativeVerifier.verify('ed25519', flip(edSignature, 3), message, edKey)).toBe(false)
    const k1Signature = secp256k1.sign(sha256(message), seed, { prehash: false }).toBytes('compact')
    const k1Key = secp256k1.getPublicKey(seed, true)
    expect(nativeVerifier.verify('secp256k1', k1Signature, message, k1Key)).toBe(true)
    expect(nativeVerifier.verify('secp256k1', flip(k1Signature, 3), message, k1Key)).toBe(false)
    nativeVerifier.enabled = false
    expect(nativeVerifier.verify('ed25519', edSignature, message, edKey)).toBeUndefined()
  })

  test('a key noble refuses (small order, not a point) is left to noble', () => {
    const message = new Uint8Array(32)
    expect(
      nativeVerifier.verify('ed25519', new Uint8Array(64), message, smallOrderEncodings[0]!),
    ).toBeUndefined()
    expect(nativeVerifier.verify('secp256k1', new Uint8Array(64), message, toBe(5n, 33))).toBeUndefined()
  })

  test('the small-order encodings: 14, every one refused as R of a signature OpenSSL alone would take', () => {
    expect(smallOrderEncodings).toHaveLength(14)
    const seed = new Uint8Array(32).fill(1)
    const message = new Uint8Array(32).fill(2)
    const { scalar: a, pointBytes: A } = ed25519.utils.getExtendedPublicKey(seed)
    const identity = toLe(1n)
    const signature = cat(identity, toLe((challenge(identity, A, message) * a) % L))
    // The gap the check before OpenSSL closes: OpenSSL's cofactorless equation holds for R = identity.
    expect(nativeVerifier.verify('ed25519', signature, message, A)).toBe(true)
    expect(bothPaths(message, ed25519Approval(A, signature))).toEqual({
      native: expect.objectContaining({ ok: false, reason: 'InvalidSignature' }),
      noble: expect.objectContaining({ ok: false, reason: 'InvalidSignature' }),
    })
  })

  test('a key with a torsion component and a fitting R: dalek (and both paths) accept it', () => {
    const seed = new Uint8Array(32).fill(4)
    const { scalar: a } = ed25519.utils.getExtendedPublicKey(seed)
    const message = new Uint8Array(32).fill(5)
    const { publicKey, signature } = torsionSignature(a, 3, 12345n, message, 0)
    const { native, noble } = bothPaths(message, ed25519Approval(publicKey, signature))
    expect(native).toEqual(noble)
    expect(native.ok).toBe(true)
  })

  test('ed25519: native verdict === noble verdict for random keys, messages and mutated signatures', () => {
    assertProperty(
      'ed25519 native === noble',
      fc.property(bytes(32), bytes(32), ed25519Case, (seed, message, c) => {
        const input = ed25519Input(seed, message.slice(), c)
        const { native, noble } = bothPaths(input.message, ed25519Approval(input.publicKey, input.signature))
        expect(native).toEqual(noble)
        if (c.kind === 'valid') expect(native.ok).toBe(true)
        if (c.kind === 'sPlusL' || c.kind === 'smallOrderR' || c.kind === 'smallOrderKey')
          expect(native.ok).toBe(false)
      }),
      150,
    )
  })

  test('secp256k1: native verdict === noble verdict for random keys, messages and mutated signatures', () => {
    assertProperty(
      'secp256k1 native === noble',
      fc.property(secpSecret, bytes(32), secp256k1Case, (secret, message, c) => {
        const input = secp256k1Input(secret, message, c)
        const { native, noble } = bothPaths(
          input.message,
          secp256k1Approval(input.publicKey, input.signature),
        )
        expect(native).toEqual(noble)
        if (c.kind === 'valid') expect(native.ok).toBe(true)
        if (c.kind === 'highS') expect(native).toMatchObject({ ok: false, reason: 'HighS' })
      }),
      150,
    )
  })

  test('without process.getBuiltinModule (a browser, Node < 20.16), verification is noble and still right', async () => {
    const original = process.getBuiltinModule
    vi.resetModules()
    ;(process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined
    try {
      const fresh = await import('../../src/keys/nativeVerifier.js')
      const { verifyApproval: freshVerify } = await import('../../src/keys/verifyApproval.js')
      const seed = new Uint8Array(32).fill(6)
      const message = new Uint8Array(32).fill(7)
      const signature = ed25519.sign(message, seed)
      expect(
        fresh.nativeVerifier.verify('ed25519', signature, message, ed25519.getPublicKey(seed)),
      ).toBeUndefined()
      expect(freshVerify(message, ed25519Approval(ed25519.getPublicKey(seed), signature)).ok).toBe(true)
      expect(freshVerify(message, ed25519Approval(ed25519.getPublicKey(seed), flip(signature, 0))).ok).toBe(
        false,
      )
    } finally {
      process.getBuiltinModule = original
      vi.resetModules()
    }
  })
})
