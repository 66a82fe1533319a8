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
export { accountHashFromPublicKey, accountHashOf } from './account/accountHash.js'
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
export { PlanError } from './account/PlanError.js'
export type {
  PlannedDeploy,
  PlanReconfigurationOptions,
  ReconfigurationPlan,
} from './account/planReconfiguration.js'
export { planReconfiguration } from './account/planReconfiguration.js'
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
export type { ApiError, ApiErrorName } from './emulator/apiError.js'
export { apiError, apiErrorCode } from './emulator/apiError.js'
export type {
  EmulateSessionParameters,
  EmulateSessionReturnType,
  GasCosts,
  HostCall,
  NamedArgs,
  Protocol,
  SessionFailure,
  SessionGas,
} from './emulator/emulateSession.js'
export { emulateSession } from './emulator/emulateSession.js'
export type { HostFunctionCost, HostFunctionCosts } from './emulator/hostFunctionCosts.js'
export {
  hostFunctionGas,
  mainnetHostFunctionCosts,
  mainnetStorageGasPerByte,
} from './emulator/hostFunctionCosts.js'
export type { BrTableCost, ControlFlowCosts, OpcodeCosts } from './emulator/injectGasCounter.js'
export { GasInjectionError, injectGasCounter, mainnetOpcodeCosts } from './emulator/injectGasCounter.js'
export { bytesToHex, hexToBytes } from './encoding/hex.js'
export type { BaseErrorParameters } from './errors/BaseError.js'
export { BaseError } from './errors/BaseError.js'
export type {
  CheckSessionWasmOptions,
  CheckSessionWasmReturnType,
  HostFunctionSignature,
  SessionWasmProtocol,
  SessionWasmViolation,
  SessionWasmViolationCode,
} from './wasm/checkSessionWasm.js'
export { assertSessionWasm, casperHostFunctions, checkSessionWasm } from './wasm/checkSessionWasm.js'
export type {
  ConfigureAccountArg,
  ConfigureAccountArgType,
  ConfigureAccountOperations,
} from './wasm/configureAccountArgs.js'
export { configureAccountArgs, sessionArgsLength } from './wasm/configureAccountArgs.js'
export { configureAccountWasm, configureAccountWasmSha256 } from './wasm/modules/configureAccountWasm.js'
export { twoPartyMultiSigWasm, twoPartyMultiSigWasmSha256 } from './wasm/modules/twoPartyMultiSigWasm.js'
export { SessionWasmError } from './wasm/SessionWasmError.js'
export type { TwoPartyMultiSigArgs } from './wasm/twoPartyMultiSigArgs.js'
export { twoPartyMultiSigArgs } from './wasm/twoPartyMultiSigArgs.js'
export type { WasmParseErrorParameters } from './wasm/WasmParseError.js'
export { WasmParseError } from './wasm/WasmParseError.js'
