// A chainspec the co-signer pastes or loads in the page: chainspec.toml, or what a node (or the
// devnet) answers to info_get_chainspec.
import type { Chainspec } from '../chainspec/Chainspec.js'
import { ChainspecError } from '../chainspec/ChainspecError.js'
import { parseChainspec } from '../chainspec/parseChainspec.js'
import { parseCosignJson } from '../cosign/parseCosignJson.js'
import { hexToBytes } from '../encoding/hex.js'
import { isObject } from '../encoding/isObject.js'

/**
 * Reads a chainspec from the text a co-signer has: the `chainspec.toml` itself, the hex of its bytes,
 * or the `info_get_chainspec` answer (whole, or its `result`), whose
 * `chainspec_bytes.chainspec_bytes` holds that hex (casper-sidecar `rpc_sidecar/src/rpcs/info.rs`
 * `GetChainspecResult`; the devnet serves the same, src/devnet/handleRpc.ts).
 *
 * @throws {ChainspecError} when the text holds no chainspec `parseChainspec` can read.
 * @throws {CosignError} `InvalidJson` for JSON that does not parse strictly.
 * @example
 * ```ts
 * readChainspecText(await chainspecFile.text()).chainName // 'casper-devnet'
 * ```
 */
export function readChainspecText(text: string): Chainspec {
  const trimmed = text.trim()
  if (trimmed.startsWith('{')) {
    let value = parseCosignJson(trimmed)
    if (isObject(value) && 'result' in value) value = value.result!
    const holder = isObject(value) ? value.chainspec_bytes : undefined
    const bytes = isObject(holder) ? holder.chainspec_bytes : undefined
    if (typeof bytes !== 'string' || !isHex(bytes)) throw new ChainspecError({ code: 'ChainspecUnavailable' })
    return parseChainspec(fromHex(bytes))
  }
  return parseChainspec(isHex(trimmed) ? fromHex(trimmed) : text)
}

function isHex(text: string): boolean {
  return text.length > 0 && /^([0-9a-fA-F]{2})+$/.test(text)
}

function fromHex(hex: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(hexToBytes(hex.toLowerCase()))
  } catch (cause) {
    throw new ChainspecError({ code: 'ChainspecSyntax', expected: 'UTF-8 text', cause })
  }
}
