// Test signers built on @noble/curves directly (not on the code under test): ed25519 and secp256k1 approvals.
import { ed25519 } from '@noble/curves/ed25519'
import { secp256k1 } from '@noble/curves/secp256k1'
import { sha256 } from '@noble/hashes/sha2'
import { accountHashFromPublicKey } from '../../src/account/accountHash.js'
import type { ApprovalJson } from '../../src/deploy/DeployJson.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'

export type TestSigner = {
  algorithm: 'ed25519' | 'secp256k1'
  /** Tagged public key hex, as deploy JSON carries it. */
  publicKey: string
  accountHash: string
  /** The approval of a deploy hash (64 hex). `entropy` makes secp256k1 produce another valid signature. */
  sign(hash: string, entropy?: boolean): ApprovalJson
}

/** ed25519: plain signature over the 32 hash bytes, tag 01. */
export function ed25519Signer(secretKey: Uint8Array): TestSigner {
  const publicKey = `01${bytesToHex(ed25519.getPublicKey(secretKey))}`
  return {
    algorithm: 'ed25519',
    publicKey,
    accountHash: accountHashFromPublicKey(publicKey),
    sign: (hash) => ({
      signer: publicKey,
      signature: `01${bytesToHex(ed25519.sign(hexToBytes(hash), secretKey))}`,
    }),
  }
}

/** secp256k1: ECDSA over SHA-256 of the 32 hash bytes, compact r || s, low S, tag 02. */
export function secp256k1Signer(secretKey: Uint8Array): TestSigner {
  const publicKey = `02${bytesToHex(secp256k1.getPublicKey(secretKey, true))}`
  return {
    algorithm: 'secp256k1',
    publicKey,
    accountHash: accountHashFromPublicKey(publicKey),
    sign: (hash, entropy = false) => {
      const signature = secp256k1.sign(sha256(hexToBytes(hash)), secretKey, {
        prehash: false,
        lowS: true,
        ...(entropy ? { extraEntropy: true } : {}),
      })
      return { signer: publicKey, signature: `02${bytesToHex(signature.toBytes('compact'))}` }
    },
  }
}

/** A deterministic signer from a small number, so tests are reproducible. */
export function testSigner(n: number, algorithm: 'ed25519' | 'secp256k1'): TestSigner {
  const secretKey = sha256(new TextEncoder().encode(`casper-multisig test key ${algorithm} ${n}`))
  return algorithm === 'ed25519' ? ed25519Signer(secretKey) : secp256k1Signer(secretKey)
}

/** The same secp256k1 signature with s replaced by n - s: valid ECDSA, refused by casper-node. */
export function toHighS(signatureHex: string): string {
  const signature = secp256k1.Signature.fromBytes(hexToBytes(signatureHex.slice(2)), 'compact')
  const high = new secp256k1.Signature(signature.r, secp256k1.Point.Fn.ORDER - signature.s)
  return `02${bytesToHex(high.toBytes('compact'))}`
}
