import { describe, expect, it } from 'vitest';
import * as ref from './support/reference';
import { CU2603, NI2603, expectPositionFollows, expectSaneRun, runShipped, sampleBars } from './support/sample';

const cu = sampleBars(CU2603.file);
const ni = sampleBars(NI2603.file);

/** The side of the spread (+1 long, -1 short, 0 flat) the rules want after each common minute, by time. */
function sides(mode: 'difference' | 'ratio', window: number, entryZ: number, exitZ: number): Map<number, number> {
  const niByTime = new Map<number, number>();
  for (let i = 0; i < ni.length; i++) niByTime.set(ni.time[i]!, ni.close[i]!);
  const times: number[] = [];
  const spread: number[] = [];
  for (let i = 0; i < cu.length; i++) {
    const b = niByTime.get(cu.time[i]!);
    if (b === undefined) continue;
    times.push(cu.time[i]!);
    spread.push(mode === 'ratio' ? cu.close[i]! / b : cu.close[i]! - b);
  }
  const mean = ref.sma(spread, window);
  const sd = ref.stddev(spread, window);
  const out = new Map<number, number>();
  let side = 0;
  spread.forEach((s, j) => {
    if (!Number.isNaN(mean[j]!) && sd[j]! > 0) {
      const z = (s - mean[j]!) / sd[j]!;
      if (side === 0 && z > entryZ) side = -1;
      else if (side === 0 && z < -entryZ) side = 1;
      else if (side !== 0 && Math.abs(z) < exitZ) side = 0;
    }
    out.set(times[j]!, side);
  });
  return out;
}

describe('spread arbitrage between two contracts (strategies/spread-arbitrage.ts)', () => {
  it.each([
    ['difference', 1, 1],
    ['ratio', 1, 4],
  ] as const)('copper against nickel, spread as a %s: both legs follow the z-score of the spread together', (mode, lots1, lots2) => {
    const r = runShipped('spread-arbitrage', { data: [CU2603, NI2603], params: { mode, lots1, lots2 }, capital: 5_000_000 });
    expectSaneRun(r, Math.max(lots1, lots2));
    const want = sides(mode, 120, 2, 0.5);
    const legs = [
      { symbol: CU2603.symbol, bars: cu, lots: lots1 },
      { symbol: NI2603.symbol, bars: ni, lots: -lots2 },
    ];
    for (const leg of legs) {
      const net = r.series.get(leg.symbol)!.net;
      expectPositionFollows(net, (i, held) => {
        const side = want.get(leg.bars.time[i]!);
        return side === undefined ? held : side * leg.lots;
      });
    }
    // The legs open and close at the same minutes: never one leg without the other.
    const a = r.series.get(CU2603.symbol)!.net;
    const b = r.series.get(NI2603.symbol)!.net;
    for (let i = 0; i < a.length; i++) if (Math.sign(a[i]!) + Math.sign(b[i]!) !== 0) throw new Error(`bar ${i}: legs ${a[i]} and ${b[i]}`);
  });

  it('refuses an exit level at or above the entry level when it starts', () => {
    const r = runShipped('spread-arbitrage', { data: [CU2603, NI2603], params: { entryZ: 1, exitZ: 1.5 } });
    expect(r.run.instance.status).toBe('error');
    expect(r.run.instance.error?.message).toBe('RangeError: the exit z-score (1.5) must be below the entry z-score (1)');
    expect(r.trades).toEqual([]);
  });
});
