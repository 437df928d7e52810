import type { Exchange } from '../../shared/model/enums';
import type { ProductSpec } from '../../shared/model/types';
import type { ContractRegistry } from '../trading/contracts';

/**
 * What a stored series is: one contract (SHFE.rb2505), a product's main-contract series (主力连续) or its
 * open-interest-weighted index (指数). The continuous ids follow TqSdk: KQ.m@SHFE.rb and KQ.i@SHFE.rb.
 */
export type SeriesKindOfId = 'contract' | 'main' | 'index';

export interface SeriesId {
  /** The canonical id the store keys the series by. */
  readonly symbol: string;
  readonly kind: SeriesKindOfId;
  readonly product: ProductSpec;
}

const CONTINUOUS_RE = /^KQ\.([mi])@([A-Za-z]+)\.([A-Za-z]{1,3})$/;
/** Traders' spellings of continuous series: rb888 / RB0 (main, as Sina and 文华 write it), rb000 / rb99 (index). */
const ALIAS_RE = /^([A-Za-z]{1,3})(888|9888|0|000|99|8888)$/;

export function mainSymbol(p: { exchange: Exchange; product: string }): string {
  return `KQ.m@${p.exchange}.${p.product}`;
}

export function indexSymbol(p: { exchange: Exchange; product: string }): string {
  return `KQ.i@${p.exchange}.${p.product}`;
}

/** Resolves a series id or returns an error text naming what is wrong. */
export function resolveSeries(registry: ContractRegistry, input: string, referenceDay?: number): SeriesId | { error: string } {
  const text = input.trim();
  const m = CONTINUOUS_RE.exec(text);
  if (m) {
    const product = findProduct(registry, m[3]!);
    if (!product) return { error: `unknown product "${m[3]}" in "${text}"` };
    if (product.exchange !== m[2]!.toUpperCase()) return { error: `${product.product} trades on ${product.exchange}, not ${m[2]}` };
    const kind = m[1] === 'm' ? 'main' : 'index';
    return { symbol: kind === 'main' ? mainSymbol(product) : indexSymbol(product), kind, product };
  }
  const alias = ALIAS_RE.exec(text.includes('.') ? text.slice(text.indexOf('.') + 1) : text);
  if (alias) {
    const product = findProduct(registry, alias[1]!);
    if (product) {
      const kind = alias[2] === '000' || alias[2] === '99' ? 'index' : 'main';
      return { symbol: kind === 'main' ? mainSymbol(product) : indexSymbol(product), kind, product };
    }
  }
  const c = registry.tryResolve(text, referenceDay);
  if ('error' in c) return c;
  const product = registry.product(c.exchange, c.product);
  if (!product) return { error: `unknown product "${c.product}"` };
  return { symbol: c.symbol, kind: 'contract', product };
}

export function findProduct(registry: ContractRegistry, code: string): ProductSpec | undefined {
  const lower = code.toLowerCase();
  return registry.allProducts().find((p) => p.product.toLowerCase() === lower);
}
