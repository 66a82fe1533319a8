// The one method of a Ledger transport the Casper app needs: `send`, as @ledgerhq/hw-transport has it.

/**
 * What `ledgerSigner` and `ledgerAccounts` talk to: a `Transport` of `@ledgerhq/hw-transport`
 * (node-hid, WebHID, WebUSB, Speculos, the mocker) or any object with its `send` (the structural
 * `LedgerTransport` of @zondax/ledger-casper 2.7). `send` resolves with the answer and its two
 * status bytes; a status word outside `statusList` rejects with an error carrying `statusCode`.
 */
export type LedgerTransport = {
  send: (
    cla: number,
    ins: number,
    p1: number,
    p2: number,
    data?: Buffer,
    statusList?: number[],
  ) => Promise<Buffer>
}
