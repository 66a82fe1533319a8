// PEM armour (RFC 7468): finds the key block among the blocks of a file and decodes its base64.
import { KeyError } from './KeyError.js'

/** A PEM block: the label after `BEGIN` and the DER bytes it carries. */
export type PemBlock = { label: string; der: Uint8Array }

const blockPattern = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g

/**
 * All PEM blocks in a text, in order. Accepts LF and CRLF line endings (casper-client writes CRLF
 * through the `pem` crate's `encode`) and text around the blocks (`openssl ecparam -genkey` puts
 * an `EC PARAMETERS` block before the key).
 *
 * @throws {KeyError} code `InvalidPem` when there is no block, labels do not pair, or base64 is broken.
 * @example
 * ```ts
 * decodePem(readFileSync('secret_key.pem', 'utf8'))[0]?.label // 'PRIVATE KEY' or 'EC PRIVATE KEY'
 * ```
 */
export function decodePem(text: string): PemBlock[] {
  const blocks: PemBlock[] = []
  for (const match of text.matchAll(blockPattern)) {
    const [, label, body, endLabel] = match as unknown as [string, string, string, string]
    if (label !== endLabel) {
      throw new KeyError('Invalid PEM', {
        code: 'InvalidPem',
        details: { expected: `-----END ${label}-----`, got: `-----END ${endLabel}-----` },
      })
    }
    if (/^\s*[A-Za-z-]+:/m.test(body)) {
      // RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`) mean an OpenSSL-encrypted traditional key.
      throw new KeyError('Encrypted PEM key', {
        code: 'EncryptedKey',
        details: { expected: 'an unencrypted key', got: `${label} with PEM headers (Proc-Type/DEK-Info)` },
        remedy: 'Decrypt it first, e.g. `openssl ec -in key.pem -out plain.pem`.',
      })
    }
    blocks.push({ label, der: base64ToBytes(body, label) })
  }
  if (blocks.length === 0) {
    throw new KeyError('Not a PEM key', {
      code: 'InvalidPem',
      details: {
        expected: '-----BEGIN <label>----- … -----END <label>-----',
        // Only the shape: any part of a mislabelled or truncated file could be secret key material.
        got: shapeOf(text),
      },
      remedy: 'Pass the contents of the .pem file (secret_key.pem or public_key.pem), not its path.',
      found: 'noPem',
    })
  }
  return blocks
}

function base64ToBytes(body: string, label: string): Uint8Array {
  const text = body.replace(/\s+/g, '')
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text) || text.length === 0) {
    // Never echo the body: it is (part of) a secret key.
    const bad = text.search(/[^A-Za-z0-9+/=]/)
    throw new KeyError('Invalid PEM', {
      code: 'InvalidPem',
      details: {
        expected: `base64 inside the ${label} block`,
        got:
          text.length === 0
            ? 'an empty block'
            : bad >= 0
              ? `the character ${JSON.stringify(text[bad])} at base64 offset ${bad}`
              : `${text.length} characters with misplaced padding`,
      },
    })
  }
  // atob exists in browsers and Node >= 16; no Buffer, so this runs anywhere.
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/**
 * What the text looks like, without a character of its content: a BEGIN line's label (labels are
 * not secret), a file path (a dot is not base64, so a path holds no key bytes), or its length.
 */
function shapeOf(text: string): string {
  const trimmed = text.trim()
  const begin = /^-----BEGIN ([A-Z0-9 ]+)-----/.exec(trimmed)
  if (begin) return `a -----BEGIN ${begin[1]}----- block with no matching -----END ${begin[1]}----- line`
  if (/^[\w/\\~:-]*\.[\w.]+$/.test(trimmed) && trimmed.length <= 200) return `the path ${trimmed}`
  return `${trimmed.length} characters of text`
}
