import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/main/backtest/driver';
import { loadStrategySource } from '../../src/main/strategy/loader';
import { ContractRegistry } from '../../src/main/trading/contracts';
import { barColumns, tickColumns } from './helpers';

// A backtest hands strategies views of the stored rows, not copies: what a strategy keeps, prints, copies or tries to
// change must behave as with plain bars and ticks.
const registry = ContractRegistry.load();

const KEEPER = `
import { Strategy, copyBar, copyTick } from '@qihuo/strategy';
export default class Keeper extends Strategy {
  kept = [];
  json = [];
  copies = [];
  writeError = '';
  onBar(bar) {
    this.kept.push(bar);
    this.json.push(JSON.parse(JSON.stringify(bar)));
    this.copies.push({ ...copyBar(bar), seen: true });
    if (this.writeError === '') {
      try { bar.close = 0; } catch (e) { this.writeError = e.constructor.name; }
    }
  }
  onTick(tick) {
    this.kept.push(tick);
    this.copies.push(copyTick(tick));
  }
}`;

describe('bars and ticks a backtest hands its strategies', () => {
  const bars = barColumns([
    [20250303, '09:00', 3500, 3505, 3498, 3502],
    [20250303, '09:01', 3503, 3510, 3500, 3508],
    [20250303, '09:02', 3507, 3512, 3495, 3496],
  ]);
  const run = runBacktest({
    contracts: registry,
    strategy: loadStrategySource(KEEPER, '/strategies/keeper.ts'),
    data: [{ symbol: 'SHFE.rb2505', period: '1m', bars }],
    capital: 1_000_000,
  });
  const s = run.instance.strategy as unknown as { kept: Record<string, unknown>[]; json: unknown[]; copies: unknown[]; writeError: string };
  const expected = [0, 1, 2].map((i) => ({
    symbol: 'SHFE.rb2505',
    period: '1m',
    time: bars.time[i],
    tradingDay: 20250303,
    open: bars.open[i],
    high: bars.high[i],
    low: bars.low[i],
    close: bars.close[i],
    volume: 1000,
    openInterest: 0,
  }));

  it('keeps each bar its own prices after the run has moved on', () => {
    expect(s.kept.map((b) => [b.time, b.open, b.high, b.low, b.close])).toEqual(expected.map((b) => [b.time, b.open, b.high, b.low, b.close]));
    expect(new Set(s.kept).size).toBe(3);
  });

  it('writes every field to JSON, and copyBar makes a plain bar that can be spread', () => {
    expect(s.json).toEqual(expected);
    expect(s.copies).toEqual(expected.map((b) => ({ ...b, seen: true })));
  });

  it('refuses a change to a bar with an error rather than ignoring it', () => {
    expect(s.writeError).toBe('TypeError');
    expect(s.kept[0]!.close).toBe(3502);
  });

  it('hands ticks the same way', () => {
    const ticks = tickColumns(
      [
        [Date.UTC(2025, 2, 3, 1, 0, 0), 3500, 3499, 3501],
        [Date.UTC(2025, 2, 3, 1, 0, 1), 3502, 3501, 3503],
      ],
      20250303,
    );
    const t = runBacktest({
      contracts: registry,
      strategy: loadStrategySource(KEEPER, '/strategies/keeper.ts'),
      data: [{ symbol: 'SHFE.rb2505', period: 'tick', ticks }],
      capital: 1_000_000,
    }).instance.strategy as unknown as { kept: Record<string, unknown>[]; copies: Record<string, unknown>[] };
    expect(t.kept.map((k) => [k.time, k.last, k.bid, k.ask, k.tradingDay])).toEqual([
      [ticks.time[0], 3500, 3499, 3501, 20250303],
      [ticks.time[1], 3502, 3501, 3503, 20250303],
    ]);
    expect(t.copies[1]).toMatchObject({ symbol: 'SHFE.rb2505', last: 3502, bid: 3501, ask: 3503, bidVolume: 100, askVolume: 100 });
    expect(Object.keys(t.copies[1]!)).toContain('limitUp');
  });
});
