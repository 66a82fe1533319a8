// ed25519 approvals are judged as ed25519-dalek 2.1.1 `verify_strict` judges them (casper-types v1.5.8).
import { ed25519 } from '@noble/curves/ed25519'
import { sha512 } from '@noble/hashes/sha2'
import { describe, expect, test } from 'vitest'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { verifyApproval } from '../../src/keys/verifyApproval.js'

const L = ed25519.Point.Fn.ORDER
const B = ed25519.Point.BASE

/**
 * The twelve edge cases of "Taming the many EdDSAs" (Chalkias, Garillot, Nikolaenko 2020),
 * novifinancial/ed25519-speccheck `cases.txt` (commit 2297da78); each message is 32 bytes, like a
 * deploy hash. Its `results.md` (commit 1c9efc4f) row "Dalek strict" accepts only case 3:
 * `| X | X | X | V | X | X | X | X | X | X | X | X |`.
 */
const speccheck = [
  [
    '8c93255d71dcab10e8f379c26200f3c7bd5f09d9bc3068d3ef4edeb4853022b6',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a0000000000000000000000000000000000000000000000000000000000000000',
  ],
  [
    '9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
    'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04',
  ],
  [
    'aebf3f2601a0c8c5d39cc7d8911642f740b78168218da8471772b35f9d35b9ab',
    'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa8c4bd45aecaca5b24fb97bc10ac27ac8751a7dfe1baff8b953ec9f5833ca260e',
  ],
  [
    '9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79',
    'cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d',
    '9046a64750444938de19f227bb80485e92b83fdb4b6506c160484c016cc1852f87909e14428a7a1d62e9f22f3d3ad7802db02eb2e688b6c52fcd6648a98bd009',
  ],
  [
    'e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c',
    'cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d',
    '160a1cb0dc9c0258cd0a7d23e94d8fa878bcb1925f2c64246b2dee1796bed5125ec6bc982a269b723e0668e540911a9a6a58921d6925e434ab10aa7940551a09',
  ],
  [
    'e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c',
    'cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d',
    '21122a84e0b5fca4052f5b1235c80a537878b38f3142356b2c2384ebad4668b7e40bc836dac0f71076f9abe3a53f9c03c1ceeeddb658d0030494ace586687405',
  ],
  [
    '85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40',
    '442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623',
    'e96f66be976d82e60150baecff9906684aebb1ef181f67a7189ac78ea23b6c0e547f7690a0e2ddcd04d87dbc3490dc19b3b3052f7ff0538cb68afb369ba3a514',
  ],
  [
    '85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40',
    '442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623',
    '8ce5b96c8f26d0ab6c47958c9e68b937104cd36e13c33566acd2fe8d38aa19427e71f98a473474f2f13f06f97c20d58cc3f54b8bd0d272f42b695dd7e89a8c22',
  ],
  [
    '9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41',
    'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff03be9678ac102edcd92b0210bb34d7428d12ffc5df5f37e359941266a4e35f0f',
  ],
  [
    '9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41',
    'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffca8c5b64cd208982aa38d4936621a4775aa233aa0505711d8fdcfdaa943d4908',
  ],
  [
    'e96b7021eb39c1a163b6da4e3093dcd3f21387da4cc4572be588fafae23c155b',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'a9d55260f765261eb9b84e106f665e00b867287a761990d7135963ee0a7d59dca5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04',
  ],
  [
    '39a591f5321bbe07fd5a23dc2f39d025d74526615746727ceefd6e82ae65c06f',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'a9d55260f765261eb9b84e106f665e00b867287a761990d7135963ee0a7d59dca5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04',
  ],
] as const

/** A point of order 8: the torsion component used to build mixed-order points (speccheck case 0's R). */
const torsion8 = ed25519.Point.fromBytes(hexToBytes(speccheck[0][2].slice(0, 64)))

const leScalar = (bytes: Uint8Array) => bytes.reduceRight((n, byte) => (n << 8n) | BigInt(byte), 0n)
const scalarBytes = (n: bigint) =>
  Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn))
/** k = SHA-512(R ‖ A ‖ M) mod L, RFC 8032 5.1.7. */
const challenge = (R: Uint8Array, A: Uint8Array, message: Uint8Array) =>
  leScalar(sha512(new Uint8Array([...R, ...A, ...message]))) % L

/** A key whose secret scalar the test knows, so it can sign with any R it likes. */
const seed = new Uint8Array(32).fill(7)
const { scalar: a, pointBytes: A } = ed25519.utils.getExtendedPublicKey(seed)
const signer = `01${bytesToHex(A)}`
const message = new Uint8Array(32).fill(0xab)

/** s = r + k·a for a chosen R (whose discrete log r the test knows up to torsion). */
function forge(R: Uint8Array, r: bigint, publicKey = A, secret = a) {
  const s = (r + challenge(R, publicKey, message) * secret) % L
  return { R, s, signature: new Uint8Array([...R, ...scalarBytes(s)]) }
}

const approve = (signature: Uint8Array, key = signer) => ({
  signer: key,
  signature: `01${bytesToHex(signature)}`,
})

describe('ed25519: ed25519-dalek 2.1.1 verify_strict, as casper-types v1.5.8 asymmetric_key.rs calls it', () => {
  test('speccheck: exactly the case "Dalek strict" accepts (3) verifies', () => {
    const verdicts = speccheck.map(
      ([msg, pk, sig]) => verifyApproval(msg, approve(hexToBytes(sig), `01${pk}`)).ok,
    )
    expect(verdicts.map((ok, i) => (ok ? i : undefined)).filter((i) => i !== undefined)).toEqual([3])
  })

  test("a signature by noble's own signer verifies", () => {
    expect(verifyApproval(message, approve(ed25519.sign(message, seed))).ok).toBe(true)
  })

  test('R = identity (small order), S = k·a (the review repro): InvalidSignature', () => {
    const identity = new Uint8Array(32)
    identity[0] = 1
    const { signature } = forge(identity, 0n)
    // noble's RFC 8032 check (cofactored) lets it through; dalek refuses a small-order R outright.
    expect(ed25519.verify(signature, message, A, { zip215: false })).toBe(true)
    expect(verifyApproval(message, approve(signature))).toMatchInlineSnapshot(`
      {
        "message": "expected an ed25519 signature of hash abababababababababababababababababababababababababababababababab by account-hash-3d5de8c609159a0954e773dd686fb7724428316cb30e00bdc899976127747f55, got one whose R is of small order, which ed25519-dalek verify_strict refuses",
        "ok": false,
        "reason": "InvalidSignature",
      }
    `)
  })

  test('R = rB + T (mixed order, torsion of order 8): InvalidSignature', () => {
    const r = 123456789n
    const R = B.multiply(r).add(torsion8).toBytes()
    const { signature } = forge(R, r)
    expect(ed25519.Point.fromBytes(R).isSmallOrder()).toBe(false)
    expect(ed25519.verify(signature, message, A, { zip215: false })).toBe(true)
    expect(verifyApproval(message, approve(signature))).toMatchInlineSnapshot(`
      {
        "message": "expected an ed25519 signature of hash abababababababababababababababababababababababababababababababab by account-hash-3d5de8c609159a0954e773dd686fb7724428316cb30e00bdc899976127747f55, got one that does not verify",
        "ok": false,
        "reason": "InvalidSignature",
      }
    `)
  })

  test('a small-order public key (the identity), even though [s]B − [k]A = R holds: InvalidSignature', () => {
    const identity = new Uint8Array(32)
    identity[0] = 1
    const r = 987654321n
    const R = B.multiply(r).toBytes()
    // With A = identity, [k]A = 0, so s = r satisfies the cofactorless equation; only the order check refuses it.
    const signature = new Uint8Array([...R, ...scalarBytes(r)])
    expect(B.multiply(r).subtract(ed25519.Point.ZERO).toBytes()).toEqual(R)
    expect(verifyApproval(message, approve(signature, `01${bytesToHex(identity)}`))).toMatchInlineSnapshot(`
      {
        "message": "expected an ed25519 signature of hash abababababababababababababababababababababababababababababababab by account-hash-adab1e81323857e62b9faba9ba60215f137181ae116e5513b75fa4b4fca794f2, got a signer key of small order, which ed25519-dalek verify_strict refuses",
        "ok": false,
        "reason": "InvalidSignature",
      }
    `)
  })

  test('a small-order public key of order 8, with a signature by speccheck case 0: InvalidSignature', () => {
    const [msg, pk, sig] = speccheck[0]
    expect(ed25519.Point.fromBytes(hexToBytes(pk)).isSmallOrder()).toBe(true)
    expect(verifyApproval(msg, approve(hexToBytes(sig), `01${pk}`))).toMatchObject({
      ok: false,
      reason: 'InvalidSignature',
    })
  })

  test('s + L (non-canonical s, same equation mod L): InvalidSignature', () => {
    const valid = ed25519.sign(message, seed)
    const s = leScalar(valid.subarray(32)) + L
    expect(s < 2n ** 256n).toBe(true)
    const signature = new Uint8Array([...valid.subarray(0, 32), ...scalarBytes(s)])
    expect(verifyApproval(message, approve(signature))).toMatchInlineSnapshot(`
      {
        "message": "expected an ed25519 signature of hash abababababababababababababababababababababababababababababababab by account-hash-3d5de8c609159a0954e773dd686fb7724428316cb30e00bdc899976127747f55, got one whose s is not below the group order L (ed25519-dalek refuses non-canonical s)",
        "ok": false,
        "reason": "InvalidSignature",
      }
    `)
  })
})
