import { readSampleCsv } from '../gateway/feeds/bar-columns';
import { resourcePath } from '../resources';
import { ContractRegistry } from '../trading/contracts';
import type { Db } from './db';
import { MarketStore } from './market-store';

/**
 * The bundled sample of real 1-minute bars (resources/market, from ../shared/data/market): rb2005 of 2019 with night
 * sessions, and the main contracts of rb, cu and ni in January 2026, labelled with the contracts that were main then.
 */
export const BUNDLED_SAMPLE: readonly { readonly symbol: string; readonly file: string }[] = [
  { symbol: 'SHFE.rb2005', file: 'rb2005_1min.csv' },
  { symbol: 'SHFE.rb2605', file: 'rb_main_1min_2026-01.csv' },
  { symbol: 'SHFE.cu2603', file: 'cu_main_1min_2026-01.csv' },
  { symbol: 'SHFE.ni2603', file: 'ni_main_1min_2026-01.csv' },
];

/**
 * Loads the bundled sample into a profile's store, once: a series already stored is left alone, so calling this at
 * every start costs one query per file. Returns the symbols it loaded.
 */
export function ensureSampleLoaded(db: Db, contracts: ContractRegistry = ContractRegistry.load()): string[] {
  const store = new MarketStore(db, contracts);
  const loaded: string[] = [];
  for (const { symbol, file } of BUNDLED_SAMPLE) {
    if (store.has(symbol, '1m')) continue;
    store.writeBars(symbol, '1m', readSampleCsv(resourcePath('market', file), contracts.calendar));
    loaded.push(symbol);
  }
  return loaded;
}
