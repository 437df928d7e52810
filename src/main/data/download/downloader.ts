import type { DownloadItem, DownloadResult, ImportMapping } from '../../../shared/ipc/data';
import { formatDataMessage } from '../../../shared/ipc/data';
import { shanghaiDate } from '../../../shared/model/time';
import type { ProductSpec } from '../../../shared/model/types';
import { SessionGrid } from '../../strategy/bar-generator';
import { DataError } from '../data-error';
import { ParsedRow, RowParser, V } from '../import/rows';
import { decideTimeLabel, timeLabelEvidence } from '../import/time-label';
import type { MarketStore } from '../market-store';
import { parsePeriod } from '../period';
import { ColumnsBuilder, type BarColumns } from '../series';
import { findProduct, mainSymbol } from '../series-id';
import { parseSinaResponse, SINA_BASE_URL, SinaFormatError, sinaMainCode, sinaUrl, type SinaBar, type SinaPeriod } from './sina';

export interface DownloadOptions {
  /** Product codes (rb, TA, IF); every listed product when omitted. */
  readonly products?: readonly string[];
  readonly periods?: readonly SinaPeriod[];
  readonly baseUrl?: string;
  /** At least this long between two requests (the source bans clients that hurry). */
  readonly minIntervalMs?: number;
  /** Further tries after a network error, an HTTP 429 or 5xx, or an unreadable answer. */
  readonly retries?: number;
  /** The first retry waits this long, each further one twice as long. */
  readonly retryDelayMs?: number;
  readonly timeoutMs?: number;
  /** Download again even what was brought up to date since the last close. */
  readonly force?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: { readonly done: number; readonly total: number; readonly current: string }) => void;
  readonly now?: () => number;
  readonly fetch?: typeof fetch;
}

const SOURCE = 'sina';

const SINA_MAPPING: ImportMapping = {
  encoding: 'utf8',
  delimiter: ',',
  dataStart: 0,
  kind: 'bar',
  columns: { datetime: 0, open: 1, high: 2, low: 3, close: 4, volume: 5, openInterest: 6 },
  dateOrder: 'ymd',
  timeLabel: 'end',
  nightDate: 'calendar',
  checkSessions: true,
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
  ) {
    super(formatDataMessage('DOWNLOAD_HTTP', { status, url }, 'en'));
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Spaces requests out: each waits until `minIntervalMs` after the previous one was let go. The interval counts from
 * when the wait ended, not from when it was due: on a busy machine a timer fires late, and counting from the due time
 * would let the next request follow the late one too closely.
 */
class RateLimiter {
  private next = 0;
  constructor(private readonly minIntervalMs: number) {}
  async wait(signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    if (this.next > now) await sleep(this.next - now, signal);
    this.next = Date.now() + this.minIntervalMs;
  }
}

/**
 * Downloads daily and 1-minute bars of the main contract (主力连续) of every listed product from Sina's public quote
 * endpoints into the store (as KQ.m@SHFE.rb ...), politely: one request at a time, spaced by a minimum interval,
 * with retries and growing waits on errors. Progress is kept per series in download_state, so a run that was
 * interrupted resumes where it stopped: series already brought up to date since the last close are skipped.
 */
export async function downloadMain(store: MarketStore, opts: DownloadOptions = {}): Promise<DownloadResult> {
  const contracts = store.contracts;
  const cal = contracts.calendar;
  const now = opts.now ?? Date.now;
  const doFetch = opts.fetch ?? fetch;
  const base = opts.baseUrl ?? SINA_BASE_URL;
  const periods = opts.periods ?? ['1d', '1m'];
  const limiter = new RateLimiter(opts.minIntervalMs ?? 2000);
  const retries = opts.retries ?? 3;
  const retryDelay = opts.retryDelayMs ?? 2000;
  const products: ProductSpec[] = [];
  if (opts.products === undefined) products.push(...contracts.allProducts());
  else {
    for (const code of opts.products) {
      const p = findProduct(contracts, code);
      if (p === undefined) throw new DataError('BAD_SYMBOL', { detail: `unknown product "${code}"` });
      products.push(p);
    }
  }
  const stateGet = store.db.prepare('SELECT status, updated_at FROM download_state WHERE source = ? AND symbol = ? AND period = ?');
  const stateSet = store.db.prepare(
    `INSERT INTO download_state (source, symbol, period, status, last_time, bars, error, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (source, symbol, period) DO UPDATE SET status = excluded.status, last_time = COALESCE(excluded.last_time, last_time),
       bars = excluded.bars, error = excluded.error, updated_at = excluded.updated_at`,
  );
  const jobs = products.flatMap((p) => periods.map((period) => ({ product: p, period })));
  const items: DownloadItem[] = [];
  let done = 0;
  for (const { product, period } of jobs) {
    const symbol = mainSymbol(product);
    const code = sinaMainCode(product);
    opts.onProgress?.({ done, total: jobs.length, current: `${code} ${period}` });
    const base_ = { product: product.product, symbol, period };
    if (opts.signal?.aborted) {
      items.push({ ...base_, status: 'cancelled', bars: 0, added: 0 });
      continue;
    }
    const grid = new SessionGrid(product);
    // The data changes only with a close: a series fetched after the last close is up to date.
    let day = shanghaiDate(now());
    if (!(cal.isTradingDay(day) && now() >= grid.closeTime(day))) day = cal.prev(day);
    const lastClose = grid.closeTime(day);
    const state = stateGet.get(SOURCE, symbol, period) as { status: string; updated_at: number } | undefined;
    if (!opts.force && state?.status === 'done' && state.updated_at >= lastClose) {
      items.push({ ...base_, status: 'upToDate', bars: 0, added: 0 });
      done++;
      continue;
    }
    try {
      const url = sinaUrl(base, code, period, new Date(now()));
      const bars = await fetchBars(url, { limiter, retries, retryDelay, timeoutMs: opts.timeoutMs ?? 20_000, doFetch, ...(opts.signal ? { signal: opts.signal } : {}) });
      if (bars.length === 0) throw new EmptyAnswer(code);
      const { cols, rejected } = toColumns(store, product, period, bars);
      const stats = cols.length > 0 ? store.writeBars(symbol, period, cols) : { added: 0, replaced: 0, unchanged: 0 };
      const lastTime = cols.length > 0 ? cols.time[cols.length - 1]! : null;
      stateSet.run(SOURCE, symbol, period, 'done', lastTime, cols.length, null, now());
      items.push({ ...base_, status: 'done', bars: cols.length, added: stats.added, rejected });
    } catch (e) {
      if (opts.signal?.aborted) {
        items.push({ ...base_, status: 'cancelled', bars: 0, added: 0 });
        continue;
      }
      const error = describe(e);
      stateSet.run(SOURCE, symbol, period, 'failed', null, 0, error, now());
      items.push({ ...base_, status: 'failed', bars: 0, added: 0, error });
    }
    done++;
  }
  opts.onProgress?.({ done, total: jobs.length, current: '' });
  return { items };
}

class EmptyAnswer extends Error {
  constructor(readonly code: string) {
    super(formatDataMessage('DOWNLOAD_EMPTY', { symbol: code }, 'en'));
  }
}

function describe(e: unknown): string {
  if (e instanceof EmptyAnswer) return formatDataMessage('DOWNLOAD_EMPTY', { symbol: e.code });
  if (e instanceof HttpError) return formatDataMessage('DOWNLOAD_HTTP', { status: e.status, url: e.url });
  if (e instanceof SinaFormatError) return formatDataMessage('DOWNLOAD_BAD_RESPONSE', { detail: e.message });
  return formatDataMessage('DOWNLOAD_NETWORK', { detail: e instanceof Error ? e.message : String(e) });
}

async function fetchBars(
  url: string,
  o: { limiter: RateLimiter; retries: number; retryDelay: number; timeoutMs: number; doFetch: typeof fetch; signal?: AbortSignal },
): Promise<SinaBar[]> {
  for (let attempt = 0; ; attempt++) {
    await o.limiter.wait(o.signal);
    try {
      const signals = [AbortSignal.timeout(o.timeoutMs), ...(o.signal ? [o.signal] : [])];
      const res = await o.doFetch(url, {
        signal: AbortSignal.any(signals),
        headers: { Referer: 'https://finance.sina.com.cn/', 'User-Agent': 'Mozilla/5.0 (qihuo-terminal)' },
      });
      if (!res.ok) {
        await res.arrayBuffer().catch(() => undefined);
        throw new HttpError(res.status, url);
      }
      return parseSinaResponse(await res.text());
    } catch (e) {
      if (o.signal?.aborted) throw e;
      const retryable = !(e instanceof HttpError) || e.status === 429 || e.status >= 500;
      if (!retryable || attempt >= o.retries) throw e;
      await sleep(o.retryDelay * 2 ** attempt, o.signal);
    }
  }
}

/** Sina's bars into store columns, through the importer's row checks (sessions, prices, trading days). */
function toColumns(store: MarketStore, product: ProductSpec, period: SinaPeriod, bars: readonly SinaBar[]): { cols: BarColumns; rejected: number } {
  const spec = parsePeriod(period)!;
  const cells = bars.map((b) => [b.d, b.o, b.h, b.l, b.c, b.v, b.p]);
  let mapping = SINA_MAPPING;
  if (spec.kind === 'minute') {
    const probe = new RowParser({ ...mapping, timeLabel: 'start', checkSessions: false }, spec, store.contracts.calendar, product);
    const row = new ParsedRow();
    const times: number[] = [];
    for (const c of cells) if (probe.parse(c, row)) times.push(row.time);
    const label = decideTimeLabel(timeLabelEvidence(times, new SessionGrid(product))) ?? 'end';
    mapping = { ...mapping, timeLabel: label };
  }
  const parser = new RowParser(mapping, spec, store.contracts.calendar, product);
  const row = new ParsedRow();
  const out = new ColumnsBuilder('bar', cells.length);
  let rejected = 0;
  for (const c of cells) {
    if (!parser.parse(c, row)) {
      rejected++;
      continue;
    }
    const v = row.values;
    out.pushBar({
      time: row.time,
      tradingDay: row.tradingDay,
      open: v[V.open]!,
      high: v[V.high]!,
      low: v[V.low]!,
      close: v[V.close]!,
      volume: v[V.volume]! || 0,
      openInterest: v[V.openInterest]! || 0,
    });
  }
  return { cols: out.columns(), rejected };
}
