// `casper-multisig fund`: creates or funds an account on a running casper-multisig devnet (devnet only).

import { parsePublicKey } from '../../keys/parsePublicKey.js'
import { createRpc } from '../../rpc/createRpc.js'
import { JsonRpcError } from '../../rpc/RpcError.js'
import { redactUrl } from '../../text/redactUrl.js'
import { CliError } from '../CliError.js'
import { type Command, exitCodes } from '../Command.js'
import { commandUsage } from '../commandUsage.js'
import { nodeOptions, requiredNodeAddress } from '../nodeAddress.js'
import { createOutput, outputOptions } from '../Output.js'
import { parseCommandArgs, required } from '../parseCommandArgs.js'

const options = {
  ...nodeOptions('the devnet (also --node-address; default: CASPER_NODE_ADDRESS)'),
  'public-key': {
    type: 'string',
    short: 'p',
    value: 'KEY',
    description: "the account's public key hex (01…, 02…)",
  },
  amount: { type: 'string', value: 'MOTES', description: 'default 1000000000000000 (1,000,000 CSPR)' },
  ...outputOptions('print { accountHash, publicKey, balance, created }'),
} as const

const usage = commandUsage({
  synopsis: 'Usage: casper-multisig fund --node URL --public-key KEY [--amount MOTES] [--json]',
  summary: `Devnet only: adds MOTES to the account of the public key on a running casper-multisig devnet,
creating the account first (its own key with weight 1, thresholds 1/1) when it does not exist.
A real node refuses it (there is no faucet method on Casper's JSON-RPC).`,
  options,
  exitCodes: 'Exit codes: 0 funded, 1 failed (not a devnet, unreachable), 2 usage error.',
})

export const fundCommand: Command = {
  name: 'fund',
  usage,
  options,
  async run(args, io) {
    const { values } = parseCommandArgs(args, options)
    const node = requiredNodeAddress(values, io.env)
    const publicKey = parsePublicKey(required(values['public-key'], '--public-key', 'KEY')).publicKeyHex
    const amount = values.amount ?? '1000000000000000'
    if (!/^\d+$/.test(amount)) {
      throw new CliError('Invalid --amount', {
        code: 'UsageError',
        details: { expected: 'motes, a whole number', got: amount },
      })
    }
    const rpc = createRpc(node)
    let result: { account_hash: string; balance: string; created: boolean }
    try {
      // The devnet's own method is not one of a node's, so it is outside Rpc's typed method table.
      const request = rpc.request as (method: string, params: unknown) => Promise<unknown>
      result = (await request('devnet_fund_account', { public_key: publicKey, amount })) as typeof result
    } catch (error) {
      if (error instanceof JsonRpcError && error.rpcCode === -32601) {
        throw new CliError('The node is not a casper-multisig devnet', {
          code: 'NotDevnet',
          details: { node: redactUrl(node), answer: `${error.rpcCode} ${error.rpcMessage}` },
          remedy:
            'Fund accounts on a real network with a transfer from a funded account (casper-client transfer), or use a testnet faucet.',
        })
      }
      throw error
    }
    const output = createOutput(io, values)
    output.info(
      `${result.created ? 'Created' : 'Funded'} ${result.account_hash} (${publicKey}): balance ${result.balance} motes`,
    )
    output.json({
      accountHash: result.account_hash,
      publicKey,
      balance: result.balance,
      created: result.created,
    })
    return exitCodes.ok
  },
}
