import { readFileSync } from 'node:fs'
import { ed25519 } from '@noble/curves/ed25519'
import { secp256k1 } from '@noble/curves/secp256k1'
import { sha256 } from '@noble/hashes/sha2'
import fc from 'fast-check'
import { describe, expect, test, vi } from 'vitest'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import { walletSigner } from '../../src/approvals/walletSigner.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import { sdk } from '../../src/deploy/sdk.js'
import { stringifyDeployJson } from '../../src/deploy/stringifyDeployJson.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { localSigner } from '../../src/keys/localSigner.js'
import type { Signer } from '../../src/keys/Signer.js'
import { verifyApproval } from '../../src/keys/verifyApproval.js'
import { casperEd25519SecretPem, casperSecp256k1SecretPem } from '../keys/pems.js'
import { vector } from '../vectors.js'

const name = 'SYNTHETIC_deploy_multisig_modulebytes_2approvals'
const meta = vector(`${name}.meta.json`)
const signedVector: DeployJson = vector(`${name}.json`)
const unsigned: DeployJson = { ...signedVector, approvals: [] }
const hash = hexToBytes(signedVector.hash)
const [edApproval, secpApproval] = signedVector.approvals as [
  { signer: string; signature: string },
  { signer: string; signature: string },
]
const edSigner = localSigner(meta.ed25519_secret_key_hex, { algorithm: 'ed25519' })
const secpSigner = localSigner(meta.secp256k1_secret_key_hex, { algorithm: 'secp256k1' })

describe('localSigner reproduces the vector approvals', () => {
  test('ed25519 (deterministic) signs the 32 raw hash bytes: byte-exact', async () => {
    expect(edSigner.publicKey).toBe(edApproval.signer)
    expect(bytesToHex(await edSigner.sign(hash))).toBe(edApproval.signature)
  })
  test('secp256k1 (RFC 6979, SHA-256 of the hash, low S): byte-exact as well', async () => {
    expect(secpSigner.publicKey).toBe(secpApproval.signer)
    const signature = await secpSigner.sign(hash)
    expect(bytesToHex(signature)).toBe(secpApproval.signature)
    expect(verifyApproval(hash, { signer: secpSigner.publicKey, signature: bytesToHex(signature) }).ok).toBe(
      true,
    )
  })
  test('from casper-client PEM files too', async () => {
    expect(bytesToHex(await localSigner(casperEd25519SecretPem).sign(hash))).toBe(edApproval.signature)
    expect(bytesToHex(await localSigner(casperSecp256k1SecretPem).sign(hash))).toBe(secpApproval.signature)
  })
  test('refuses to sign anything but a 32-byte hash', async () => {
    await expect(edSigner.sign(new Uint8Array(31))).rejects.toThrowErrorMatchingInlineSnapshot(`
      [SignerError: Can only sign a 32-byte hash
        expected: 32 bytes (a deploy or transaction hash)
        got: 31 bytes]
    `)
  })
})

describe('signDeploy', () => {
  test('two co-signers rebuild the vector exactly, and the file text too', async () => {
    const once = await signDeploy(unsigned, edSigner)
    const twice = await signDeploy(once, secpSigner)
    expect(twice).toEqual(signedVector)
    expect(stringifyDeployJson(twice)).toBe(
      readFileSync(new URL(`../vectors/${name}.json`, import.meta.url), 'utf8'),
    )
    expect(sdk.Deploy.fromJSON(twice).validate()).toBe(true)
  })
  test('does not mutate its input', async () => {
    const input = structuredClone(unsigned)
    const before = JSON.stringify(input)
    const out = await signDeploy(input, edSigner)
    expect(JSON.stringify(input)).toBe(before)
    expect(out).not.toBe(input)
    expect(out.approvals).toHaveLength(1)
  })
  test('one approval per key: a second signature by the same key is not added, nor asked for', async () => {
    const once = await signDeploy(unsigned, edSigner)
    const spy = vi.fn(edSigner.sign)
    const again = await signDeploy(once, { publicKey: edSigner.publicKey.toUpperCase(), sign: spy })
    expect(spy).not.toHaveBeenCalled()
    expect(again).toEqual(once)
    expect(again.approvals).toHaveLength(1)
  })
  test('an invalid approval by the same key (from another deploy) is replaced by a fresh signature', async () => {
    // casper-node's example deploy is signed by the same ed25519 key: its approval is valid there, not here.
    const other = vector<DeployJson>('deploy_transfer_rpc-schema-example_casper-node-v1.5.8.json')
      .approvals[0]!
    expect(other.signer).toBe(edSigner.publicKey)
    const pasted = { ...structuredClone(unsigned), approvals: [other, secpApproval] }
    expect(verifyApproval(hash, other)).toMatchObject({ ok: false, reason: 'InvalidSignature' })
    const spy = vi.fn(edSigner.sign)
    const signed = await signDeploy(pasted, { publicKey: edSigner.publicKey, sign: spy })
    expect(spy).toHaveBeenCalledTimes(1)
    // In place of the bad one, so the result is the vector itself.
    expect(signed).toEqual(signedVector)
  })
  test('a corrupted approval by the same key is replaced; with a valid one beside it, the bad one is only dropped', async () => {
    const corrupted = { ...edApproval, signature: `${edApproval.signature.slice(0, -2)}00` }
    const spy = vi.fn(edSigner.sign)
    const signer = { publicKey: edSigner.publicKey, sign: spy }
    const replaced = await signDeploy({ ...structuredClone(unsigned), approvals: [corrupted] }, signer)
    expect(replaced.approvals).toEqual([edApproval])
    expect(spy).toHaveBeenCalledTimes(1)
    const both = await signDeploy(
      { ...structuredClone(unsigned), approvals: [corrupted, edApproval] },
      signer,
    )
    expect(both.approvals).toEqual([edApproval])
    expect(spy).toHaveBeenCalledTimes(1)
  })
  test('refuses a deploy whose session was changed after hashing (body hash)', async () => {
    const tampered = structuredClone(unsigned)
    tampered.session.ModuleBytes!.args[0]![1].bytes = '00'.repeat(32)
    await expect(signDeploy(tampered, edSigner)).rejects.toThrowErrorMatchingInlineSnapshot(`
      [DeployError: The deploy header.body_hash does not match its content
        field: header.body_hash
        expected: e4f4f07235c090693eeb6e23d50ce1c50d03467c16d661494b516774f90dc996
        got: c41fa10de1b7ad7b8187fb043099012508337bb30cd0dcb420aa462f84e0e4cb
      Remedy: The deploy was changed after it was hashed: do not sign it; get the original file from its author.]
    `)
  })
  test('refuses a deploy whose header was changed after hashing (deploy hash)', async () => {
    const tampered = structuredClone(unsigned)
    tampered.header.ttl = '2h'
    await expect(signDeploy(tampered, edSigner)).rejects.toThrowErrorMatchingInlineSnapshot(`
      [DeployError: The deploy hash does not match its content
        field: hash
        expected: 4cd15f4107542873c43831369c43f1172aa4d1e9f439eb1de1a5f8a051605a4f
        got: 18b078b05cff3fc98e4e3b6581825bfa853f6d2a251478dc898e79b7fc4f5958
      Remedy: The deploy was changed after it was hashed: do not sign it; get the original file from its author.]
    `)
  })
  test('refuses a signer that returns an untagged or wrong signature', async () => {
    const raw: Signer = {
      publicKey: edSigner.publicKey,
      sign: async (h) => (await edSigner.sign(h)).subarray(1),
    }
    await expect(signDeploy(unsigned, raw)).rejects.toThrowErrorMatchingInlineSnapshot(`
      [SignerError: Signer returned a signature that does not verify
        reason: MalformedSignature: expected signature 01 + 64 bytes, got 64 bytes with no tag (prefix it with 01 for the ed25519 signer)
      Remedy: A Signer must return the tagged signature of the 32 raw hash bytes; wrap wallets with walletSigner.]
    `)
  })
  test('hands the deploy to the signer (wallets display it)', async () => {
    const seen: DeployJson[] = []
    const signer = walletSigner({
      publicKey: edSigner.publicKey,
      sign: async ({ hash, deploy }) => {
        seen.push(deploy!)
        return (await edSigner.sign(hash)).subarray(1)
      },
    })
    await signDeploy(unsigned, signer)
    expect(seen).toEqual([unsigned])
  })
})

describe('walletSigner', () => {
  const wallet = (signer: typeof edSigner, transform: (signature: Uint8Array) => Uint8Array | string) =>
    walletSigner({
      publicKey: signer.publicKey,
      sign: async ({ hash }) => transform(await signer.sign(hash)),
    })

  test('tags a raw 64-byte signature with the key algorithm (ed25519 and secp256k1)', async () => {
    expect(bytesToHex(await wallet(edSigner, (s) => s.subarray(1)).sign(hash))).toBe(edApproval.signature)
    expect(bytesToHex(await wallet(secpSigner, (s) => s.subarray(1)).sign(hash))).toBe(secpApproval.signature)
  })
  test('accepts hex, and an already-tagged signature with the right tag', async () => {
    expect(bytesToHex(await wallet(edSigner, (s) => bytesToHex(s.subarray(1))).sign(hash))).toBe(
      edApproval.signature,
    )
    expect(bytesToHex(await wallet(secpSigner, (s) => s).sign(hash))).toBe(secpApproval.signature)
  })
  test('refuses a tagged signature with the other tag', async () => {
    const retagged = wallet(edSigner, (s) => Uint8Array.of(2, ...s.subarray(1)))
    await expect(retagged.sign(hash)).rejects.toThrowErrorMatchingInlineSnapshot(`
      [SignerError: Signature tag does not match the key
        expected: 01 (ed25519, key 01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c)
        got: 02 (secp256k1)
      Remedy: The wallet signed with another key than the one this signer was made for.]
    `)
  })
  test('refuses a signature that does not verify (another key signed)', async () => {
    const other = localSigner('22'.repeat(32), { algorithm: 'ed25519' })
    const signer = walletSigner({ publicKey: edSigner.publicKey, sign: async ({ hash }) => other.sign(hash) })
    await expect(signer.sign(hash)).rejects.toThrowErrorMatchingInlineSnapshot(`
      [SignerError: Wallet signature does not verify
        reason: InvalidSignature: expected an ed25519 signature of hash 18b078b05cff3fc98e4e3b6581825bfa853f6d2a251478dc898e79b7fc4f5958 by account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2, got one that does not verify
        signature: 01cb3296886a71710f6626fc3ed912ed3074a3611222dc23248653707d39250bc6058aa100ef50599ae7864e8822e20a0094393c373d5bc596ac3294752fa46c01
      Remedy: Make sure the wallet signs the raw deploy hash with this account (not a text message, not another key).]
    `)
  })
  test('refuses the high-S twin of a valid secp256k1 signature (casper-node accepts low S only)', async () => {
    const highS = wallet(secpSigner, (s) => {
      const sig = secp256k1.Signature.fromBytes(s.subarray(1), 'compact')
      return new secp256k1.Signature(sig.r, secp256k1.Point.Fn.ORDER - sig.s).toBytes('compact')
    })
    await expect(highS.sign(hash)).rejects.toMatchObject({ code: 'InvalidSignature' })
    await expect(highS.sign(hash)).rejects.toThrow(/HighS/)
  })
  test('refuses a string answer that is not hex (base64) with a SignerError', async () => {
    const base64 = wallet(edSigner, (s) => Buffer.from(s.subarray(1)).toString('base64'))
    await expect(base64.sign(hash)).rejects.toMatchObject({
      name: 'SignerError',
      code: 'InvalidSignatureEncoding',
    })
    await expect(base64.sign(hash)).rejects.toThrowErrorMatchingInlineSnapshot(`
      [SignerError: Wallet returned a signature that is not hex
        expected: bytes, or hex (128 or 130 digits, optional 0x)
        got: "QuL21JhpjfC9R/7dpB8P2Er9rrr8jrJuMkkUlf5L…" (88 characters, not hex digits)
      Remedy: Convert the wallet answer to bytes or hex before returning it from \`sign\` (base64 is not accepted).]
    `)
  })
  test('refuses a signature of the wrong length', async () => {
    await expect(
      wallet(edSigner, (s) => s.subarray(2)).sign(hash),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`
      [SignerError: Wallet returned a signature of the wrong length
        expected: 64 bytes (raw) or 65 bytes (tagged)
        got: 63 bytes]
    `)
  })
})

describe('property: localSigner signatures verify with @noble/curves', () => {
  const hashes = fc.uint8Array({ minLength: 32, maxLength: 32 })
  const secrets = fc.uint8Array({ minLength: 32, maxLength: 32 })
  test('ed25519, strict verification', async () => {
    await fc.assert(
      fc.asyncProperty(hashes, secrets, async (message, secret) => {
        const signer = localSigner(secret, { algorithm: 'ed25519' })
        const signature = await signer.sign(message)
        expect(signature[0]).toBe(1)
        expect(
          ed25519.verify(signature.subarray(1), message, ed25519.getPublicKey(secret), { zip215: false }),
        ).toBe(true)
        expect(
          verifyApproval(message, { signer: signer.publicKey, signature: bytesToHex(signature) }),
        ).toMatchObject({
          ok: true,
        })
      }),
      { numRuns: 50 },
    )
  })
  test('secp256k1 over SHA-256(hash), low S', async () => {
    await fc.assert(
      fc.asyncProperty(
        hashes,
        secrets.filter((s) => secp256k1.utils.isValidSecretKey(s)),
        async (message, secret) => {
          const signer = localSigner(secret, { algorithm: 'secp256k1' })
          const signature = await signer.sign(message)
          expect(signature[0]).toBe(2)
          const publicKey = secp256k1.getPublicKey(secret, true)
          expect(
            secp256k1.verify(signature.subarray(1), sha256(message), publicKey, {
              prehash: false,
              lowS: true,
            }),
          ).toBe(true)
          expect(
            verifyApproval(message, { signer: signer.publicKey, signature: bytesToHex(signature) }),
          ).toMatchObject({
            ok: true,
          })
        },
      ),
      { numRuns: 50 },
    )
  })
})

describe('stringifyDeployJson', () => {
  test.each([name, 'deploy_transfer_rpc-schema-example_casper-node-v1.5.8'])('%s: byte-exact', (file) => {
    const text = readFileSync(new URL(`../vectors/${file}.json`, import.meta.url), 'utf8')
    expect(stringifyDeployJson(JSON.parse(text))).toBe(text)
  })
  test('casper-client-rs vector: same text but for the irregular whitespace of its Rust source', () => {
    // The file was cut from a Rust string literal: a tab, a 1-space indent and a final newline.
    const text = readFileSync(
      new URL('../vectors/deploy_2approvals_casper-client-rs.json', import.meta.url),
      'utf8',
    )
    const out = stringifyDeployJson(JSON.parse(text))
    expect(out).not.toBe(text)
    expect(out.replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''))
  })
  test('puts fields back in casper-client order', () => {
    const { approvals, session, payment, header, hash } = signedVector
    const shuffled = { approvals, session, payment, header: { ...header, account: header.account }, hash }
    const reversedHeader = Object.fromEntries(Object.entries(header).reverse()) as DeployJson['header']
    const text = stringifyDeployJson({ ...shuffled, header: reversedHeader })
    expect(text).toBe(JSON.stringify(signedVector, null, 2))
  })
})
