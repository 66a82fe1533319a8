// The guard in front of the casper-js-sdk adapter, which reads args outside the one reader
// (parseCosignFile): args it could loop on or choke on never reach it.
import { clTypeBudget, clTypeLength } from '../codec/clType.js'
import { argClType, checkArgValue, checkClValue } from '../codec/clValue.js'
import { hexToBytes } from '../encoding/hex.js'
import { isObject } from '../encoding/isObject.js'
import { DeployError } from '../errors/DeployError.js'

/**
 * Default cap on the bytes of one item's args: four times what the node accepts
 * (`session_args_max_length` and `payment_args_max_length`, 1024 on mainnet), so a deploy the node
 * would refuse for its args can still be examined and reported, while no file can make reading its
 * args slow (casper-js-sdk takes tens of microseconds per list item).
 */
export const defaultMaxArgsBytes = 4096

/**
 * Checks named args (`[[name, { cl_type, bytes }], …]`) before `sdkDeployFromJson` reads them, as
 * `parseDeployJson` checks a deploy's: their
 * shape, their total size with their CLTypes (at most `maxArgsBytes`), every CLType ({@link argClType}), and every count and length against
 * the bytes at every nesting level ({@link checkClValue}). A value that is not exactly one of its type
 * passes only when its type holds no List or Map (nothing can loop on it), so the node's own later
 * check can report it in its words. Linear time.
 *
 * @throws {DeployError} `InvalidDeployJson`, `InvalidClType` or `InvalidClValue`, naming the arg.
 * @example
 * ```ts
 * assertArgsBounded(deploy.session.ModuleBytes.args, 'session.ModuleBytes.args')
 * ```
 */
export function assertArgsBounded(args: unknown, path: string, maxArgsBytes = defaultMaxArgsBytes): void {
  const fail = (field: string, expected: string) =>
    new DeployError(`Invalid args at ${field}`, {
      code: 'InvalidDeployJson',
      details: { field, expected },
      remedy: 'Use the file exactly as casper-client or casper-multisig wrote it.',
    })
  if (!Array.isArray(args)) throw fail(path, 'an array of [name, { cl_type, bytes }]')
  let total = 4
  for (const [i, arg] of args.entries()) {
    if (
      !Array.isArray(arg) ||
      typeof arg[0] !== 'string' ||
      !isObject(arg[1]) ||
      typeof arg[1].bytes !== 'string' ||
      !/^(?:[0-9a-fA-F]{2})*$/.test(arg[1].bytes)
    )
      throw fail(`${path}[${i}]`, '[name, { cl_type, bytes: hex }]')
    total += 8 + arg[0].length * 3 + arg[1].bytes.length / 2
    if (total > maxArgsBytes) throw fail(path, `args of at most ${maxArgsBytes} bytes`)
  }
  // With the CLTypes, as the node measures args (casper-types `cl_value.rs` serialized_length).
  const budget = clTypeBudget()
  const types = args.map(([, value]: [string, { cl_type: unknown }], i) => {
    const type = argClType(value.cl_type, `${path}[${i}][1].cl_type`, budget)
    total += clTypeLength(type)
    return type
  })
  if (total > maxArgsBytes) throw fail(path, `args of at most ${maxArgsBytes} bytes`)
  args.forEach(([, value]: [string, { bytes: string }], i) => {
    checkArgValue(types[i]!, hexToBytes(value.bytes), `${path}[${i}][1].bytes`, false)
  })
}
