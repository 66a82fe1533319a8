// What a public entry shows of a binary layout: bytes from a value, and the value back.

/**
 * A binary layout as the `casper-multisig/cosign` entry exports it: `encode` and `decode`, the part
 * of micro-packed's `CoderType` (micro-packed `index.ts`) a caller needs. The layouts are
 * micro-packed coders; their declarations do not name micro-packed, which is an ES module only, so
 * the CommonJS declarations type-check under `moduleResolution: node16` without `skipLibCheck`.
 *
 * @example
 * ```ts
 * const header: Coder<DeployHeader> = deployHeader
 * header.decode(header.encode(deploy.header)) // the same header back; trailing bytes throw
 * ```
 */
export type Coder<T> = {
  encode(value: T): Uint8Array
  decode(bytes: Uint8Array): T
}
