// casper-types `ApiError`: the code a session passes to `casper_revert` and the text users see.

/** Reserved ApiError names by code (casper-types `api_error.rs` `From<u32> for ApiError`, v1.5.8). */
const reservedNames: readonly ApiErrorName[] = [
  'None',
  'MissingArgument',
  'InvalidArgument',
  'Deserialize',
  'Read',
  'ValueNotFound',
  'ContractNotFound',
  'GetKey',
  'UnexpectedKeyVariant',
  'UnexpectedContractRefVariant',
  'InvalidPurseName',
  'InvalidPurse',
  'UpgradeContractAtURef',
  'Transfer',
  'NoAccessRights',
  'CLTypeMismatch',
  'EarlyEndOfStream',
  'Formatting',
  'LeftOverBytes',
  'OutOfMemory',
  'MaxKeysLimit',
  'DuplicateKey',
  'PermissionDenied',
  'MissingKey',
  'ThresholdViolation',
  'KeyManagementThreshold',
  'DeploymentThreshold',
  'InsufficientTotalWeight',
  'InvalidSystemContract',
  'PurseNotCreated',
  'Unhandled',
  'BufferTooSmall',
  'HostBufferEmpty',
  'HostBufferFull',
  'AllocLayout',
  'DictionaryItemKeyExceedsLength',
  'InvalidDictionaryItemKey',
  'MissingSystemContractHash',
  'ExceededRecursionDepth',
  'NonRepresentableSerialization',
]

/** The name of a reserved ApiError (codes 1..40). */
export type ApiErrorName =
  | 'None'
  | 'MissingArgument'
  | 'InvalidArgument'
  | 'Deserialize'
  | 'Read'
  | 'ValueNotFound'
  | 'ContractNotFound'
  | 'GetKey'
  | 'UnexpectedKeyVariant'
  | 'UnexpectedContractRefVariant'
  | 'InvalidPurseName'
  | 'InvalidPurse'
  | 'UpgradeContractAtURef'
  | 'Transfer'
  | 'NoAccessRights'
  | 'CLTypeMismatch'
  | 'EarlyEndOfStream'
  | 'Formatting'
  | 'LeftOverBytes'
  | 'OutOfMemory'
  | 'MaxKeysLimit'
  | 'DuplicateKey'
  | 'PermissionDenied'
  | 'MissingKey'
  | 'ThresholdViolation'
  | 'KeyManagementThreshold'
  | 'DeploymentThreshold'
  | 'InsufficientTotalWeight'
  | 'InvalidSystemContract'
  | 'PurseNotCreated'
  | 'Unhandled'
  | 'BufferTooSmall'
  | 'HostBufferEmpty'
  | 'HostBufferFull'
  | 'AllocLayout'
  | 'DictionaryItemKeyExceedsLength'
  | 'InvalidDictionaryItemKey'
  | 'MissingSystemContractHash'
  | 'ExceededRecursionDepth'
  | 'NonRepresentableSerialization'

/** Display names that differ from the variant name (`impl Debug for ApiError`). */
const displayNames: Partial<Record<ApiErrorName, string>> = {
  DictionaryItemKeyExceedsLength: 'DictionaryItemKeyTooLarge',
  MissingSystemContractHash: 'MissingContractHash',
}

const unhandled = 31

/**
 * casper-types v1.5.8 `system/auction/error.rs` `Error`, by discriminant (0..49, as `TryFrom<u8>` maps
 * them). For any other value the node's `Debug` returns `fmt::Error`; the number is printed instead.
 */
const auctionErrorNames: readonly string[] = [
  'MissingKey',
  'InvalidKeyVariant',
  'MissingValue',
  'Serialization',
  'TransferToBidPurse',
  'InvalidAmount',
  'BidNotFound',
  'ValidatorNotFound',
  'DelegatorNotFound',
  'Storage',
  'Bonding',
  'Unbonding',
  'ReleaseFounderStake',
  'GetBalance',
  'InvalidContext',
  'ValidatorFundsLocked',
  'InvalidCaller',
  'InvalidPublicKey',
  'BondNotFound',
  'CreatePurseFailed',
  'UnbondTooLarge',
  'BondTooSmall',
  'MissingDelegations',
  'MismatchedEraValidators',
  'MintReward',
  'InvalidValidatorSlotsValue',
  'MintReduceTotalSupply',
  'TransferToDelegatorPurse',
  'ValidatorRewardTransfer',
  'DelegatorRewardTransfer',
  'WithdrawDelegatorReward',
  'WithdrawValidatorReward',
  'TransferToUnbondingPurse',
  'RecordEraInfo',
  'CLValue',
  'MissingSeigniorageRecipients',
  'Transfer',
  'DelegationRateTooLarge',
  'DelegatorFundsLocked',
  'ArithmeticOverflow',
  'GasLimit',
  'RuntimeStackOverflow',
  'MintError',
  'ExceededDelegatorSizeLimit',
  'GlobalDelegatorCapacityReached',
  'DelegationAmountTooSmall',
  'RuntimeStack',
  'AuctionBidsDisabled',
  'GetAccumulationPurse',
  'TransferToAdministrator',
]

/** Ranges of system-contract and user errors (casper-types `api_error.rs` constants). */
const ranges = [
  { min: 65_536, max: 131_071, variant: 'User', display: (n: number) => `User error: ${n}` },
  {
    min: 65_280,
    max: 65_535,
    variant: 'HandlePayment',
    display: (n: number) => `Handle Payment error: ${n}`,
  },
  { min: 65_024, max: 65_279, variant: 'Mint', display: (n: number) => `Mint error: ${n}` },
  {
    min: 64_768,
    max: 65_023,
    variant: 'ContractHeader',
    display: (n: number) => `Contract header error: ${n}`,
  },
  {
    min: 64_512,
    max: 64_767,
    variant: 'AuctionError',
    // `impl Debug for ApiError`: the variant's name, `auction::Error::try_from(value)` printed with {:?}.
    display: (n: number) => `ApiError::AuctionError(${auctionErrorNames[n] ?? n}) [${64_512 + n}]`,
  },
] as const

/** An ApiError as a session's revert produces it. */
export type ApiError = {
  /** The u32 code after casper-types' normalisation (0 and unknown values become 31, Unhandled). */
  code: number
  /** Variant name: a reserved name such as `DuplicateKey`, or `User`, `Mint`, `HandlePayment`, … */
  name: string
  /** For `User`, `Mint`, …: the number inside the variant. */
  value?: number | undefined
  /** The text casper-node puts in `error_message`, e.g. `ApiError::DuplicateKey [22]`, `User error: 7`. */
  message: string
}

/**
 * Decodes the status a session passed to `casper_revert` the way casper-node does
 * (`ApiError::from(u32)` then `Display`).
 *
 * @example
 * ```ts
 * apiError(22) // { code: 22, name: 'DuplicateKey', message: 'ApiError::DuplicateKey [22]' }
 * apiError(65_543) // { code: 65543, name: 'User', value: 7, message: 'User error: 7' }
 * apiError(0) // { code: 31, name: 'Unhandled', message: 'ApiError::Unhandled [31]' }
 * apiError(64_514) // { code: 64514, name: 'AuctionError', value: 2, message: 'ApiError::AuctionError(MissingValue) [64514]' }
 * ```
 */
export function apiError(status: number): ApiError {
  const code = status >>> 0
  const reserved = reservedNames[code - 1]
  if (reserved)
    return { code, name: reserved, message: `ApiError::${displayNames[reserved] ?? reserved} [${code}]` }
  const range = ranges.find((r) => code >= r.min && code <= r.max)
  if (range) {
    const value = code - range.min
    return { code, name: range.variant, value, message: range.display(value) }
  }
  return apiError(unhandled)
}

/**
 * The code of a reserved ApiError by name.
 *
 * @example
 * ```ts
 * apiErrorCode('PermissionDenied') // 23
 * ```
 */
export function apiErrorCode(name: ApiErrorName): number {
  return reservedNames.indexOf(name) + 1
}
