// Who receives the money or the stake, when the co-signer's address book does not name them: a key
// that looks right at a glance is the easiest thing to swap in a file.
import { accountHashFromPublicKey } from '../account/accountHash.js'
import type { FileDescription } from './describeFile.js'

/**
 * One warning for each recipient of a native transfer (its target) or a delegation (its validator
 * and new validator) that `labels` (names by account hash) does not name; a purse target is not an
 * account, so no address book can name it. Shown by every surface beside the description's own
 * warnings, with or without an address book.
 *
 * @example
 * ```ts
 * recipientWarnings(describeFile(file), new Map())
 * // ['The recipient account-hash-… (public key 01…) is not in your address book: check it with its owner over a channel you trust.']
 * ```
 */
export function recipientWarnings(
  { code }: Pick<FileDescription, 'code'>,
  labels: ReadonlyMap<string, string>,
): string[] {
  const t = code.kind === 'transfer' ? code.target : undefined
  // [account hash or purse, public key ('' when the file gives none)]
  const keys = t
    ? [[t.kind === 'purse' ? t.uref : t.accountHash, t.kind === 'publicKey' ? t.publicKey : '']]
    : code.kind === 'auction'
      ? [code.validator, code.newValidator ?? ''].map((key) => [key && accountHashFromPublicKey(key), key])
      : []
  return keys.flatMap(([id, key]) =>
    !id || labels.has(id)
      ? []
      : [
          `The ${t ? 'recipient' : 'validator'} ${id.startsWith('uref') ? `purse ${id} is not an account and cannot be named in` : `account-hash-${id}${key ? ` (public key ${key})` : ''} is not in`} your address book: check it with its owner over a channel you trust.`,
        ],
  )
}
