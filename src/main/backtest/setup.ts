import { formatDay } from '../../shared/model/time';
import type { BacktestSettings } from '../../shared/ipc/backtest';
import type { Contract } from '../../shared/model/types';
import { canonicalPeriod, parsePeriod } from '../data/period';
import { resolveSeries } from '../data/series-id';
import { allocColumns, lowerBound, sliceColumns, type TickColumns } from '../data/series';
import type { MarketStore } from '../data/market-store';
import { readSampleCsv, type BarColumns } from '../gateway/feeds/bar-columns';
import { loadStrategyFile, resolveParams, StrategyError, type LoadedStrategy } from '../strategy/loader';
import { ContractRegistry } from '../trading/contracts';
import { applyCosts } from './costs';
import type { BacktestData } from './driver';
import { BacktestError } from './errors';

/** Where a backtest's bars and ticks come from: the profile's store, or sample files. Days are trading days, both included. */
export interface DataSource {
  bars(symbol: string, period: string, fromDay: number, toDay: number): BarColumns;
  ticks(symbol: string, fromDay: number, toDay: number): TickColumns;
}

/** The profile's bar and tick store (src/main/data/market-store.ts). */
export class StoreDataSource implements DataSource {
  constructor(private readonly store: MarketStore) {}
  bars(symbol: string, period: string, fromDay: number, toDay: number): BarColumns {
    return this.store.load(symbol, period, fromDay, toDay);
  }
  ticks(symbol: string, fromDay: number, toDay: number): TickColumns {
    return this.store.loadTicks(symbol, fromDay, toDay);
  }
}

/** Bar files in the bundled sample layout (resources/market/*.csv), one per contract; 1-minute bars only. */
export class CsvDataSource implements DataSource {
  private readonly cache = new Map<string, BarColumns>();

  constructor(
    private readonly files: Readonly<Record<string, string>>,
    private readonly registry: ContractRegistry,
  ) {}

  bars(symbol: string, period: string, fromDay: number, toDay: number): BarColumns {
    const file = this.fileOf(symbol);
    if (file === undefined || period !== '1m') return allocColumns('bar', 0);
    let all = this.cache.get(file);
    if (all === undefined) this.cache.set(file, (all = readSampleCsv(file, this.registry.calendar)));
    let a = 0;
    while (a < all.length && all.tradingDay[a]! < fromDay) a++;
    let b = a;
    while (b < all.length && all.tradingDay[b]! <= toDay) b++;
    return sliceColumns('bar', all, a, b);
  }

  ticks(): TickColumns {
    throw new BacktestError('NO_DATA', { symbol: Object.keys(this.files).join(','), period: 'tick', from: '', to: '' });
  }

  private fileOf(symbol: string): string | undefined {
    for (const [s, f] of Object.entries(this.files)) {
      const id = resolveSeries(this.registry, s);
      if (!('error' in id) && id.symbol === symbol) return f;
    }
    return undefined;
  }
}

/** Series already in memory (a worker's shared columns): served by trading day, without copying. */
export class ColumnsDataSource implements DataSource {
  constructor(private readonly data: readonly BacktestData[]) {}

  bars(symbol: string, period: string, fromDay: number, toDay: number): BarColumns {
    const d = this.data.find((x) => x.symbol === symbol && x.period === period && x.bars !== undefined);
    if (d === undefined) return allocColumns('bar', 0);
    const c = d.bars!;
    return sliceColumns('bar', c, lowerBound(c.tradingDay, fromDay), lowerBound(c.tradingDay, toDay + 1));
  }

  ticks(symbol: string, fromDay: number, toDay: number): TickColumns {
    const d = this.data.find((x) => x.symbol === symbol && x.ticks !== undefined);
    if (d === undefined) return allocColumns('tick', 0);
    const c = d.ticks!;
    return sliceColumns('tick', c, lowerBound(c.tradingDay, fromDay), lowerBound(c.tradingDay, toDay + 1));
  }
}

/**
 * A registry that also trades continuous series (KQ.m@SHFE.rb, rb888) as contracts with their product's spec: a
 * backtest over a main-contract series trades the series itself (its rolls are in the prices, not in the trades).
 */
export class BacktestRegistry extends ContractRegistry {
  private readonly continuous = new Map<string, Contract>();

  static of(base: ContractRegistry): BacktestRegistry {
    return base instanceof BacktestRegistry ? base : new BacktestRegistry(base.allProducts(), base.calendar);
  }

  /** Adds a continuous series (its id as the store keys it) as a tradable contract. */
  addContinuous(symbol: string, product: Contract['product']): Contract {
    const spec = this.allProducts().find((p) => p.product === product);
    if (spec === undefined) throw new Error(`unknown product ${product}`);
    const contract: Contract = { ...spec, symbol, code: symbol, deliveryYear: 0, deliveryMonth: 0, name: `${spec.nameCn}主连`, nameEn: `${spec.nameEn} main` };
    this.continuous.set(symbol, contract);
    return contract;
  }

  override get(symbol: string): Contract | undefined {
    return this.continuous.get(symbol) ?? super.get(symbol);
  }

  override resolve(input: string, referenceDay?: number): Contract {
    return this.continuous.get(input) ?? super.resolve(input, referenceDay);
  }
}

export interface PreparedBacktest {
  readonly settings: BacktestSettings;
  readonly strategy: LoadedStrategy;
  readonly contracts: BacktestRegistry;
  /** Canonical ids of the traded series, in the order the strategy expects them. */
  readonly symbols: readonly string[];
  readonly data: readonly BacktestData[];
  /** The time of the first row of `from`: rows before it are warm-up history. */
  readonly start: number;
}

export interface PrepareOptions {
  readonly contracts: ContractRegistry;
  readonly source: DataSource;
  /** An already loaded strategy (workers load the file once for many runs). */
  readonly strategy?: LoadedStrategy;
}

/** Loads a strategy file, turning a StrategyError into the backtester's own error (file:line: message). */
export function loadStrategy(file: string): LoadedStrategy {
  try {
    return loadStrategyFile(file);
  } catch (e) {
    if (e instanceof StrategyError) throw new BacktestError('STRATEGY', { detail: e.message }, 'strategyFile');
    throw e;
  }
}

/**
 * Everything a run needs from its settings: the strategy (loaded, parameters checked), the registry with the run's
 * costs, the contracts and the data over the range, with history before it for a strategy that declares warm-up bars.
 * Each problem is a BacktestError that names what is wrong.
 */
export function prepareBacktest(settings: BacktestSettings, opts: PrepareOptions): PreparedBacktest {
  if (settings.from > settings.to) throw new BacktestError('BAD_RANGE', { from: formatDay(settings.from), to: formatDay(settings.to) }, 'from');
  const strategy = opts.strategy ?? loadStrategy(settings.strategyFile);
  try {
    resolveParams(strategy.cls.params, settings.params);
  } catch (e) {
    throw new BacktestError('PARAMS', { detail: (e as Error).message }, 'params');
  }
  const need = strategy.cls.meta.symbols ?? 1;
  if (settings.symbols.length < need) {
    throw new BacktestError('SYMBOL_COUNT', { strategy: strategy.className, need, given: settings.symbols.length }, 'symbols');
  }
  let costed: ContractRegistry;
  try {
    costed = applyCosts(opts.contracts, settings.costs);
  } catch (e) {
    throw new BacktestError('PARAMS', { detail: (e as Error).message }, 'costs');
  }
  const contracts = BacktestRegistry.of(costed);
  const period = settings.period === 'tick' ? 'tick' : canonicalPeriod(settings.period);
  if (period === undefined) throw new BacktestError('PARAMS', { detail: `unknown period "${settings.period}"` }, 'period');

  const symbols = settings.symbols.map((s) => {
    const id = resolveSeries(contracts, s, settings.from);
    if ('error' in id) throw new BacktestError('UNKNOWN_SYMBOL', { detail: id.error }, 'symbols');
    if (id.kind !== 'contract') contracts.addContinuous(id.symbol, id.product.product);
    return id.symbol;
  });

  const warmup = strategy.cls.meta.warmupBars ?? 0;
  const historyFrom = warmup > 0 && period !== 'tick' ? warmupStartDay(contracts, settings.from, warmup, period) : settings.from;
  const data: BacktestData[] = symbols.map((symbol) => {
    if (period === 'tick') {
      const ticks = opts.source.ticks(symbol, settings.from, settings.to);
      if (ticks.length === 0) throw noData(symbol, 'tick', settings);
      return { symbol, period: 'tick', ticks };
    }
    const bars = opts.source.bars(symbol, period, historyFrom, settings.to);
    let first = 0;
    while (first < bars.length && bars.tradingDay[first]! < settings.from) first++;
    if (first >= bars.length) throw noData(symbol, period, settings);
    return { symbol, period, bars };
  });
  let start = Infinity;
  for (const d of data) {
    const cols = d.bars ?? d.ticks!;
    for (let i = 0; i < cols.length; i++) {
      if (cols.tradingDay[i]! >= settings.from) {
        if (cols.time[i]! < start) start = cols.time[i]!;
        break;
      }
    }
  }
  return { settings, strategy, contracts, symbols, data, start };
}

function noData(symbol: string, period: string, s: BacktestSettings): BacktestError {
  return new BacktestError('NO_DATA', { symbol, period, from: formatDay(s.from), to: formatDay(s.to) }, 'from');
}

/** A trading day early enough that `bars` bars of `period` lie between it and `from` (night sessions not counted). */
function warmupStartDay(contracts: ContractRegistry, from: number, bars: number, period: string): number {
  const spec = parsePeriod(period);
  // A day session is 225 minutes for most products.
  const perDay = spec === undefined || spec.kind === 'day' ? 1 : Math.max(1, Math.floor(225 / spec.minutes));
  let day = from;
  for (let n = Math.ceil(bars / perDay) + 1; n > 0; n--) day = contracts.calendar.prev(day);
  return day;
}
