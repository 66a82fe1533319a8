// casper-multisig: multi-signature accounts on the Casper Network.

export type { Account, AccountHashHex, ActionThresholds, NamedKey } from './account/Account.js'
export { createAccount } from './account/Account.js'
export type {
  AccountConfig,
  AccountConfigInput,
  AccountFromConfigErrorType,
  AssociatedKeyConfig,
  NormalizeConfigErrorType,
  NormalizedAccountConfig,
  NormalizedAssociatedKeyConfig,
} from './account/AccountConfig.js'
export { accountFromConfig, configFromAccount, normalizeConfig } from './account/AccountConfig.js'
export { AccountError } from './account/AccountError.js'
export type { AccountIdentifier } from './account/accountHash.js'
export { accountHashFromPublicKey, accountHashOf, publicKeyHexOf } from './account/accountHash.js'
export type { AccountRuleFailure, AccountRuleResult, ActionType } from './account/accountRules.js'
export {
  addAssociatedKey,
  authorizationWeight,
  canAuthorize,
  canDeployWith,
  canManageKeysWith,
  maxAssociatedKeys,
  removeAssociatedKey,
  saturatingWeightSum,
  setActionThreshold,
  totalKeysWeight,
  updateAssociatedKey,
} from './account/accountRules.js'
export { accountSerializedLength } from './account/accountSerializedLength.js'
export type { AssertValidConfigErrorType, AssertValidConfigOptions } from './account/assertValidConfig.js'
export { assertValidConfig } from './account/assertValidConfig.js'
export type { InvalidConfigErrorParameters } from './account/InvalidConfigError.js'
export { InvalidConfigError } from './account/InvalidConfigError.js'
export { missingSigners } from './account/missingSigners.js'
export type {
  ErrorFindingCode,
  Finding,
  FindingCode,
  FindingDetailsByCode,
  FindingKey,
  ThresholdName,
  ValidateConfigErrorType,
  ValidateConfigOptions,
  ValidateConfigReturnType,
  WarningFindingCode,
} from './account/validateConfig.js'
export { validateConfig } from './account/validateConfig.js'
export type { MergeErrorCode } from './approvals/MergeError.js'
export { MergeError } from './approvals/MergeError.js'
export type {
  MergeApprovalsReturnType,
  MergeRejection,
  MergeRejectionCode,
} from './approvals/mergeApprovals.js'
export { mergeApprovals } from './approvals/mergeApprovals.js'
export type { SignatureProgress, SignatureProgressOptions } from './approvals/signatureProgress.js'
export { signatureProgress } from './approvals/signatureProgress.js'
export type { SignDeployErrorType } from './approvals/signDeploy.js'
export { signDeploy } from './approvals/signDeploy.js'
export type { DeployProblemCode, VerifyDeployReturnType } from './approvals/verifyDeployJson.js'
export type {
  WalletSignerErrorType,
  WalletSignerParameters,
  WalletSignRequest,
} from './approvals/walletSigner.js'
export { walletSigner } from './approvals/walletSigner.js'
export type {
  AuthorizationRule,
  BrTableCost,
  Chainspec,
  ControlFlowCosts,
  FeeHandling,
  HostFunctionCost,
  HostFunctionCosts,
  OpcodeCosts,
  PricingHandling,
  Ratio,
  RefundHandling,
  SystemCosts,
  TransactionLane,
  TransactionLaneKind,
} from './chainspec/Chainspec.js'
export type { ChainspecErrorCode, ChainspecErrorParameters } from './chainspec/ChainspecError.js'
export { ChainspecError } from './chainspec/ChainspecError.js'
export { casper15 } from './chainspec/casper15.js'
export { casperMainnet } from './chainspec/casperMainnet.js'
export { casperTestnet } from './chainspec/casperTestnet.js'
export type { PaymentChoice } from './chainspec/choosePayment.js'
export type {
  EstimateCostOptions,
  EstimateCostParameters,
  EstimateCostReturnType,
} from './chainspec/estimateCost.js'
export { estimateCost } from './chainspec/estimateCost.js'
export type { ProtocolGeneration } from './chainspec/ProtocolGeneration.js'
export { parseChainspec } from './chainspec/parseChainspec.js'
export type { ChainspecOption, LegacyProtocol } from './chainspec/resolveChainspec.js'
export { sessionGasLimit } from './chainspec/resolveChainspec.js'
export type { ClType, SimpleClType } from './codec/clType.js'
export type { KnownArgType } from './codec/decodeArgValue.js'
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
} from './codec/layouts.js'
export { entryPointTags } from './codec/layouts.js'
export type { Approval, CosignDeploy, CosignFile, CosignTransaction } from './cosign/CosignFile.js'
export type { CosignNetwork, CosignOptions } from './cosign/cosignNetwork.js'
export { mainnet, testnet } from './cosign/cosignNetwork.js'
export type {
  CodeDescription,
  DescribeFileOptions,
  FileDescription,
  KeyChange,
  PaymentDescription,
  RuntimeDescription,
} from './cosign/describeFile.js'
export { describeFile } from './cosign/describeFile.js'
export type {
  DelegationDescription,
  TransferDescription,
  TransferTarget,
} from './cosign/describeSpending.js'
export { codeText, describeChange, descriptionLines, paymentLine } from './cosign/descriptionLines.js'
export type { ExpectedOutcome } from './cosign/ExpectedOutcome.js'
export type { FileJson } from './cosign/fileJson.js'
export type { DeployHashes } from './cosign/hashes.js'
export { deployHashes, transactionHash } from './cosign/hashes.js'
export type { ParseCosignFileErrorType } from './cosign/parseCosignFile.js'
export { parseCosignFile } from './cosign/parseCosignFile.js'
export type { ParseDeployJsonOptions } from './cosign/parseDeployJson.js'
export { parseDeployJson } from './cosign/parseDeployJson.js'
export type { StrictJsonObject } from './cosign/readShape.js'
export type { RenewFileOptions, RenewFileReturnType } from './cosign/renewFile.js'
export { renewFile } from './cosign/renewFile.js'
export type { ProgressProblemCode, SigningProgress } from './cosign/signingProgress.js'
export type { ApprovalVerdict, FileProblemCode, VerifyFileReturnType } from './cosign/verifyFile.js'
export { verifyDeploy, verifyFile, verifyTransaction } from './cosign/verifyFile.js'
export { defaultMaxArgsBytes } from './deploy/assertArgsBounded.js'
export type { BuildConfigureDeployParameters } from './deploy/buildConfigureDeploy.js'
export { buildConfigureDeploy, buildConfigureTransaction } from './deploy/buildConfigureDeploy.js'
export type { BuildContractCallParameters, ContractCallTarget } from './deploy/buildContractCall.js'
export { buildContractCall } from './deploy/buildContractCall.js'
export type { BuildDelegateParameters } from './deploy/buildDelegate.js'
export { buildDelegate } from './deploy/buildDelegate.js'
export type {
  BuildModuleBytesDeployParameters,
  DeployHeaderParameters,
} from './deploy/buildModuleBytesDeploy.js'
export { buildModuleBytesDeploy, maxDeployTtl } from './deploy/buildModuleBytesDeploy.js'
export type { BuildRedelegateParameters } from './deploy/buildRedelegate.js'
export { buildRedelegate } from './deploy/buildRedelegate.js'
export type { BuildSessionTransactionParameters } from './deploy/buildSessionTransaction.js'
export { buildSessionTransaction } from './deploy/buildSessionTransaction.js'
export type {
  BuiltSpending,
  SpendingEntryPoint,
  SpendingParameters,
  SpendingSigners,
} from './deploy/buildSpending.js'
export type { BuildTransferParameters } from './deploy/buildTransfer.js'
export { buildTransfer } from './deploy/buildTransfer.js'
export type {
  BuildDeployReturnType,
  BuildTwoPartyDeployParameters,
  BuildTwoPartyTransactionParameters,
} from './deploy/buildTwoPartyDeploy.js'
export { buildTwoPartyDeploy, buildTwoPartyTransaction } from './deploy/buildTwoPartyDeploy.js'
export type { BuildUndelegateParameters } from './deploy/buildUndelegate.js'
export { buildUndelegate } from './deploy/buildUndelegate.js'
export type {
  ApprovalJson,
  DeployHeaderJson,
  DeployJson,
  ExecutableDeployItemJson,
  NamedArgJson,
} from './deploy/DeployJson.js'
export { PlanError } from './deploy/PlanError.js'
export { parseSessionArg } from './deploy/parseSessionArg.js'
export type { PaymentForOptions, PaymentMargin } from './deploy/paymentFor.js'
export { defaultPaymentMargin, paymentFor } from './deploy/paymentFor.js'
export type {
  PlannedDeploy,
  PlanReconfigurationOptions,
  ReconfigurationPlan,
} from './deploy/planReconfiguration.js'
export { planReconfiguration } from './deploy/planReconfiguration.js'
export { stringifyDeployJson } from './deploy/stringifyDeployJson.js'
export type { TransactionJson } from './deploy/TransactionJson.js'
export type { ApiError, ApiErrorName } from './emulator/apiError.js'
export { apiError, apiErrorCode } from './emulator/apiError.js'
export type {
  EmulateSessionParameters,
  EmulateSessionReturnType,
  HostCall,
  NamedArgs,
  Protocol,
  SessionFailure,
  SessionGas,
} from './emulator/emulateSession.js'
export { emulateSession } from './emulator/emulateSession.js'
export { formatDuration, parseDuration, parseTimestamp } from './encoding/duration.js'
export { bytesToHex, hexToBytes } from './encoding/hex.js'
export type { ParseStrictJsonOptions, StrictJson } from './encoding/parseStrictJson.js'
export { maxFileJsonValues, parseStrictJson, StrictJsonError } from './encoding/parseStrictJson.js'
export type { BaseErrorParameters } from './errors/BaseError.js'
export { BaseError } from './errors/BaseError.js'
export type { CosignErrorCode } from './errors/CosignError.js'
export { CosignError } from './errors/CosignError.js'
export { DeployError } from './errors/DeployError.js'
export type { KeyAlgorithm } from './keys/KeyAlgorithm.js'
export type { KeyErrorCode, KeyErrorParameters, KeyFound } from './keys/KeyError.js'
export { KeyError } from './keys/KeyError.js'
export type { LocalSigner, LocalSignerKey } from './keys/localSigner.js'
export { localSigner } from './keys/localSigner.js'
export type { PrivateKeyInfo, PublicKeyInfo } from './keys/PublicKeyInfo.js'
export type {
  ParsePrivateKeyErrorType,
  ParsePrivateKeyOptions,
  PrivateKeyInput,
} from './keys/parsePrivateKey.js'
export { parsePrivateKey } from './keys/parsePrivateKey.js'
export type { ParsePublicKeyErrorType, PublicKeyInput } from './keys/parsePublicKey.js'
export { parsePublicKey } from './keys/parsePublicKey.js'
export { privateKeyFromBytes } from './keys/privateKeyFromBytes.js'
export { publicKeyFromBytes } from './keys/publicKeyFromBytes.js'
export type { SignContext, Signer } from './keys/Signer.js'
export type { SignerErrorCode } from './keys/SignerError.js'
export { SignerError } from './keys/SignerError.js'
export { secretKeyModeWarning } from './keys/secretKeyModeWarning.js'
export type { RejectionCode, VerifyApprovalReturnType } from './keys/verifyApproval.js'
export { verifyApproval } from './keys/verifyApproval.js'
export type { LedgerErrorCode } from './ledger/LedgerError.js'
export { LedgerError } from './ledger/LedgerError.js'
export type { LedgerTransport } from './ledger/LedgerTransport.js'
export type { LedgerAccount, LedgerAccountsParameters } from './ledger/ledgerAccounts.js'
export { ledgerAccounts } from './ledger/ledgerAccounts.js'
export { defaultLedgerPath, ledgerPathLevels } from './ledger/ledgerPath.js'
export type { LedgerScreen, LedgerScreens, LedgerScreensOptions } from './ledger/ledgerScreens.js'
export { ledgerScreens } from './ledger/ledgerScreens.js'
export type { LedgerSigner, LedgerSignerErrorType, LedgerSignerParameters } from './ledger/ledgerSigner.js'
export { ledgerSigner } from './ledger/ledgerSigner.js'
export { ledgerStatusError } from './ledger/ledgerStatusError.js'
export type { DeployDescription, DescribeDeployOptions } from './preflight/describeDeploy.js'
export { describeDeploy } from './preflight/describeDeploy.js'
export { expectedOutcome } from './preflight/expectedOutcome.js'
export { PreflightError } from './preflight/PreflightError.js'
export type {
  PreflightCode,
  PreflightIssue,
  PreflightOptions,
  PreflightReturnType,
} from './preflight/preflight.js'
export { assertReady, preflight } from './preflight/preflight.js'
export type { AuctionBid, SpendingState } from './preflight/SpendingState.js'
export { spendingFailure } from './preflight/spendingOutcome.js'
export type {
  AwaitResultErrorType,
  AwaitResultOptions,
  AwaitResultReturnType,
  AwaitResultSubmitted,
} from './rpc/awaitResult.js'
export { awaitResult } from './rpc/awaitResult.js'
export type {
  BlockIdentifier,
  CreateRpcParameters,
  Rpc,
  RpcMethod,
  RpcMethods,
  RpcRequestErrorType,
  RpcRequestOptions,
} from './rpc/createRpc.js'
export { createRpc, defaultMaxResponseBytes, defaultRpcTimeoutMs } from './rpc/createRpc.js'
export type { ExecutionFailedErrorParameters } from './rpc/ExecutionFailedError.js'
export { ExecutionFailedError } from './rpc/ExecutionFailedError.js'
export type {
  ExecutionErrorKind,
  ExplainExecutionErrorContext,
  ExplainExecutionErrorReturnType,
} from './rpc/explainExecutionError.js'
export { explainExecutionError } from './rpc/explainExecutionError.js'
export type {
  GetAccountConfigErrorType,
  GetAccountConfigOptions,
  GetAccountConfigReturnType,
} from './rpc/getAccountConfig.js'
export { getAccountConfig } from './rpc/getAccountConfig.js'
export type { GetChainspecErrorType, GetChainspecOptions } from './rpc/getChainspec.js'
export { getChainspec } from './rpc/getChainspec.js'
export type { GetProtocolErrorType, GetProtocolOptions, GetProtocolReturnType } from './rpc/getProtocol.js'
export { getProtocol } from './rpc/getProtocol.js'
export type { GetSpendingStateOptions } from './rpc/getSpendingState.js'
export { getSpendingState } from './rpc/getSpendingState.js'
export type {
  PreflightTransactionOptions,
  PreflightTransactionReturnType,
} from './rpc/preflightTransaction.js'
export { preflightTransaction } from './rpc/preflightTransaction.js'
export type { JsonRpcErrorName, RpcErrorCode, RpcErrorContext, TimeoutScope } from './rpc/RpcError.js'
export {
  AbortedError,
  HttpError,
  JsonRpcError,
  jsonRpcErrorNames,
  MalformedResponseError,
  ResponseTooLargeError,
  RpcError,
  TimeoutError,
  UnreachableError,
} from './rpc/RpcError.js'
export type { JsonObject } from './rpc/responseShape.js'
export type { SubmitErrorType, SubmitOptions, SubmitReturnType } from './rpc/submit.js'
export { submit } from './rpc/submit.js'
export type { AcceptanceCode, AcceptanceStage, AcceptanceViolation } from './rules/acceptanceRules.js'
export type {
  DecodedApproval,
  DecodeSubmissionErrorType,
  PaymentKind,
  SessionKind,
  Submission,
  U512Arg,
} from './rules/decodeSubmission.js'
export { decodeSubmission } from './rules/decodeSubmission.js'
export { hasUnsafeText, safeJson, safeText } from './text/safeText.js'
export type {
  CheckSessionWasmOptions,
  CheckSessionWasmReturnType,
  HostFunctionSignature,
  SessionWasmNodeRejection,
  SessionWasmProtocol,
  SessionWasmStage,
  SessionWasmViolation,
  SessionWasmViolationCode,
} from './wasm/checkSessionWasm.js'
export {
  assertSessionWasm,
  casperHostFunctions,
  checkSessionWasm,
  nodeRejection,
} from './wasm/checkSessionWasm.js'
export type {
  ConfigureAccountArg,
  ConfigureAccountArgType,
  ConfigureAccountOperations,
} from './wasm/configureAccountArgs.js'
export { configureAccountArgs, sessionArgsLength } from './wasm/configureAccountArgs.js'
export { configureAccountWasm, configureAccountWasmSha256 } from './wasm/modules/configureAccountWasm.js'
export { twoPartyMultiSigWasm, twoPartyMultiSigWasmSha256 } from './wasm/modules/twoPartyMultiSigWasm.js'
export type { SessionWasmErrorParameters } from './wasm/SessionWasmError.js'
export { SessionWasmError } from './wasm/SessionWasmError.js'
export type { TwoPartyMultiSigArgs } from './wasm/twoPartyMultiSigArgs.js'
export { twoPartyMultiSigArgs } from './wasm/twoPartyMultiSigArgs.js'
export type { WasmParseErrorParameters } from './wasm/WasmParseError.js'
export { WasmParseError } from './wasm/WasmParseError.js'
