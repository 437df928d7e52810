import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCosts, ZERO_COMMISSION } from '../../src/main/backtest/costs';
import { dailyCsv, reportFile, resultJson, roundTripsCsv, tradesCsv } from '../../src/main/backtest/export';
import { renderHtmlReport, scriptJson } from '../../src/main/backtest/report';
import { monthlyReturns } from '../../src/shared/ipc/backtest-figures';
import { runToResult } from '../../src/main/backtest/run';
import { CsvDataSource, prepareBacktest } from '../../src/main/backtest/setup';
import { resourcePath } from '../../src/main/resources';
import { ContractRegistry } from '../../src/main/trading/contracts';
import { backtestSettingsSchema, type BacktestResult } from '../../src/shared/ipc/backtest';
import { formatShanghai } from '../../src/shared/model/time';
import { fixture } from './helpers';

const registry = ContractRegistry.load();
const settings = backtestSettingsSchema.parse({
  strategyFile: path.resolve('tests/backtest/fixtures/dual-ma.ts'),
  symbols: ['SHFE.rb2005'],
  period: '1m',
  from: 20190516,
  to: 20190731,
  slippageTicks: 1,
});
const source = new CsvDataSource({ 'SHFE.rb2005': resourcePath('market', 'rb2005_1min.csv') }, registry);
const result: BacktestResult = runToResult(prepareBacktest(settings, { contracts: registry, source, strategy: fixture('dual-ma.ts') }));

/** Where Chromium is: CHROMIUM_PATH, or the system's (Debian's chromium package). */
function chromiumPath(): string | undefined {
  for (const p of [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (p && fs.existsSync(p)) return p;
  }
  return undefined;
}

describe('the offline HTML report', () => {
  const html = renderHtmlReport(result);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-report-'));
  const file = path.join(dir, 'report.html');
  fs.writeFileSync(file, html);
  let browser: Browser | undefined;

  beforeAll(async () => {
    const exe = chromiumPath();
    if (exe === undefined) throw new Error('no Chromium found: set CHROMIUM_PATH (Debian: apt-get install chromium)');
    browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is one file: echarts and the data inlined, nothing fetched', () => {
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    // echarts' own build is in it.
    expect(html).toContain('echarts');
    expect(html.length).toBeGreaterThan(1_000_000);
    // The data cannot close its script element early.
    expect(scriptJson({ a: '</script><!--' })).not.toContain('</script>');
  });

  it('opens from file:// and draws every chart and table with no error and no request off the page', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const offPage: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('request', (r) => !r.url().startsWith('file:') && offPage.push(r.url()));
    await page.goto(`file://${file}`);
    await page.waitForFunction('document.querySelectorAll("canvas").length >= 5');
    expect(errors).toEqual([]);
    expect(offPage).toEqual([]);
    // Equity with drawdown, daily P&L, monthly heatmap, the price with fills.
    for (const id of ['equity', 'dailyPnl', 'monthly', 'price']) expect(await page.locator(`#${id} canvas`).count()).toBeGreaterThan(0);
    // The heatmap's legend runs over the largest monthly return either way, labelled to 0.01% (months of a fraction
    // of a percent would otherwise read -0 and 0).
    const legend = (await page.evaluate(
      "(() => { const v = echarts.getInstanceByDom(document.getElementById('monthly')).getOption().visualMap[0]; return [v.min, v.max, v.precision]; })()",
    )) as number[];
    const largest = Math.max(...monthlyReturns(result).map((m) => Math.abs(m.value)));
    expect(legend).toEqual([-largest, largest, 2]);
    // The statistics as the engine computed them.
    const stats = await page.locator('#stats').innerText();
    expect(stats).toContain('总盈亏');
    expect(stats).toContain(result.statistics.totalNetPnl.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    // The fills table: its row count and the first fill as booked.
    const fills = page.locator('#trades');
    expect(await fills.innerText()).toContain(`${result.trades.length.toLocaleString('en-US')} 行 rows`);
    const first = await fills.locator('tr').nth(1).innerText();
    expect(first).toContain(formatShanghai(result.trades[0]!.time));
    expect(first).toContain(result.trades[0]!.price.toLocaleString('en-US', { minimumFractionDigits: 2 }));
    // Round trips page by page.
    const trips = page.locator('#trips');
    await trips.locator('button[data-p="1"]').click();
    expect(await trips.innerText()).toContain(`2 / ${Math.ceil(result.roundTrips.length / 100)}`);
    await page.close();
  });
});

describe('exports', () => {
  it('writes the fills, daily rows and round trips as CSV that reads back to the same numbers', () => {
    const rows = (csv: string): string[][] => csv.replace(/^\ufeff/, '').trim().split('\r\n').map((l) => l.split(','));
    const trades = rows(tradesCsv(result));
    expect(trades).toHaveLength(result.trades.length + 1);
    expect(trades[0]!.slice(0, 4)).toEqual(['id', 'time', 'trading_day', 'symbol']);
    const t = result.trades[7]!;
    expect(trades[8]).toEqual([t.id, formatShanghai(t.time), String(t.tradingDay), t.symbol, t.side, t.offset, String(t.price), String(t.volume), String(t.commission), String(t.slippage), String(t.closeProfit), t.source]);
    const daily = rows(dailyCsv(result));
    expect(daily).toHaveLength(result.daily.length + 1);
    expect(Number(daily[daily.length - 1]![1])).toBeCloseTo(result.statistics.endBalance, 6);
    const trips = rows(roundTripsCsv(result));
    expect(trips).toHaveLength(result.roundTrips.length + 1);
    expect(trips.slice(1).reduce((s, r) => s + Number(r[10]), 0)).toBeCloseTo(result.roundTrips.reduce((s, r) => s + r.netPnl, 0), 6);
  });

  it('writes the whole result as JSON and names each file after the run', () => {
    const back = JSON.parse(resultJson(result)) as BacktestResult;
    expect(back.trades).toHaveLength(result.trades.length);
    expect(back.statistics.endBalance).toBeCloseTo(result.statistics.endBalance, 6);
    const f = reportFile({ ...result, id: 7 }, 'trades.csv');
    expect(f.fileName).toBe('backtest-7-SHFE.rb2005-20190516-20190731-trades.csv');
    expect(f.mime).toBe('text/csv');
    expect(reportFile(result, 'html').content.startsWith('<!doctype html>')).toBe(true);
  });

  it('gives the monthly returns from month-end balances', () => {
    const m = monthlyReturns(result);
    expect(m.map((x) => `${x.year}-${x.month}`)).toEqual(['2019-5', '2019-6', '2019-7']);
    const endOf = (ym: number): number => [...result.daily].reverse().find((d) => Math.floor(d.tradingDay / 100) === ym)!.balance;
    expect(m[0]!.value).toBeCloseTo((endOf(201905) / settings.capital - 1) * 100, 9);
    expect(m[1]!.value).toBeCloseTo((endOf(201906) / endOf(201905) - 1) * 100, 9);
    expect(m[2]!.value).toBeCloseTo((endOf(201907) / endOf(201906) - 1) * 100, 9);
  });

  it('keeps the commission-free reference equal to its figures in the JSON', () => {
    const zero = applyCosts(registry, { '*': { commission: ZERO_COMMISSION } });
    const r = runToResult(prepareBacktest({ ...settings, to: 20191223, slippageTicks: 0 }, { contracts: zero, source, strategy: fixture('dual-ma.ts') }));
    expect(r.statistics.totalNetPnl).toBeCloseTo(4030, 6);
    expect(JSON.parse(resultJson(r)).statistics.totalNetPnl).toBeCloseTo(4030, 6);
  });
});
