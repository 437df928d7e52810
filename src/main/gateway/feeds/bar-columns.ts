import fs from 'node:fs';
import type { TradingCalendar } from '../../engine/calendar';
import { shanghaiToEpoch } from '../../../shared/model/time';

/** Bars of one contract as columns: what the store hands backtests and replays (no object per bar). */
export interface BarColumns {
  readonly length: number;
  /** Bar START time, epoch ms. */
  readonly time: Float64Array;
  readonly tradingDay: Int32Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly openInterest: Float64Array;
}

/**
 * Reads a bundled sample file in the normalised layout `datetime,open,high,low,close,volume,open_interest`
 * (resources/market/*.csv). Traders' own files go through the importers in src/main/data instead.
 */
export function readSampleCsv(file: string, calendar: TradingCalendar): BarColumns {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  if (lines[0]?.trim() !== 'datetime,open,high,low,close,volume,open_interest') {
    throw new Error(`${file}: not a sample bar file (expected the header datetime,open,high,low,close,volume,open_interest)`);
  }
  const n = lines.length - 1;
  const cols = {
    time: new Float64Array(n),
    tradingDay: new Int32Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
    openInterest: new Float64Array(n),
  };
  let k = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const f = line.split(',');
    const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(f[0] ?? '');
    if (!m || f.length < 7) throw new Error(`${file}:${i + 1}: malformed row "${line}"`);
    const t = shanghaiToEpoch(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
    cols.time[k] = t;
    cols.tradingDay[k] = calendar.tradingDayOf(t);
    cols.open[k] = +f[1]!;
    cols.high[k] = +f[2]!;
    cols.low[k] = +f[3]!;
    cols.close[k] = +f[4]!;
    cols.volume[k] = +f[5]!;
    cols.openInterest[k] = +f[6]!;
    k++;
  }
  const cut = <T extends Float64Array | Int32Array>(a: T): T => a.subarray(0, k) as T;
  return {
    length: k,
    time: cut(cols.time),
    tradingDay: cut(cols.tradingDay),
    open: cut(cols.open),
    high: cut(cols.high),
    low: cut(cols.low),
    close: cut(cols.close),
    volume: cut(cols.volume),
    openInterest: cut(cols.openInterest),
  };
}
