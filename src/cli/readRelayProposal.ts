// A proposal read from a relay for a command: its file re-verified by the relay client, as the FILE it stands for.
import { accountHashFromPublicKey } from '../account/accountHash.js'
import type { CosignFile } from '../cosign/CosignFile.js'
import { stringifyCosignFile } from '../cosign/stringifyCosignFile.js'
import { type RelayClient, type RelayProposal, relayClient } from '../relay/relayClient.js'
import { keyName } from '../text/keyName.js'
import { safeText } from '../text/safeText.js'
import type { CliIo } from './CliIo.js'
import { parseDeployText } from './files.js'
import { type SignedFile, transactionJson } from './readSignedFile.js'

/**
 * Fetches the proposal `hash` from the relay at `relay` (its file parsed, hashing to `hash`, every
 * approval verified: a relay that lies is refused by the client) and returns it as `readSignedFile`
 * would read the file. Each approval the relay sent that does not verify is left out and named on
 * standard error, whatever the output mode: a co-signer must know the relay lied.
 *
 * @throws {RelayError} what `relayClient(...).proposal` throws (`RelayLied`, `RelayUnreachable`, `ProposalNotFound`, …).
 * @example
 * ```ts
 * const { read, proposal } = await readRelayProposal('http://127.0.0.1:8080', hash, io, labels)
 * ```
 */
export async function readRelayProposal(
  relay: string,
  hash: string,
  io: CliIo,
  labels: ReadonlyMap<string, string>,
): Promise<{ read: SignedFile; proposal: RelayProposal; client: RelayClient }> {
  const client = relayClient(relay)
  const proposal = await client.proposal(hash)
  for (const { approval, reason, message } of proposal.dropped) {
    io.err(
      `Warning: the relay ${client.shown} sent an approval by ${signerName(approval.signer, labels)} that does not verify (${reason}: ${safeText(message)}): left out`,
    )
  }
  return { read: signedFileOf(proposal.file), proposal, client }
}

/** A decoded file as `readSignedFile` returns one: with the deploy's JSON, or the transaction's `{ Version1 }`. */
export function signedFileOf(file: CosignFile): SignedFile {
  return file.kind === 'deploy'
    ? { kind: 'deploy', file, deploy: parseDeployText("the relay's file", stringifyCosignFile(file)) }
    : { kind: 'transaction', file, transaction: transactionJson(file) }
}

/** A signer as shown: its account hash (with its label), or the text as it is when it is no public key. */
export function signerName(publicKey: string, labels: ReadonlyMap<string, string>): string {
  try {
    return `${keyName(accountHashFromPublicKey(publicKey), labels)} (public key ${safeText(publicKey)})`
  } catch {
    return `${safeText(publicKey)} (not a public key)`
  }
}
