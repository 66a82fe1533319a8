// Secrets and foreign answers, fuzzed: random key files never show a byte of the secret in an error,
// random node addresses never show their password or token once redacted, and random wallet
// answers and failures always end as a CosignError with inert text.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { type CasperWalletProvider, signWithCasperWallet } from '../../src/cosign/signFile.js'
import { withApprovals } from '../../src/cosign/stringifyCosignFile.js'
import { BaseError } from '../../src/errors/BaseError.js'
import { CosignError } from '../../src/errors/CosignError.js'
import { parsePrivateKey } from '../../src/keys/parsePrivateKey.js'
import { redactUrl, redactUrls } from '../../src/text/redactUrl.js'
import { hasUnsafeText } from '../../src/text/safeText.js'
import { leaks, shownOf } from '../keys/secretWindows.js'
import { vector } from '../vectors.js'

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31)
const runs = { seed, numRuns: 300 }

describe(`secrets fuzz (seed ${seed}; FC_SEED=${seed} replays)`, () => {
  test('key files: random bytes, as bytes, as text and as PEM, never show the secret', () => {
    const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.constantFrom('bytes', 'latin1 text', 'PRIVATE KEY', 'EC PRIVATE KEY', 'hex'),
        fc.constantFrom(undefined, 'ed25519' as const, 'secp256k1' as const),
        (secret, shape, algorithm) => {
          const input =
            shape === 'bytes'
              ? secret
              : shape === 'latin1 text'
                ? String.fromCharCode(...secret)
                : shape === 'hex'
                  ? `${Array.from(secret, (b) => b.toString(16).padStart(2, '0')).join('')}0`
                  : `-----BEGIN ${shape}-----\n${base64(secret)}\n-----END ${shape}-----`
          try {
            parsePrivateKey(input, { algorithm })
          } catch (error) {
            expect(error).toBeInstanceOf(BaseError)
            expect(leaks(secret, shownOf(error))).toEqual([])
          }
        },
      ),
      runs,
    )
  })

  test('node addresses: no userinfo, query value or fragment survives redaction', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9_~.-]{6,20}$/).map((t) => `S${t}Z`)
    fc.assert(
      fc.property(
        fc.constantFrom('http', 'https', 'ftp', ''),
        token,
        token,
        fc.constantFrom(':', ''),
        fc.domain(),
        fc.option(fc.integer({ min: 1, max: 65535 })),
        fc.webPath(),
        fc.array(fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), token), { maxLength: 3 }),
        fc.option(token),
        fc.constantFrom('@', '\\@'),
        (scheme, user, password, colon, host, port, path, query, fragment, at) => {
          const userinfo = `${user}${colon}${colon ? password : ''}${at}`
          const url = `${scheme ? `${scheme}://` : ''}${userinfo}${host}${port ? `:${port}` : ''}${path}${
            query.length > 0 ? `?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : ''
          }${fragment ? `#${fragment}` : ''}`
          // In free text only an address with a scheme is recognisable as one.
          const shown = [redactUrl(url), ...(scheme ? [redactUrls(`error at ${url} (retrying)`)] : [])]
          const secrets = [
            user,
            ...(colon ? [password] : []),
            ...query.map(([, v]) => v),
            ...(fragment ? [fragment] : []),
          ]
          for (const text of shown) for (const s of secrets) expect(text).not.toContain(s)
          // Everything up to the last '@' before the query is hidden, a path's '@' included.
          if (!path.includes('@')) expect(redactUrl(url)).toContain(host)
        },
      ),
      runs,
    )
  })

  test('wallet answers and failures: always CosignError SigningFailed, inert text', async () => {
    const file = withApprovals(
      parseCosignFile(JSON.stringify(vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json'))),
      [],
    )
    const publicKey = '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c'
    const text = fc.string({ unit: 'binary', maxLength: 80 })
    const answer = fc.oneof(
      fc.anything(),
      fc.record({ cancelled: fc.boolean(), message: fc.oneof(text, fc.anything()) }),
      fc.record({
        cancelled: fc.constant(false),
        signatureHex: fc.oneof(text, fc.stringMatching(/^[0-9a-f]{0,140}$/)),
      }),
      fc.record({ cancelled: fc.constant(false), signature: fc.uint8Array({ maxLength: 70 }) }),
    )
    await fc.assert(
      fc.asyncProperty(answer, fc.constantFrom('resolve', 'reject', 'throw'), async (value, how) => {
        const provider = {
          sign: () => {
            if (how === 'throw') throw value
            return how === 'reject' ? Promise.reject(value) : Promise.resolve(value)
          },
        } as unknown as CasperWalletProvider
        let error: unknown
        try {
          await signWithCasperWallet(file, provider, publicKey)
        } catch (e) {
          error = e
        }
        expect(error).toBeInstanceOf(CosignError)
        expect((error as CosignError).code).toBe('SigningFailed')
        for (const line of (error as CosignError).message.split('\n')) expect(hasUnsafeText(line)).toBe(false)
      }),
      { ...runs, numRuns: 200 },
    )
  })
})
