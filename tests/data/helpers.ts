import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../src/main/data/db';
import { MarketStore } from '../../src/main/data/market-store';
import type { BarColumns } from '../../src/main/data/series';
import { readSampleCsv } from '../../src/main/gateway/feeds/bar-columns';
import { resourcePath } from '../../src/main/resources';
import { ContractRegistry } from '../../src/main/trading/contracts';
import { formatShanghaiTime } from '../../src/shared/model/time';
import type { Tick } from '../../src/shared/model/types';

export const FIXTURES = path.join(import.meta.dirname, 'fixtures');
export const fixture = (name: string): string => path.join(FIXTURES, name);

let registry: ContractRegistry | undefined;
export function contracts(): ContractRegistry {
  return (registry ??= ContractRegistry.load());
}

export interface TempStore {
  readonly dir: string;
  readonly db: Db;
  readonly store: MarketStore;
  close(): void;
}

/** A store in a fresh profile database on disk (WAL, migrations), removed by close(). */
export function tempStore(): TempStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-data-'));
  const db = openDatabase(path.join(dir, 'terminal.db'));
  const store = new MarketStore(db, contracts());
  return {
    dir,
    db,
    store,
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let rb2005: BarColumns | undefined;
/** The real rb2005 1-minute bars of the bundled sample (51,510 bars, 2019-05-15 21:00 to 2019-12-20 22:59). */
export function realRb2005(): BarColumns {
  return (rb2005 ??= readSampleCsv(resourcePath('market', 'rb2005_1min.csv'), contracts().calendar));
}

/** The rows of a column set between two trading days, both included, as plain objects (for toEqual). */
export function rowsOf(c: BarColumns, fromDay = 0, toDay = 99999999): { time: number; tradingDay: number; o: number; h: number; l: number; c: number; v: number; oi: number }[] {
  const out = [];
  for (let i = 0; i < c.length; i++) {
    const d = c.tradingDay[i]!;
    if (d < fromDay || d > toDay) continue;
    out.push({ time: c.time[i]!, tradingDay: d, o: c.open[i]!, h: c.high[i]!, l: c.low[i]!, c: c.close[i]!, v: c.volume[i]!, oi: c.openInterest[i]! });
  }
  return out;
}

/** Writes a text file in a temporary folder; returns its path. */
export function tempFile(dir: string, name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

/** Four ticks per real bar, 15 s apart (open, the nearer extreme, the farther, close), with the day's cumulative volume. */
export function ticksFromBars(m1: BarColumns, fromDay: number, toDay: number): Tick[] {
  const ticks: Tick[] = [];
  let day = 0;
  let cum = 0;
  const rows = rowsOf(m1, fromDay, toDay);
  rows.forEach((r, k) => {
    if (r.tradingDay !== day) {
      day = r.tradingDay;
      cum = 0;
    }
    const rising = r.c >= r.o;
    const prices = [r.o, rising ? r.l : r.h, rising ? r.h : r.l, r.c];
    const share = Math.floor(r.v / 4);
    const firstOfDay = k === 0 || rows[k - 1]!.tradingDay !== r.tradingDay;
    const lastOfDay = k + 1 < rows.length && rows[k + 1]!.tradingDay !== r.tradingDay;
    const hm = formatShanghaiTime(r.time).slice(0, 5);
    prices.forEach((p, s) => {
      cum += s === 3 ? r.v - share * 3 : share;
      let time = r.time + s * 15_000;
      // The opening auction's tick is stamped 20:59; the closing tick at the bell, 15:00:00.500.
      if (firstOfDay && s === 0) time = r.time - 60_000;
      if ((lastOfDay || hm === '14:59') && s === 3) time = r.time + 60_500;
      ticks.push({
        symbol: 'SHFE.rb2005', time, tradingDay: r.tradingDay, last: p, bid: p - 1, bidVolume: 1, ask: p, askVolume: 1,
        volume: cum, turnover: 0, openInterest: r.oi, open: 0, high: 0, low: 0, preSettlement: 0, preClose: 0, preOpenInterest: 0, limitUp: 0, limitDown: 0,
      });
    });
  });
  return ticks;
}

