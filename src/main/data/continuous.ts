import type { ProductSpec } from '../../shared/model/types';
import { decimalsOf } from '../../shared/model/price';
import { aggregateBars } from '../strategy/bar-generator';
import type { MarketStore } from './market-store';
import { ColumnsBuilder, concatColumns, copyColumns, type BarColumns } from './series';
import { indexSymbol, mainSymbol, resolveSeries } from './series-id';

/**
 * The roll rule of the main-contract series (主力连续): each trading day's close decides. A later-delivery contract
 * that beats the current main on open interest (or volume) by `threshold` for `confirmDays` trading days in a row
 * becomes the main from the next trading day (which starts with that evening's night session). The main never rolls
 * back to an earlier delivery month, and a main that stops trading hands over at once. With the defaults (open
 * interest, two days, any margin) the rule reproduces RiceQuant's switch from rb2001 to rb2005 on 2019-12-06.
 */
export interface RollRule {
  readonly basis: 'openInterest' | 'volume';
  readonly confirmDays: number;
  /** The challenger must exceed the main's figure times this (1 = any margin, 1.1 = by 10%). */
  readonly threshold: number;
}

export const DEFAULT_ROLL_RULE: RollRule = { basis: 'openInterest', confirmDays: 2, threshold: 1 };

/** A day's figures of one contract, from its daily bar. */
export interface ContractDays {
  readonly symbol: string;
  /** Delivery year * 100 + month: the order contracts expire in. */
  readonly delivery: number;
  readonly daily: BarColumns;
}

export interface Roll {
  /** The first trading day the new contract is the main. */
  readonly tradingDay: number;
  /** '' for the series' first contract. */
  readonly from: string;
  readonly to: string;
  /** Both contracts' closes on the last trading day before the roll (the adjustment is taken from them). */
  readonly fromClose: number;
  readonly toClose: number;
}

function dayIndex(c: ContractDays): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < c.daily.length; i++) m.set(c.daily.tradingDay[i]!, i);
  return m;
}

/** Applies the roll rule to the contracts' daily bars; returns the main's first contract and every roll. */
export function computeRolls(contracts: readonly ContractDays[], rule: RollRule = DEFAULT_ROLL_RULE): Roll[] {
  const list = [...contracts].sort((a, b) => a.delivery - b.delivery);
  const idx = list.map(dayIndex);
  const allDays = [...new Set(list.flatMap((c) => Array.from(c.daily.tradingDay)))].sort((a, b) => a - b);
  const figure = (k: number, day: number): number => {
    const i = idx[k]!.get(day);
    if (i === undefined) return Number.NaN;
    const d = list[k]!.daily;
    return rule.basis === 'volume' ? d.volume[i]! : d.openInterest[i]!;
  };
  const close = (k: number, day: number): number => {
    const i = idx[k]!.get(day);
    return i === undefined ? Number.NaN : list[k]!.daily.close[i]!;
  };
  const rolls: Roll[] = [];
  let main = -1;
  let challenger = -1;
  let streak = 0;
  let prevDay = 0;
  for (let di = 0; di < allDays.length; di++) {
    const day = allDays[di]!;
    if (main < 0) {
      let best = -1;
      for (let k = 0; k < list.length; k++) if (figure(k, day) > (best < 0 ? -Infinity : figure(best, day))) best = k;
      if (best < 0) continue;
      main = best;
      rolls.push({ tradingDay: day, from: '', to: list[main]!.symbol, fromClose: Number.NaN, toClose: close(main, day) });
      prevDay = day;
      continue;
    }
    // A main without a bar today (expired, suspended) hands over at once to the biggest later contract.
    if (Number.isNaN(figure(main, day))) {
      let best = -1;
      for (let k = main + 1; k < list.length; k++) if (figure(k, day) > (best < 0 ? -Infinity : figure(best, day))) best = k;
      if (best >= 0) {
        rolls.push({ tradingDay: day, from: list[main]!.symbol, to: list[best]!.symbol, fromClose: close(main, prevDay), toClose: close(best, prevDay) });
        main = best;
        challenger = -1;
        streak = 0;
      }
      prevDay = day;
      continue;
    }
    let lead = -1;
    for (let k = main + 1; k < list.length; k++) {
      if (figure(k, day) > figure(main, day) * rule.threshold && (lead < 0 || figure(k, day) > figure(lead, day))) lead = k;
    }
    if (lead < 0) {
      challenger = -1;
      streak = 0;
    } else {
      streak = lead === challenger ? streak + 1 : 1;
      challenger = lead;
      const next = allDays[di + 1];
      if (streak >= rule.confirmDays && next !== undefined) {
        rolls.push({ tradingDay: next, from: list[main]!.symbol, to: list[lead]!.symbol, fromClose: close(main, day), toClose: close(lead, day) });
        main = lead;
        challenger = -1;
        streak = 0;
      }
    }
    prevDay = day;
  }
  return rolls;
}

export type Adjustment = 'none' | 'diff' | 'ratio';

/**
 * Back-adjusts a main series: the latest contract's prices stay as traded and every earlier segment is shifted by the
 * price gap at each later roll (difference) or scaled by the ratio of the two closes (ratio), so a position held
 * through a roll shows no false jump. Volume and open interest are left as they were.
 */
export function adjustSeries(bars: BarColumns, rolls: readonly Roll[], how: Adjustment): BarColumns {
  if (how === 'none' || bars.length === 0) return bars;
  const real = rolls.filter((r) => r.from !== '' && r.fromClose > 0 && r.toClose > 0);
  const out = copyColumns('bar', bars);
  // Walk back from the end, accumulating the adjustment of every roll after the bar.
  let r = real.length - 1;
  let shift = 0;
  let factor = 1;
  for (let i = out.length - 1; i >= 0; i--) {
    while (r >= 0 && out.tradingDay[i]! < real[r]!.tradingDay) {
      shift += real[r]!.toClose - real[r]!.fromClose;
      factor *= real[r]!.toClose / real[r]!.fromClose;
      r--;
    }
    if (shift === 0 && factor === 1) continue;
    for (const col of [out.open, out.high, out.low, out.close]) col[i] = how === 'diff' ? col[i]! + shift : col[i]! * factor;
  }
  return out;
}

/** The contracts of a product that the store holds, with their daily figures (built from 1-minute bars if need be). */
export function productContracts(store: MarketStore, product: ProductSpec): ContractDays[] {
  const out: ContractDays[] = [];
  const seen = new Set<string>();
  for (const s of store.series()) {
    if (seen.has(s.symbol) || s.period === 'tick') continue;
    const id = resolveSeries(store.contracts, s.symbol);
    if ('error' in id || id.kind !== 'contract' || id.product !== product) continue;
    seen.add(s.symbol);
    const c = store.contracts.resolve(s.symbol);
    const daily = store.has(s.symbol, '1d') ? store.loadBars(s.symbol, '1d') : aggregateBars(store.loadBars(s.symbol, '1m'), '1d', product);
    if (daily.length > 0) out.push({ symbol: s.symbol, delivery: c.deliveryYear * 100 + c.deliveryMonth, daily });
  }
  return out;
}

/** The main series of one period: each roll segment's bars from its contract, in trading-day order. */
export function buildMainSeries(store: MarketStore, rolls: readonly Roll[], period: string): BarColumns {
  const parts: BarColumns[] = [];
  for (let i = 0; i < rolls.length; i++) {
    const from = rolls[i]!.tradingDay;
    const next = rolls[i + 1];
    const to = next === undefined ? 99991231 : store.contracts.calendar.prev(next.tradingDay);
    if (to < from) continue;
    parts.push(store.load(rolls[i]!.to, period, from, to));
  }
  return parts.length === 0 ? new ColumnsBuilder('bar').columns() : concatColumns('bar', parts);
}

/**
 * The open-interest-weighted index (指数) of a product's contracts: at each bar time, every price is the average of the
 * contracts' prices weighted by their open interest; a contract without a bar at that time counts with its last
 * close and open interest of the same trading day. Volume and open interest are the sums.
 */
export function buildIndexSeries(series: readonly BarColumns[], priceTick: number): BarColumns {
  const decimals = Math.min(4, decimalsOf(priceTick) + 2);
  const scale = 10 ** decimals;
  const round = (x: number): number => Math.round(x * scale) / scale;
  const times = [...new Set(series.flatMap((s) => Array.from(s.time)))].sort((a, b) => a - b);
  const pos = series.map(() => 0);
  const last = series.map(() => ({ day: 0, close: 0, oi: 0 }));
  const out = new ColumnsBuilder('bar', times.length);
  for (const t of times) {
    let w = 0;
    let o = 0;
    let h = 0;
    let l = 0;
    let c = 0;
    let vol = 0;
    let oi = 0;
    let n = 0;
    let day = 0;
    for (let k = 0; k < series.length; k++) {
      const s = series[k]!;
      while (pos[k]! < s.length && s.time[pos[k]!]! < t) pos[k]!++;
      const i = pos[k]!;
      if (i < s.length && s.time[i] === t) day = s.tradingDay[i]!;
    }
    for (let k = 0; k < series.length; k++) {
      const s = series[k]!;
      const i = pos[k]!;
      let bo: number, bh: number, bl: number, bc: number, boi: number, bv: number;
      if (i < s.length && s.time[i] === t) {
        bo = s.open[i]!;
        bh = s.high[i]!;
        bl = s.low[i]!;
        bc = s.close[i]!;
        boi = s.openInterest[i]!;
        bv = s.volume[i]!;
        last[k] = { day: s.tradingDay[i]!, close: bc, oi: boi };
      } else if (last[k]!.day === day && last[k]!.close > 0) {
        bo = bh = bl = bc = last[k]!.close;
        boi = last[k]!.oi;
        bv = 0;
      } else continue;
      // Without open interest (a file that lacks it) every contract counts alike.
      const weight = boi > 0 ? boi : 1e-9;
      w += weight;
      o += bo * weight;
      h += bh * weight;
      l += bl * weight;
      c += bc * weight;
      vol += bv;
      oi += boi;
      n++;
    }
    if (n === 0) continue;
    out.pushBar({ time: t, tradingDay: day, open: round(o / w), high: round(h / w), low: round(l / w), close: round(c / w), volume: vol, openInterest: oi });
  }
  return out.columns();
}

export interface RebuildResult {
  readonly main: string;
  readonly index: string;
  readonly rolls: readonly Roll[];
  readonly periods: readonly { readonly period: string; readonly mainRows: number; readonly indexRows: number }[];
}

/**
 * Rebuilds a product's main series and index from the contracts in the store, for every bar period the contracts
 * are stored in, and stores the roll dates (table continuous_roll), all in one transaction.
 */
export function rebuildContinuous(store: MarketStore, product: ProductSpec, rule: RollRule = DEFAULT_ROLL_RULE): RebuildResult {
  const contracts = productContracts(store, product);
  const rolls = computeRolls(contracts, rule);
  const main = mainSymbol(product);
  const index = indexSymbol(product);
  const periods = [...new Set(store.series().filter((s) => contracts.some((c) => c.symbol === s.symbol) && s.period !== 'tick').map((s) => s.period))];
  const result: { period: string; mainRows: number; indexRows: number }[] = [];
  store.transaction(() => {
    store.db.prepare('DELETE FROM continuous_roll WHERE symbol = ?').run(main);
    const ins = store.db.prepare('INSERT INTO continuous_roll (symbol, trading_day, from_symbol, to_symbol, from_close, to_close, rule) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const r of rolls) ins.run(main, r.tradingDay, r.from, r.to, Number.isNaN(r.fromClose) ? 0 : r.fromClose, Number.isNaN(r.toClose) ? 0 : r.toClose, JSON.stringify(rule));
    for (const period of periods) {
      store.deleteSeries(main, period);
      store.deleteSeries(index, period);
      const m = buildMainSeries(store, rolls, period);
      if (m.length > 0) store.writeBars(main, period, m);
      const idx = buildIndexSeries(
        contracts.map((c) => store.load(c.symbol, period)).filter((c) => c.length > 0),
        product.priceTick,
      );
      if (idx.length > 0) store.writeBars(index, period, idx);
      result.push({ period, mainRows: m.length, indexRows: idx.length });
    }
  });
  return { main, index, rolls, periods: result };
}

/** The stored roll dates of a main series. */
export function storedRolls(store: MarketStore, main: string): Roll[] {
  const rows = store.db
    .prepare('SELECT trading_day, from_symbol, to_symbol, from_close, to_close FROM continuous_roll WHERE symbol = ? ORDER BY trading_day')
    .raw(true)
    .all(main) as [number, string, string, number, number][];
  return rows.map(([tradingDay, from, to, fromClose, toClose]) => ({ tradingDay, from, to, fromClose, toClose }));
}

/** A main series as stored, adjusted as asked (back-adjusted by difference or ratio, or as traded). */
export function loadMain(store: MarketStore, main: string, period: string, how: Adjustment, from?: number, to?: number): BarColumns {
  const bars = store.load(main, period);
  const adjusted = adjustSeries(bars, storedRolls(store, main), how);
  if (from === undefined && to === undefined) return adjusted;
  // Adjust over the whole series first (later rolls move earlier prices), then cut the range.
  const tmp = new ColumnsBuilder('bar', adjusted.length);
  for (let i = 0; i < adjusted.length; i++) {
    const day = adjusted.tradingDay[i]!;
    const t = adjusted.time[i]!;
    const inFrom = from === undefined || (from < 100_000_000 ? day >= from : t >= from);
    const inTo = to === undefined || (to < 100_000_000 ? day <= to : t <= to);
    if (inFrom && inTo) {
      tmp.pushBar({ time: t, tradingDay: day, open: adjusted.open[i]!, high: adjusted.high[i]!, low: adjusted.low[i]!, close: adjusted.close[i]!, volume: adjusted.volume[i]!, openInterest: adjusted.openInterest[i]! });
    }
  }
  return tmp.columns();
}
