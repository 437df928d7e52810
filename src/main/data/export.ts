import fs from 'node:fs';
import path from 'node:path';
import type { ExportResult } from '../../shared/ipc/data';
import { formatDay, formatShanghai, shanghaiParts } from '../../shared/model/time';
import { DataError } from './data-error';
import { TICK_PERIOD, type MarketStore } from './market-store';
import { canonicalPeriod } from './period';
import type { BarColumns, TickColumns } from './series';

export interface ExportOptions {
  readonly symbol: string;
  /** A bar period (built from 1-minute bars if not stored as such) or `tick`. */
  readonly period: string;
  readonly file: string;
  /** Trading days (yyyymmdd) or epoch ms, both included. */
  readonly from?: number;
  readonly to?: number;
  readonly signal?: AbortSignal;
  /** Batches of trading days written so far, of how many, and the rows written. */
  readonly onProgress?: (p: { readonly done: number; readonly total: number; readonly rows: number }) => void;
}

/** Trading days exported per batch: bounds memory whatever the range. */
const DAYS_PER_BATCH = 60;

const num = (v: number): string => (Number.isNaN(v) ? '' : String(v));

function barLines(c: BarColumns, daily: boolean): string {
  let s = '';
  for (let i = 0; i < c.length; i++) {
    const t = daily ? formatDay(c.tradingDay[i]!) : formatShanghai(c.time[i]!);
    s += `${t},${num(c.open[i]!)},${num(c.high[i]!)},${num(c.low[i]!)},${num(c.close[i]!)},${num(c.volume[i]!)},${num(c.openInterest[i]!)}\n`;
  }
  return s;
}

function tickTime(t: number): string {
  const ms = shanghaiParts(t).ms;
  return `${formatShanghai(t)}.${String(ms).padStart(3, '0')}`;
}

function tickLines(c: TickColumns): string {
  let s = '';
  for (let i = 0; i < c.length; i++) {
    s += `${tickTime(c.time[i]!)},${c.tradingDay[i]},${num(c.last[i]!)},${num(c.bid[i]!)},${num(c.bidVolume[i]!)},${num(c.ask[i]!)},${num(c.askVolume[i]!)},`;
    s += `${num(c.volume[i]!)},${num(c.turnover[i]!)},${num(c.openInterest[i]!)},${num(c.open[i]!)},${num(c.high[i]!)},${num(c.low[i]!)},`;
    s += `${num(c.preSettlement[i]!)},${num(c.preClose[i]!)},${num(c.preOpenInterest[i]!)},${num(c.limitUp[i]!)},${num(c.limitDown[i]!)}\n`;
  }
  return s;
}

export const BAR_HEADER = 'datetime,open,high,low,close,volume,open_interest';
export const DAILY_HEADER = 'date,open,high,low,close,volume,open_interest';
export const TICK_HEADER =
  'datetime,trading_day,last_price,bid_price1,bid_volume1,ask_price1,ask_volume1,volume,turnover,open_interest,open,highest,lowest,pre_settlement,pre_close,pre_open_interest,upper_limit,lower_limit';

/**
 * Writes a stored range to CSV in the bundled sample's layout (bar start times, Shanghai exchange time), which the
 * importer reads back as it is. The file appears whole or not at all: it is written beside and renamed at the end.
 */
export async function exportCsv(store: MarketStore, opts: ExportOptions): Promise<ExportResult> {
  const tick = opts.period === TICK_PERIOD;
  const period = tick ? TICK_PERIOD : canonicalPeriod(opts.period);
  if (period === undefined) throw new DataError('BAD_PERIOD', { period: opts.period });
  const daily = period === '1d';
  // Plan batches of trading days from the days stored (1-minute bars for a period built from them).
  const source = tick || store.has(opts.symbol, period) ? period : '1m';
  const dayList = daily ? [] : store.chunks(opts.symbol, source).map((c) => c.chunk);
  if (!store.has(opts.symbol, source)) throw new DataError('NO_DATA', { symbol: opts.symbol, period });
  const cal = store.contracts.calendar;
  const dayOf = (v: number): number => (v < 100_000_000 ? v : cal.tradingDayOf(v));
  const fromDay = opts.from === undefined ? 0 : dayOf(opts.from);
  const toDay = opts.to === undefined ? 99999999 : dayOf(opts.to);
  const days = dayList.filter((d) => d >= fromDay && d <= toDay);
  fs.mkdirSync(path.dirname(path.resolve(opts.file)), { recursive: true });
  const tmp = `${opts.file}.${process.pid}.partial`;
  const out = fs.createWriteStream(tmp, { encoding: 'utf8' });
  const write = (s: string): Promise<void> =>
    new Promise((resolve, reject) => {
      out.write(s, (e) => (e ? reject(e) : resolve()));
    });
  let rows = 0;
  try {
    await write((tick ? TICK_HEADER : daily ? DAILY_HEADER : BAR_HEADER) + '\n');
    const batches: [number | undefined, number | undefined][] = [];
    if (daily) batches.push([opts.from, opts.to]);
    else {
      for (let i = 0; i < days.length; i += DAYS_PER_BATCH) {
        const a = i === 0 && opts.from !== undefined ? opts.from : days[i]!;
        const last = Math.min(days.length, i + DAYS_PER_BATCH) - 1;
        const b = last === days.length - 1 && opts.to !== undefined ? opts.to : days[last]!;
        batches.push([a, b]);
      }
    }
    for (let k = 0; k < batches.length; k++) {
      const [a, b] = batches[k]!;
      if (opts.signal?.aborted) throw new DataError('CANCELLED');
      if (tick) {
        const c = store.loadTicks(opts.symbol, a, b);
        await write(tickLines(c));
        rows += c.length;
      } else {
        const c = store.load(opts.symbol, period, a, b);
        await write(barLines(c, daily));
        rows += c.length;
      }
      opts.onProgress?.({ done: k + 1, total: batches.length, rows });
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    fs.renameSync(tmp, opts.file);
    return { file: opts.file, rows };
  } catch (e) {
    out.destroy();
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
