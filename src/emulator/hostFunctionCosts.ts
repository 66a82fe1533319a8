// Host-function and storage gas costs from casper-node's mainnet chainspec.

import type { HostFunctionCost, HostFunctionCosts } from '../chainspec/Chainspec.js'

export type { HostFunctionCost, HostFunctionCosts }

/** `[wasm.host_function_costs]` of casper-node v1.5.8 `resources/production/chainspec.toml`. */
export const mainnetHostFunctionCosts: HostFunctionCosts = {
  get_named_arg_size: { cost: 200, arguments: [0, 0, 0] },
  get_named_arg: { cost: 200, arguments: [0, 120_000, 0, 120_000] },
  add_associated_key: { cost: 1_200_000, arguments: [0, 0, 0] },
  update_associated_key: { cost: 4_200, arguments: [0, 0, 0] },
  remove_associated_key: { cost: 4_200, arguments: [0, 0] },
  set_action_threshold: { cost: 74_000, arguments: [0, 0] },
  revert: { cost: 500, arguments: [0] },
}

/** `[wasm.storage_costs] gas_per_byte` of casper-node v1.5.8 `resources/production/chainspec.toml`. */
export const mainnetStorageGasPerByte = 1_117_587

/** `HostFunction::calculate_gas_cost`: the fixed cost plus each argument times its weight. */
export function hostFunctionGas(cost: HostFunctionCost, args: readonly number[]): bigint {
  return cost.arguments.reduce(
    (sum, weight, i) => sum + BigInt(weight) * BigInt((args[i] ?? 0) >>> 0),
    BigInt(cost.cost),
  )
}
