/**
 * Updates per second of each incremental indicator (src/main/strategy/indicators) over the real rb2005 bars, repeated
 * to N updates. Beside them, in the same run, plain hand-written loops doing the same arithmetic over the columns
 * (SMA pair, EMA, RSI, ATR): the ratio is what the indicator classes cost over code written inline. And, to show an
 * update is O(1) in the period: the same indicator with a short and a long period (CCI, which sums its window for the
 * mean deviation, is O(period) and shows it).
 *
 * Run: npx tsx bench/indicators.ts [updates]
 */
import path from 'node:path';
import { readSampleCsv, type BarColumns } from '../src/main/gateway/feeds/bar-columns';
import { ADX, ATR, Bollinger, CCI, Donchian, EMA, KDJ, Keltner, MACD, OBV, RSI, SMA, WaveTrend, WMA } from '../src/main/strategy/indicators';
import { ContractRegistry } from '../src/main/trading/contracts';

const N = Number(process.argv[2] ?? 4_000_000);
const sample = readSampleCsv(path.resolve('resources/market/rb2005_1min.csv'), ContractRegistry.load().calendar);

/** The sample repeated to N bars, as columns (one bar object reused: the indicators read high, low, close, volume). */
function repeat(c: BarColumns, n: number): { high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array } {
  const out = { high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const k = i % c.length;
    out.high[i] = c.high[k]!;
    out.low[i] = c.low[k]!;
    out.close[i] = c.close[k]!;
    out.volume[i] = c.volume[k]!;
  }
  return out;
}
const cols = repeat(sample, N);
const bar = { high: 0, low: 0, close: 0, volume: 0 };

/** Best of 5 runs (the first warms the JIT), in million updates a second. */
function measure(f: () => number): number {
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    sink += f();
    best = Math.min(best, performance.now() - t);
  }
  if (Number.isNaN(sink)) console.log('');
  return N / best / 1e3;
}

function overCloses(make: () => { update(x: number): number }): () => number {
  return () => {
    const ind = make();
    const c = cols.close;
    let acc = 0;
    for (let i = 0; i < N; i++) acc += ind.update(c[i]!) || 0;
    return acc;
  };
}

function overBars(make: () => { update(b: typeof bar): number }): () => number {
  return () => {
    const ind = make();
    let acc = 0;
    for (let i = 0; i < N; i++) {
      bar.high = cols.high[i]!;
      bar.low = cols.low[i]!;
      bar.close = cols.close[i]!;
      bar.volume = cols.volume[i]!;
      acc += ind.update(bar) || 0;
    }
    return acc;
  };
}

// ---- the plain loops: the same arithmetic written inline over the columns ----------------------------------------

function plainSmaPair(): number {
  const c = cols.close;
  let s10 = 0;
  let s30 = 0;
  let acc = 0;
  for (let i = 0; i < N; i++) {
    s10 += c[i]!;
    s30 += c[i]!;
    if (i >= 10) s10 -= c[i - 10]!;
    if (i >= 30) s30 -= c[i - 30]!;
    if (i >= 29) acc += s10 / 10 - s30 / 30 > 0 ? 1 : 0;
  }
  return acc;
}

function plainEma(): number {
  const c = cols.close;
  const a = 2 / 13;
  let e = c[0]!;
  let acc = 0;
  for (let i = 1; i < N; i++) {
    e += a * (c[i]! - e);
    acc += e;
  }
  return acc;
}

function plainRsi(): number {
  const c = cols.close;
  const n = 14;
  let g = 0;
  let l = 0;
  let acc = 0;
  for (let i = 1; i < N; i++) {
    const d = c[i]! - c[i - 1]!;
    g = (g * (n - 1) + (d > 0 ? d : 0)) / n;
    l = (l * (n - 1) + (d < 0 ? -d : 0)) / n;
    acc += g + l === 0 ? 50 : (100 * g) / (g + l);
  }
  return acc;
}

function plainAtr(): number {
  const { high: h, low: lo, close: c } = cols;
  const n = 14;
  let atr = 0;
  let acc = 0;
  for (let i = 1; i < N; i++) {
    const tr = Math.max(h[i]! - lo[i]!, Math.abs(h[i]! - c[i - 1]!), Math.abs(lo[i]! - c[i - 1]!));
    atr = (atr * (n - 1) + tr) / n;
    acc += atr;
  }
  return acc;
}

const smaPair = (): number => {
  const a = new SMA(10);
  const b = new SMA(30);
  const c = cols.close;
  let acc = 0;
  for (let i = 0; i < N; i++) acc += a.update(c[i]!) - b.update(c[i]!) > 0 ? 1 : 0;
  return acc;
};

const rows: [string, number, number | undefined][] = [
  ['SMA(10) + SMA(30)', measure(smaPair), measure(plainSmaPair)],
  ['EMA(12)', measure(overCloses(() => new EMA(12))), measure(plainEma)],
  ['RSI(14)', measure(overCloses(() => new RSI(14))), measure(plainRsi)],
  ['ATR(14)', measure(overBars(() => new ATR(14))), measure(plainAtr)],
  ['SMA(1000)', measure(overCloses(() => new SMA(1000))), undefined],
  ['WMA(20)', measure(overCloses(() => new WMA(20))), undefined],
  ['WMA(1000)', measure(overCloses(() => new WMA(1000))), undefined],
  ['MACD(12, 26, 9)', measure(overCloses(() => new MACD())), undefined],
  ['Bollinger(20, 2)', measure(overCloses(() => new Bollinger(20, 2))), undefined],
  ['Bollinger(1000, 2)', measure(overCloses(() => new Bollinger(1000, 2))), undefined],
  ['KDJ(9, 3, 3)', measure(overBars(() => new KDJ())), undefined],
  ['Donchian(20)', measure(overBars(() => new Donchian(20))), undefined],
  ['Donchian(1000)', measure(overBars(() => new Donchian(1000))), undefined],
  ['Keltner(20, 2)', measure(overBars(() => new Keltner(20, 2))), undefined],
  ['ADX(14)', measure(overBars(() => new ADX(14))), undefined],
  ['OBV', measure(overBars(() => new OBV())), undefined],
  ['WaveTrend(10, 21)', measure(overBars(() => new WaveTrend(10, 21))), undefined],
  ['CCI(20)', measure(overBars(() => new CCI(20))), undefined],
  ['CCI(200)', measure(overBars(() => new CCI(200))), undefined],
];

console.log(`${N.toLocaleString('en')} updates on rb2005 bars (best of 5), million updates per second`);
console.log('indicator'.padEnd(22) + 'class'.padStart(10) + 'plain loop'.padStart(12) + 'ratio'.padStart(8));
for (const [name, mine, plain] of rows) {
  const ratio = plain === undefined ? '' : (plain / mine).toFixed(2) + 'x';
  console.log(name.padEnd(22) + mine.toFixed(1).padStart(10) + (plain === undefined ? '' : plain.toFixed(1)).padStart(12) + ratio.padStart(8));
}
