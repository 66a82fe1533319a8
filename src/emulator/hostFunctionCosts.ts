// Host-function gas as casper-node computes it from the chainspec's `host_function_costs`.

import type { HostFunctionCost, HostFunctionCosts } from '../chainspec/Chainspec.js'

export type { HostFunctionCost, HostFunctionCosts }

/** `HostFunction::calculate_gas_cost`: the fixed cost plus each argument times its weight. */
export function hostFunctionGas(cost: HostFunctionCost, args: readonly number[]): bigint {
  return cost.arguments.reduce(
    (sum, weight, i) => sum + BigInt(weight) * BigInt((args[i] ?? 0) >>> 0),
    BigInt(cost.cost),
  )
}
