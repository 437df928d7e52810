import type { CostOverride } from '../../shared/ipc/backtest';
import type { Commission } from '../../shared/model/types';
import type { ContractRegistry } from '../trading/contracts';

export const ZERO_COMMISSION: Commission = { byVolume: true, open: 0, close: 0, closeToday: 0 };

/**
 * The contract registry a backtest trades with: the specs' commission and margin rates, overridden per product code
 * (rb, TA, IF) or for every product ('*'); a product's own entry wins over '*'. An unknown product code is refused
 * by name rather than silently ignored.
 */
export function applyCosts(registry: ContractRegistry, costs: Readonly<Record<string, CostOverride>> | undefined): ContractRegistry {
  if (costs === undefined || Object.keys(costs).length === 0) return registry;
  const byCode = new Map<string, CostOverride>();
  const known = new Set(registry.allProducts().map((p) => p.product.toLowerCase()));
  for (const [code, o] of Object.entries(costs)) {
    if (code === '*') continue;
    if (!known.has(code.toLowerCase())) throw new Error(`costs: unknown product "${code}" (use a product code such as rb, TA or IF, or * for all)`);
    byCode.set(code.toLowerCase(), o);
  }
  const all = costs['*'] ?? {};
  return registry.derive((p) => {
    const o = { ...all, ...byCode.get(p.product.toLowerCase()) };
    return {
      ...p,
      commission: o.commission ?? p.commission,
      marginLong: o.marginLong ?? p.marginLong,
      marginShort: o.marginShort ?? p.marginShort,
    };
  });
}
