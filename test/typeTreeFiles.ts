// Deploy and TransactionV1 files whose args carry wide, nested CLTypes: the shapes a hostile file
// uses to make every walk over a type tree expensive. Hashes are valid; the files carry no approvals.
import { deployHashes, transactionHash } from '../src/cosign/hashes.js'
import type { DeployJson } from '../src/deploy/DeployJson.js'
import type { TransactionJson } from '../src/deploy/TransactionJson.js'
import { BaseError } from '../src/errors/BaseError.js'
import { vector } from './vectors.js'

/** One named arg as the JSON carries it. */
export type ArgJson = [string, { cl_type: unknown; bytes: string }]

/** A full tree of `Tuple3`s `depth` levels deep with `leaf` at the bottom (3^depth leaves). */
export function tupleTree(depth: number, leaf: unknown = 'Unit'): unknown {
  if (depth === 0) return leaf
  const inner = tupleTree(depth - 1, leaf)
  return { Tuple3: [inner, inner, inner] }
}

/** `Map<Map<T, T>, Map<T, T>>` nested `depth` times around `leaf`: a tree that doubles per level. */
export function mapTree(depth: number, leaf: unknown = tupleTree(2)): unknown {
  if (depth === 0) return leaf
  const inner = mapTree(depth - 1, leaf)
  return { Map: { key: inner, value: { Map: { key: inner, value: inner } } } }
}

/**
 * `List<Tuple3<List<…>, T, T>>` 32 deep, `T` a wide tuple tree at every level: as deep as the
 * file's JSON nesting limit (64) lets an arg's type go, 3 JSON levels per `List<Tuple3>`.
 */
export function deepWideTree(width = 3): unknown {
  let type: unknown = 'U8'
  for (let i = 0; i < 16; i++) type = { List: { Tuple3: [type, tupleTree(width), tupleTree(width)] } }
  return type
}

/** Args named `a0`, `a1`, … each of `type` with `bytes`, as many as fit in about `targetChars`. */
export function argsFilling(type: unknown, bytes: string, targetChars: number): ArgJson[] {
  const one = JSON.stringify(['a0', { cl_type: type, bytes }]).length + 1
  const count = Math.max(1, Math.floor(targetChars / one))
  return Array.from({ length: count }, (_, i): ArgJson => [`a${i}`, { cl_type: type, bytes }])
}

/**
 * The casper-client deploy vector with a session of `args`, hashed again, no approvals: a
 * `Transfer`, or with `padChars` a `ModuleBytes` of that many hex digits of zeros (not Wasm), to
 * bring the file to a size. A file the hasher refuses keeps the vector's hashes.
 */
export function deployWithArgs(args: ArgJson[], padChars = 0): DeployJson {
  const deploy: DeployJson = vector('deploy_2approvals_casper-client-rs.json')
  deploy.session = (
    padChars > 0
      ? { ModuleBytes: { module_bytes: '00'.repeat(padChars >> 1), args } }
      : { Transfer: { args } }
  ) as DeployJson['session']
  deploy.approvals = []
  try {
    deploy.header.body_hash = deployHashes(deploy).bodyHash
    deploy.hash = deployHashes(deploy).hash
  } catch (error) {
    if (!(error instanceof BaseError)) throw error
  }
  return deploy
}

/**
 * The synthetic TransactionV1 vector with `args` as its named args and `padChars` more hex digits
 * of module bytes, hashed again, no approvals. A file the hasher refuses keeps the vector's hash.
 */
export function transactionWithArgs(args: ArgJson[], padChars = 0): TransactionJson {
  const transaction: TransactionJson = vector('SYNTHETIC_transaction_v1_session_2approvals.json')
  const v1 = transaction.Version1 as unknown as {
    hash: string
    payload: { fields: { args: { Named: ArgJson[] }; target: { Session: { module_bytes: string } } } }
    approvals: unknown[]
  }
  v1.payload.fields.args.Named = args
  v1.payload.fields.target.Session.module_bytes += '00'.repeat(padChars >> 1)
  v1.approvals = []
  try {
    v1.hash = transactionHash(transaction)
  } catch (error) {
    if (!(error instanceof BaseError)) throw error
  }
  return transaction
}

/** A full tree of `Tuple2`s of exactly `nodes` nodes (one fewer when even), `leaf` at the bottom. */
export function tuple2Tree(nodes: number, leaf: unknown = 'Unit'): unknown {
  const odd = nodes % 2 === 0 ? nodes - 1 : nodes
  if (odd < 3) return leaf
  const half = Math.floor((odd - 1) / 2)
  const left = half % 2 === 0 ? half - 1 : half
  return { Tuple2: [tuple2Tree(left, leaf), tuple2Tree(odd - 1 - left, leaf)] }
}

/**
 * Named shapes of about `targetChars` of JSON each: what the timing tests and the bench run. The
 * first ones hold more CLType nodes than one args list may (refused); the last ones are as large
 * as the limits allow (accepted), padded with module bytes to the size.
 */
export function hostileTypeShapes(targetChars: number): { name: string; args: ArgJson[]; pad: number }[] {
  const padded = (args: ArgJson[]) => Math.max(0, targetChars - JSON.stringify(args).length - 2000)
  const largest: ArgJson[] = [['a0', { cl_type: tuple2Tree(4000), bytes: '' }]]
  // A list of zero-sized-but-one tuples: each byte of the value is an item costing its whole type.
  const itemType = { Tuple2: ['U8', tuple2Tree(1000)] }
  const wide: ArgJson[] = [['a0', { cl_type: { List: itemType }, bytes: `b80b0000${'07'.repeat(3000)}` }]]
  return [
    { name: 'one Tuple3 tree (3^11 leaves)', args: [['a0', { cl_type: tupleTree(11), bytes: '' }]], pad: 0 },
    { name: 'Tuple3 trees (3^6 leaves each)', args: argsFilling(tupleTree(6), '', targetChars), pad: 0 },
    {
      name: 'Map of Map of Tuple3 (empty maps)',
      args: argsFilling(mapTree(4), '00000000', targetChars),
      pad: 0,
    },
    {
      name: 'one Map of Map of Tuple3 tree',
      args: [['a0', { cl_type: mapTree(9), bytes: '00000000' }]],
      pad: 0,
    },
    {
      name: 'List<Tuple3<List<…>, T, T>> 32 deep (empty lists)',
      args: argsFilling(deepWideTree(), '00000000', targetChars),
      pad: 0,
    },
    {
      name: 'List<Tuple3<U8, U8, U8>> values',
      args: argsFilling({ List: tupleTree(1, 'U8') }, `55010000${'010203'.repeat(341)}`, targetChars),
      pad: 0,
    },
    {
      name: 'Option 40 deep around Tuple3 trees (Some…)',
      args: argsFilling(
        Array.from({ length: 40 }).reduce((t: unknown) => ({ Option: t }), tupleTree(4)),
        '01'.repeat(40),
        targetChars,
      ),
      pad: 0,
    },
    { name: 'a 3999-node Tuple2 tree (within limits), padded', args: largest, pad: padded(largest) },
    { name: '3000 items of Tuple2<U8, 999 nodes> (within limits), padded', args: wide, pad: padded(wide) },
  ]
}
