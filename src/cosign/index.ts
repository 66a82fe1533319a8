// casper-multisig/cosign: everything a co-signer needs (parse, hash, verify, describe, sign, merge), without casper-js-sdk.

export type { Account } from '../account/Account.js'
export type { Coder } from '../codec/Coder.js'
export type { ClType, ClTypeBudget, SimpleClType } from '../codec/clType.js'
export {
  clTypeBudget,
  clTypeText,
  maxClTypeDepth,
  maxClTypeNodes,
  parseClType,
} from '../codec/clType.js'
export type {
  DeployHeader,
  ExecutableItem,
  InitiatorAddr,
  InvocationTarget,
  NamedArg,
  PricingMode,
  Runtime,
  TransactionEntryPoint,
  TransactionFields,
  TransactionPayload,
  TransactionScheduling,
  TransactionTarget,
} from '../codec/layouts.js'
export type { StrictJson } from '../encoding/parseStrictJson.js'
export type { BaseErrorParameters } from '../errors/BaseError.js'
export { BaseError } from '../errors/BaseError.js'
export type { CosignErrorCode } from '../errors/CosignError.js'
export { CosignError } from '../errors/CosignError.js'
export type { LocalSigner, LocalSignerKey } from '../keys/localSigner.js'
export { localSigner } from '../keys/localSigner.js'
export type { SignContext, Signer } from '../keys/Signer.js'
export type { RejectionCode } from '../keys/verifyApproval.js'
export { verifyApproval } from '../keys/verifyApproval.js'
export { safeText } from '../text/safeText.js'
export type { Approval, CosignDeploy, CosignFile, CosignTransaction } from './CosignFile.js'
export { clTypeCoder, deployHeader, executableItem, runtimeArgs, transactionPayload } from './coders.js'
export type { CosignNetwork, CosignOptions } from './cosignNetwork.js'
export { mainnet, testnet } from './cosignNetwork.js'
export type { BidDescription, BidEntryPoint, Reservation, ReservedDelegator } from './describeBid.js'
export type { ContractCallDescription } from './describeContractCall.js'
export type {
  CodeDescription,
  DescribeFileOptions,
  FileDescription,
  KeyChange,
  PaymentDescription,
  RuntimeDescription,
} from './describeFile.js'
export { describeFile } from './describeFile.js'
export type {
  DelegationDescription,
  TransferDescription,
  TransferTarget,
} from './describeSpending.js'
export { codeText, describeChange, descriptionLines, paymentLine, runtimeText } from './descriptionLines.js'
export type { ExpectedOutcome } from './ExpectedOutcome.js'
export type { FileJson } from './fileJson.js'
export type { DeployHashes } from './hashes.js'
export { deployHashes, transactionHash } from './hashes.js'
export type { MergeFilesErrorType, MergeFilesReturnType, MergeRejectionCode } from './mergeFiles.js'
export { mergeFiles } from './mergeFiles.js'
export type { ParseCosignFileErrorType } from './parseCosignFile.js'
export { maxFileBytes, parseCosignFile } from './parseCosignFile.js'
export { parseCosignJson } from './parseCosignJson.js'
export { recipientWarnings } from './recipientWarnings.js'
export type { CasperWalletProvider, SignFileErrorType } from './signFile.js'
export { signFile, signWithCasperWallet } from './signFile.js'
export type { ProgressProblemCode, SigningProgress, SigningProgressOptions } from './signingProgress.js'
export { parseAccountJson, signingProgress } from './signingProgress.js'
export { stringifyCosignFile, withApprovals } from './stringifyCosignFile.js'
export type { ApprovalVerdict, FileProblemCode, VerifyFileReturnType } from './verifyFile.js'
export { verifyDeploy, verifyFile, verifyTransaction } from './verifyFile.js'
