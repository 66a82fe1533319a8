// `--chainspec FILE`: the co-signer's own chainspec.toml, used instead of trusting a node's.
import type { Chainspec } from '../chainspec/Chainspec.js'
import { ChainspecError } from '../chainspec/ChainspecError.js'
import { chainspecPreset } from '../chainspec/chainspecPreset.js'
import { parseChainspec } from '../chainspec/parseChainspec.js'
import { CliError } from './CliError.js'
import { readText } from './files.js'

/** The `--chainspec FILE` flag of the commands that read a node. */
export const ownChainspecOptions = {
  chainspec: {
    type: 'string',
    value: 'FILE',
    description:
      "your own chainspec.toml: its rules apply, not the node's (needed when a\nmainnet or testnet node's chainspec loosens a check of the bundled one)",
  },
} as const

/** A chainspec the user gave, and the file it came from. */
export type OwnChainspec = { path: string; chainspec: Chainspec }

/**
 * The chainspec of `--chainspec FILE`, when given. The auction contract's hash (not in
 * chainspec.toml) comes from the preset of its chain name when there is one.
 *
 * @throws {CliError} code `FileError` for a file that cannot be read or is not a chainspec.toml.
 * @example
 * ```ts
 * const own = ownChainspec(values) // { path: 'chainspec.toml', chainspec: { chainName: 'casper', … } }
 * ```
 */
export function ownChainspec(values: { chainspec?: string | undefined }): OwnChainspec | undefined {
  const path = values.chainspec
  if (path === undefined) return undefined
  const text = readText(path, 'chainspec')
  let chainspec: Chainspec
  try {
    chainspec = parseChainspec(text)
  } catch (cause) {
    if (!(cause instanceof ChainspecError)) throw cause
    throw new CliError(`${path} is not a chainspec.toml`, {
      code: 'FileError',
      details: { reason: cause.shortMessage },
      remedy: "Pass casper-node's chainspec.toml of the network (resources/<network>/chainspec.toml).",
      cause,
    })
  }
  const auction = chainspec.auctionContractHash ?? chainspecPreset(chainspec.chainName)?.auctionContractHash
  return {
    path,
    chainspec: auction === undefined ? chainspec : { ...chainspec, auctionContractHash: auction },
  }
}
