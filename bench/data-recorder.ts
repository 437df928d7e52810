/**
 * Recording 1,000 contracts at exchange rate (CTP sends two snapshots a second per contract): the CPU the recorder
 * takes (ticks buffered, 1-minute bars built, everything written every 10 s as parts of the day's chunks), as a share
 * of one core, beside a plain recorder writing one SQLite row per tick (as row-oriented recorders do) in the same run.
 * Goal (issue 5): a few percent of one core. Run: npx tsx bench/data-recorder.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/main/data/db';
import { MarketRecorder } from '../src/main/data/market-recorder';
import { MarketStore } from '../src/main/data/market-store';
import { ContractRegistry } from '../src/main/trading/contracts';
import { shanghaiToEpoch } from '../src/shared/model/time';
import type { Tick } from '../src/shared/model/types';

const CONTRACTS = 1000;
const SECONDS = 300;
const TICKS_PER_SECOND = 2;
const FLUSH_EVERY_S = 10;

function symbols(registry: ContractRegistry): string[] {
  const out: string[] = [];
  // Day-session products only, so every contract trades through the simulated morning.
  for (let month = 0; out.length < CONTRACTS; month++) {
    for (const p of registry.allProducts()) {
      if (out.length >= CONTRACTS) break;
      if (p.daySessions[0]?.start !== 9 * 60) continue;
      const y = 25 + Math.floor((6 + month) / 12);
      const m = ((6 + month) % 12) + 1;
      const code = p.exchange === 'CZCE' ? `${p.product}${y % 10}${String(m).padStart(2, '0')}` : `${p.product}${y}${String(m).padStart(2, '0')}`;
      out.push(registry.resolve(`${p.exchange}.${code}`, 20250603).symbol);
    }
  }
  return out;
}

function cpuMs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

function main(): void {
  const registry = ContractRegistry.load();
  const syms = symbols(registry);
  const start = shanghaiToEpoch(2025, 6, 3, 9, 0);
  const price = syms.map((_, i) => 1000 + i);
  const volume = syms.map(() => 0);
  const makeSecond = (s: number): Tick[] => {
    const out: Tick[] = [];
    for (let k = 0; k < TICKS_PER_SECOND; k++) {
      const time = start + s * 1000 + k * 500;
      syms.forEach((symbol, i) => {
        price[i]! += (i + s + k) % 3 === 0 ? 1 : (i + s + k) % 3 === 1 ? -1 : 0;
        volume[i]! += 1 + ((i + s) % 7);
        const p = price[i]!;
        out.push({
          symbol, time, tradingDay: 20250603, last: p, bid: p - 1, bidVolume: 5, ask: p, askVolume: 7, volume: volume[i]!, turnover: volume[i]! * p * 10,
          openInterest: 100_000 + i, open: 1000 + i, high: p + 5, low: p - 5, preSettlement: 1000 + i, preClose: 1000 + i, preOpenInterest: 100_000, limitUp: 1100 + i, limitDown: 900 + i,
        });
      });
    }
    return out;
  };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-recorder-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  const store = new MarketStore(db, registry);
  let now = start;
  const rec = new MarketRecorder(store, { now: () => now });
  let recorderMs = 0;
  let ticks = 0;
  for (let s = 0; s < SECONDS; s++) {
    const batch = makeSecond(s);
    now = start + (s + 1) * 1000;
    const c = process.cpuUsage();
    for (const t of batch) rec.onTick(t);
    if ((s + 1) % FLUSH_EVERY_S === 0) rec.flush();
    recorderMs += cpuMs(c);
    ticks += batch.length;
  }
  const c0 = process.cpuUsage();
  rec.close();
  recorderMs += cpuMs(c0);

  // Reference: one row per tick in a plain table, inserted in one transaction per 10 s, as a row recorder would.
  db.exec('CREATE TABLE tick_row (symbol TEXT, time REAL, trading_day INTEGER, last REAL, bid REAL, bid_volume REAL, ask REAL, ask_volume REAL, volume REAL, turnover REAL, open_interest REAL)');
  const ins = db.prepare('INSERT INTO tick_row VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  let rowMs = 0;
  let pending: Tick[] = [];
  price.fill(0);
  for (let s = 0; s < SECONDS; s++) {
    const batch = makeSecond(s);
    const c = process.cpuUsage();
    pending.push(...batch);
    if ((s + 1) % FLUSH_EVERY_S === 0) {
      const rows = pending;
      db.transaction(() => {
        for (const t of rows) ins.run(t.symbol, t.time, t.tradingDay, t.last, t.bid, t.bidVolume, t.ask, t.askVolume, t.volume, t.turnover, t.openInterest);
      })();
      pending = [];
    }
    rowMs += cpuMs(c);
  }
  const stored = store.series().reduce((n, x) => n + (x.period === 'tick' ? x.count : 0), 0);
  const bars = store.series().reduce((n, x) => n + (x.period === '1m' ? x.count : 0), 0);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const pct = (ms: number): string => `${((ms / (SECONDS * 1000)) * 100).toFixed(2)}%`;
  console.log(`bench/data-recorder: ${CONTRACTS} contracts x ${TICKS_PER_SECOND} ticks/s for ${SECONDS} s of market = ${ticks.toLocaleString('en-US')} ticks`);
  console.log(`  recorder (ticks + 1-minute bars, columnar parts every ${FLUSH_EVERY_S} s): ${recorderMs.toFixed(0)} ms CPU = ${pct(recorderMs)} of one core; stored ${stored.toLocaleString('en-US')} ticks, ${bars.toLocaleString('en-US')} bars`);
  console.log(`  reference, one SQLite row per tick (ticks only):                ${rowMs.toFixed(0)} ms CPU = ${pct(rowMs)} of one core`);
  console.log(`  ratio: the recorder costs ${(recorderMs / rowMs).toFixed(2)}x the row-per-tick writer; goal: a few percent of one core -> ${recorderMs / (SECONDS * 1000) < 0.05 ? 'PASS' : 'MISS'}`);
}

main();
