import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DataError } from '../../src/main/data/data-error';
import { downloadMain, type DownloadOptions } from '../../src/main/data/download/downloader';
import { parseSinaResponse, sinaUrl } from '../../src/main/data/download/sina';
import { formatShanghai, shanghaiToEpoch } from '../../src/shared/model/time';
import { startSinaReplay, type SinaReplay, type Served } from '../helpers/sina-replay';
import { fixture, realRb2005, rowsOf, tempStore, type TempStore } from './helpers';

/** Sina's endpoints replayed from recordings (tests/helpers/sina-replay.ts): nothing here reaches the network. */
let sina: SinaReplay;
let baseUrl: string;
let log: Served[];
let failures: SinaReplay['failures'];

beforeAll(async () => {
  sina = await startSinaReplay();
  ({ baseUrl, log, failures } = sina);
});
afterAll(() => sina.close());

let t: TempStore;
beforeEach(() => {
  t = tempStore();
  log.length = 0;
  failures.clear();
});
afterEach(() => t.close());

/** A Saturday after the recorded data: the last close was Friday 2019-12-20 15:00. */
const NOW = shanghaiToEpoch(2019, 12, 21, 10, 0);
const opts = (o: Partial<DownloadOptions> = {}): DownloadOptions => ({ baseUrl, minIntervalMs: 0, retryDelayMs: 10, now: () => NOW, ...o });

describe('Sina endpoints', () => {
  it('builds the endpoints’ addresses and parses their JSONP answers', () => {
    expect(sinaUrl('https://stock2.finance.sina.com.cn', 'RB0', '1m')).toBe(
      'https://stock2.finance.sina.com.cn/futures/api/jsonp.php/var%20_RB0_1=/InnerFuturesNewService.getFewMinLine?symbol=RB0&type=1',
    );
    expect(sinaUrl('https://x', 'TA0', '1d', new Date(2024, 11, 31))).toBe('https://x/futures/api/jsonp.php/var%20_TA02024_12_31=/InnerFuturesNewService.getDailyKLine?symbol=TA0&type=2024_12_31');
    const bars = parseSinaResponse(fs.readFileSync(fixture('sina/RB0_daily.txt'), 'utf8'));
    expect(bars.length).toBe(300);
    expect(bars.at(-1)).toEqual({ d: '2016-02-05', o: '1853.000', h: '1862.000', l: '1826.000', c: '1843.000', v: '2790060', p: '2088616' });
    expect(parseSinaResponse("/*<script>location.href='//sina.com';</script>*/\nvar _X=(null);")).toEqual([]);
    expect(() => parseSinaResponse('<html>busy</html>')).toThrow(/JSONP/);
  });
});

describe('downloading main-contract bars', () => {
  it('stores daily and minute bars of the main contracts, minute bars moved from end to start times', async () => {
    const r = await downloadMain(t.store, opts({ products: ['rb', 'TA'] }));
    expect(r.items.map((i) => [i.symbol, i.period, i.status, i.bars])).toEqual([
      ['KQ.m@SHFE.rb', '1d', 'done', 300],
      ['KQ.m@SHFE.rb', '1m', 'done', 1023],
      ['KQ.m@CZCE.TA', '1d', 'done', 300],
      ['KQ.m@CZCE.TA', '1m', 'failed', 0],
    ]);
    expect(r.items[3]!.error).toBe('TA0 无数据返回');
    const daily = rowsOf(t.store.loadBars('KQ.m@SHFE.rb', '1d'));
    expect(daily.at(-1)).toMatchObject({ tradingDay: 20160205, o: 1853, h: 1862, l: 1826, c: 1843, v: 2790060, oi: 2088616 });
    // Sina stamps a minute bar with its end; the store keeps starts: the same bars as the real rb2005 export.
    const m1 = t.store.loadBars('KQ.m@SHFE.rb', '1m');
    expect(formatShanghai(m1.time[m1.length - 1]!)).toBe('2019-12-20 22:59:00');
    expect(rowsOf(m1)).toEqual(rowsOf(realRb2005()).slice(-1023));
  });

  it('spaces requests by the minimum interval', async () => {
    // Timed where the downloader sends each request, so a busy test machine's network stack does not blur it.
    const sent: number[] = [];
    const timedFetch: typeof fetch = (input, init) => {
      sent.push(performance.now());
      return fetch(input, init);
    };
    await downloadMain(t.store, opts({ products: ['rb', 'TA'], minIntervalMs: 120, fetch: timedFetch }));
    expect(sent.length).toBe(4);
    for (let i = 1; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBeGreaterThanOrEqual(115);
  });

  it('retries server errors and unreadable answers, then gives up with a clear error', async () => {
    failures.set('RB0 daily', [503, 'garbage']);
    const ok = await downloadMain(t.store, opts({ products: ['rb'], periods: ['1d'], retries: 3 }));
    expect(ok.items[0]).toMatchObject({ status: 'done', bars: 300 });
    expect(log.filter((l) => l.symbol === 'RB0').length).toBe(3);

    log.length = 0;
    failures.set('RB0 daily', [502, 502, 502]);
    const bad = await downloadMain(t.store, opts({ products: ['rb'], periods: ['1d'], retries: 1, force: true }));
    expect(bad.items[0]).toMatchObject({ status: 'failed' });
    expect(bad.items[0]!.error).toMatch(/^HTTP 502：http:\/\/127\.0\.0\.1/);
    expect(log.length).toBe(2);
    // A client error is not retried.
    log.length = 0;
    failures.set('RB0 daily', [404]);
    await downloadMain(t.store, opts({ products: ['rb'], periods: ['1d'], retries: 3, force: true }));
    expect(log.length).toBe(1);
  });

  it('resumes an interrupted run: series brought up to date since the last close are not fetched again', async () => {
    const ctl = new AbortController();
    const first = await downloadMain(
      t.store,
      opts({ products: ['rb', 'TA'], periods: ['1d'], signal: ctl.signal, onProgress: (p) => p.done >= 1 && ctl.abort() }),
    );
    expect(first.items.map((i) => i.status)).toEqual(['done', 'cancelled']);
    expect(log.map((l) => l.symbol)).toEqual(['RB0']);

    log.length = 0;
    const second = await downloadMain(t.store, opts({ products: ['rb', 'TA'], periods: ['1d'] }));
    expect(second.items.map((i) => i.status)).toEqual(['upToDate', 'done']);
    expect(log.map((l) => l.symbol)).toEqual(['TA0']);
    // After the next close the data may have changed: it is fetched again, and merges without duplicates.
    log.length = 0;
    const monday = await downloadMain(t.store, opts({ products: ['rb'], periods: ['1d'], now: () => shanghaiToEpoch(2019, 12, 23, 16, 0) }));
    expect(monday.items[0]).toMatchObject({ status: 'done', bars: 300, added: 0 });
    expect(t.store.loadBars('KQ.m@SHFE.rb', '1d').length).toBe(300);
  });

  it('refuses an unknown product', async () => {
    await expect(downloadMain(t.store, opts({ products: ['zz'] }))).rejects.toBeInstanceOf(DataError);
  });
});
