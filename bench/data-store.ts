/**
 * The bar store's speed: writing and loading 1,000,000 1-minute bars, beside reading the same rows one by one from a
 * plain SQLite row table (one row per bar) in the same run. Goals (issue 5): load under 0.2 s, write under 1 s.
 * Run: npx tsx bench/data-store.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/main/data/db';
import { MarketStore } from '../src/main/data/market-store';
import { ColumnsBuilder, type BarColumns } from '../src/main/data/series';
import { MINUTE_MS, dayStartEpoch } from '../src/shared/model/time';
import { SessionGrid } from '../src/main/strategy/bar-generator';
import { ContractRegistry } from '../src/main/trading/contracts';

const N = 1_000_000;

/** 1,000,000 rebar-like 1-minute bars on real trading days and rb's real sessions (night 21:00-23:00, day). */
function makeBars(registry: ContractRegistry): BarColumns {
  const rb = registry.resolve('SHFE.rb2505');
  const grid = new SessionGrid(rb);
  const cal = registry.calendar;
  const b = new ColumnsBuilder('bar', N);
  let price = 3500;
  let oi = 1_000_000;
  let seed = 42;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  let day = cal.onOrAfter(20080102);
  while (b.length < N) {
    const prev = cal.prev(day);
    const nightMinutes: number[] = [];
    const dayMinutes: number[] = [];
    for (let m = 0; m < 1440; m++) {
      if (!grid.inSession(m)) continue;
      (grid.isNight(m) ? nightMinutes : dayMinutes).push(m);
    }
    const times: number[] = [];
    if (cal.hasNightSession(prev)) for (const m of nightMinutes) times.push(dayStartEpoch(prev) + m * MINUTE_MS);
    for (const m of dayMinutes) times.push(dayStartEpoch(day) + m * MINUTE_MS);
    for (const t of times) {
      if (b.length >= N) break;
      const open = price;
      const close = Math.max(1000, open + Math.round((rand() - 0.5) * 8));
      const high = Math.max(open, close) + Math.round(rand() * 3);
      const low = Math.min(open, close) - Math.round(rand() * 3);
      oi += Math.round((rand() - 0.5) * 500);
      b.pushBar({ time: t, tradingDay: day, open, high, low, close, volume: Math.round(rand() * 3000), openInterest: oi });
      price = close;
    }
    day = cal.next(day);
  }
  return b.columns();
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function main(): void {
  const registry = ContractRegistry.load();
  const bars = makeBars(registry);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-data-store-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  const store = new MarketStore(db, registry);
  const symbol = 'SHFE.rb2505';

  let t = process.hrtime.bigint();
  store.writeBars(symbol, '1m', bars);
  const writeS = seconds(t);

  // Warm once (the page cache and the statement), then time the best of three loads.
  store.loadBars(symbol, '1m');
  let loadS = Infinity;
  let loaded = 0;
  for (let r = 0; r < 3; r++) {
    t = process.hrtime.bigint();
    const cols = store.loadBars(symbol, '1m');
    loadS = Math.min(loadS, seconds(t));
    loaded = cols.length;
  }

  // Reference: the same rows in a plain row table, read back one by one.
  db.exec(`CREATE TABLE bar_row (symbol TEXT, period TEXT, time REAL, trading_day INTEGER, open REAL, high REAL, low REAL, close REAL,
           volume REAL, open_interest REAL, PRIMARY KEY (symbol, period, time)) WITHOUT ROWID`);
  const ins = db.prepare('INSERT INTO bar_row VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  t = process.hrtime.bigint();
  db.transaction(() => {
    for (let i = 0; i < bars.length; i++) {
      ins.run(symbol, '1m', bars.time[i], bars.tradingDay[i], bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.openInterest[i]);
    }
  })();
  const rowWriteS = seconds(t);
  const sel = db.prepare('SELECT time, trading_day, open, high, low, close, volume, open_interest FROM bar_row WHERE symbol = ? AND period = ? ORDER BY time').raw(true);
  let rowReadS = Infinity;
  let checksum = 0;
  for (let r = 0; r < 2; r++) {
    t = process.hrtime.bigint();
    let n = 0;
    const time = new Float64Array(bars.length);
    const close = new Float64Array(bars.length);
    for (const row of sel.iterate(symbol, '1m') as Iterable<number[]>) {
      time[n] = row[0]!;
      close[n] = row[5]!;
      n++;
    }
    rowReadS = Math.min(rowReadS, seconds(t));
    checksum = n + close[n - 1]!;
  }
  const size = fs.statSync(path.join(dir, 'bench.db')).size;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const fmt = (s: number): string => `${(s * 1000).toFixed(0)} ms`;
  console.log(`bench/data-store: ${N.toLocaleString('en-US')} 1-minute bars (${loaded.toLocaleString('en-US')} loaded, checksum ${checksum})`);
  console.log(`  columnar store  write ${fmt(writeS)}  load ${fmt(loadS)}  (${((N / loadS) / 1e6).toFixed(1)} M bars/s)   goals: write < 1000 ms, load < 200 ms`);
  console.log(`  plain row table write ${fmt(rowWriteS)}  read row by row ${fmt(rowReadS)}  (${((N / rowReadS) / 1e6).toFixed(2)} M bars/s)`);
  console.log(`  ratio: load ${(rowReadS / loadS).toFixed(1)}x faster than the row table, write ${(rowWriteS / writeS).toFixed(1)}x faster`);
  console.log(`  database file ${(size / 1e6).toFixed(1)} MB with both copies`);
  const ok = writeS < 1 && loadS < 0.2;
  console.log(`  ${ok ? 'PASS' : 'MISS'}: write ${writeS < 1 ? 'within' : 'over'} goal, load ${loadS < 0.2 ? 'within' : 'over'} goal`);
}

main();
