// casper-multisig/devnet: a loopback Casper network for tests and demos (Node only).

export type { ProtocolGeneration } from '../chainspec/ProtocolGeneration.js'
export type { BaseErrorParameters } from '../errors/BaseError.js'
export { BaseError } from '../errors/BaseError.js'
export type { AcceptSubmissionReturnType, SubmissionMethod } from './acceptSubmission.js'
export { acceptSubmission, devnetTimestampLeewayMs } from './acceptSubmission.js'
export type { DevnetErrorCode } from './DevnetError.js'
export { DevnetError } from './DevnetError.js'
export type {
  DevnetAccount,
  DevnetBlock,
  DevnetExecution,
  DevnetItem,
  DevnetProtocol,
  DevnetState,
} from './DevnetState.js'
export { devnetChainspec } from './devnetChainspec.js'
export { executeBlock } from './executeBlock.js'
export type { RpcAnswer, RpcContext, RpcErrorObject } from './handleRpc.js'
export { devnetMethods, handleRpc } from './handleRpc.js'
export { loadStateFile, saveStateFile } from './persistState.js'
export type {
  Devnet,
  DevnetAccountInfo,
  DevnetAccountParameters,
  DevnetEvent,
  StartDevnetErrorType,
  StartDevnetOptions,
} from './startDevnet.js'
export { defaultDevnetBalance, devnetMaxBodyBytes, startDevnet } from './startDevnet.js'
