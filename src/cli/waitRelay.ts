// Follows a proposal's state on a relay (when no node is given), re-verifying the file at each read.
import { RelayError } from '../relay/RelayError.js'
import type { RelayClient, RelayProposal } from '../relay/relayClient.js'
import { CliError } from './CliError.js'
import type { CliIo } from './CliIo.js'

/** The relay states after which nothing changes. */
const finalStates: readonly string[] = ['executed', 'failed', 'expired']

/**
 * Reads the proposal from the relay until the relay records it `executed`, `failed` or `expired`
 * (the relay's word; each read re-verified by the client, so a lying relay is still refused). On a
 * terminal one line shows the seconds waited and the relay's state. A relay that cannot be reached
 * is polled through until the deadline.
 *
 * @throws {CliError} code `RelayTimeout` when no final state is recorded within `timeoutMs`;
 *   `RelayError` for a relay that lies or refuses.
 * @example
 * ```ts
 * const { status } = await waitRelay(relayClient(url), hash, io, { timeoutMs: 60_000 })
 * ```
 */
export async function waitRelay(
  client: RelayClient,
  hash: string,
  io: CliIo,
  options: { timeoutMs: number; pollIntervalMs?: number | undefined },
): Promise<RelayProposal & { status: 'executed' | 'failed' | 'expired' }> {
  const started = Date.now()
  const pollIntervalMs = options.pollIntervalMs ?? 1000
  let last: string = 'not read yet'
  try {
    for (;;) {
      try {
        const proposal = await client.proposal(hash)
        if (proposal.status !== undefined && finalStates.includes(proposal.status)) {
          return proposal as RelayProposal & { status: 'executed' | 'failed' | 'expired' }
        }
        last = proposal.status ?? 'no state'
      } catch (error) {
        if (!(error instanceof RelayError && error.code === 'RelayUnreachable')) throw error
        last = 'relay unreachable'
      }
      const elapsed = Date.now() - started
      if (elapsed >= options.timeoutMs) {
        throw new CliError(`The relay recorded no result for ${hash} in time`, {
          code: 'RelayTimeout',
          details: { relay: client.shown, waited: `${options.timeoutMs} ms`, lastState: last },
          remedy: 'Wait longer (--wait / --timeout), or ask the node: casper-multisig wait HASH --node URL.',
        })
      }
      io.progress?.(`Waiting for ${hash} on the relay: ${Math.round(elapsed / 1000)} s, ${last}`)
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(pollIntervalMs, Math.max(1, options.timeoutMs - elapsed))),
      )
    }
  } finally {
    io.progress?.('')
  }
}
