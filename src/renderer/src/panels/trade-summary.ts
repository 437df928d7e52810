import type { Offset, Side } from '../../../shared/model/enums';
import type { Trade } from '../../../shared/model/types';

/** 成交汇总: the day's fills of one contract, side and offset taken together. */
export interface TradeSummary {
  readonly key: string;
  readonly symbol: string;
  readonly side: Side;
  readonly offset: Offset;
  /** How many fills. */
  readonly fills: number;
  readonly volume: number;
  /** Volume-weighted average price. */
  readonly avgPrice: number;
  readonly commission: number;
  readonly closeProfit: number;
  /** The latest fill's time. */
  readonly time: number;
}

/** The fills grouped by contract, side and offset, in the order each group first traded. */
export function summarizeTrades(trades: readonly Trade[]): TradeSummary[] {
  const groups = new Map<string, { symbol: string; side: Side; offset: Offset; fills: number; volume: number; amount: number; commission: number; closeProfit: number; time: number }>();
  for (const t of trades) {
    const key = `${t.symbol}|${t.side}|${t.offset}`;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { symbol: t.symbol, side: t.side, offset: t.offset, fills: 0, volume: 0, amount: 0, commission: 0, closeProfit: 0, time: t.time }));
    g.fills++;
    g.volume += t.volume;
    g.amount += t.price * t.volume;
    g.commission += t.commission;
    g.closeProfit += t.closeProfit;
    if (t.time > g.time) g.time = t.time;
  }
  return [...groups].map(([key, g]) => ({
    key,
    symbol: g.symbol,
    side: g.side,
    offset: g.offset,
    fills: g.fills,
    volume: g.volume,
    avgPrice: g.volume > 0 ? g.amount / g.volume : 0,
    commission: g.commission,
    closeProfit: g.closeProfit,
    time: g.time,
  }));
}
