import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { BacktestResult } from '../../src/shared/ipc/backtest';
import { freshTerminalPerTest, pageErrors, shot } from './harness';
import { dropFiles, num, readGrid, stat, toasts, until, watchRow } from './ui';

const slow = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'slow.ts'), 'utf8');

const report = (page: Page): Locator => page.getByTestId('backtest-report');
const rowCount = async (page: Page, grid: string): Promise<number> =>
  num((await page.locator('.vt').filter({ has: page.getByRole('grid', { name: grid, exact: true }) }).locator('.vt-count').innerText()).replace('行', ''));

async function runAndWait(page: Page, runs: number): Promise<void> {
  await page.getByRole('button', { name: '开始回测' }).click();
  await until(`report #${runs}`, () => report(page).getAttribute('data-run'), (id) => id === String(runs), 60_000);
}

/** The backtest workspace (issue 7): run with progress, the report, save and open, history and compare, optimise, cancel. */
describe('backtest workspace', () => {
  const session = freshTerminalPerTest();

  it('runs a backtest to its report, saves and reopens it, compares two runs and optimises two parameters', async () => {
    const page = session.ui.page;
    await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['最新价']) > 0);
    await page.getByRole('tab', { name: '回测', exact: true }).dblclick();
    const form = page.getByRole('form', { name: '回测设置' });
    // Ready to run: the shipped dual moving average on the selected contract over the days the store holds.
    await until('the stored range', () => page.getByTestId('bt-coverage').innerText(), (t) => t.startsWith('已存 1m 数据：2026-01-05 至 2026-01-26（16 个交易日）'));
    expect(await form.getByLabel('策略文件').inputValue()).toBe('builtin:dual-ma.ts');
    expect(await form.getByLabel('开始日期').inputValue()).toBe('2026-01-05');
    expect(await form.getByLabel('结束日期').inputValue()).toBe('2026-01-26');
    expect(await form.getByLabel('快线周期').inputValue()).toBe('10');
    await shot(page, 'backtest-setup');

    await runAndWait(page, 1);
    const r1 = report(page);
    const saved = (await session.run.api.call('backtest.get', { id: 1 })) as BacktestResult;
    expect(await r1.locator('h3').innerText()).toBe('双均线 · rb2605 · 1分 · 2026-01-05 ~ 2026-01-26');
    // The report shows the engine's figures, and they hold together.
    const capital = await stat(r1, 'capital');
    const end = await stat(r1, 'endBalance');
    const net = await stat(r1, 'totalNetPnl');
    expect(capital).toBe(1_000_000);
    expect(end - capital).toBeCloseTo(net, 1);
    expect(net).toBeCloseTo(saved.statistics.totalNetPnl, 1);
    expect(await stat(r1, 'totalDays')).toBe(16);
    expect(await rowCount(page, '回测成交')).toBe(await stat(r1, 'totalTradeCount'));
    expect(await rowCount(page, '开平仓配对')).toBe(await stat(r1, 'roundTrips'));
    expect(await stat(r1, 'totalTradeCount')).toBe(saved.trades.length);
    expect(Number(await page.getByTestId('report-equity').getAttribute('data-points'))).toBe(16);
    expect(Number(await page.getByTestId('report-monthly').getAttribute('data-months'))).toBe(1);
    expect(Number(await page.getByTestId('report-price').getAttribute('data-fills'))).toBe(saved.trades.length);
    await page.waitForTimeout(300);
    await shot(page, 'backtest-report');

    // Saved as JSON and as the offline HTML report; the JSON opens again as a report.
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 JSON' }).click()]);
    const jsonFile = path.join(session.run.profileDir, 'saved-report.json');
    await json.saveAs(jsonFile);
    expect((JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as BacktestResult).statistics.totalNetPnl).toBeCloseTo(net, 1);
    const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '保存 HTML 报告' }).click()]);
    expect(html.suggestedFilename()).toMatch(/\.html$/);
    const htmlFile = path.join(session.run.profileDir, 'saved-report.html');
    await html.saveAs(htmlFile);
    expect(fs.readFileSync(htmlFile, 'utf8')).toContain('权益与回撤');

    // A second run with other parameters, then both compared side by side.
    await page.getByRole('tab', { name: '回测设置', exact: true }).click();
    await form.getByLabel('快线周期').fill('5');
    await form.getByLabel('慢线周期').fill('20');
    await runAndWait(page, 2);
    const net2 = await stat(report(page), 'totalNetPnl');

    await page.getByRole('tab', { name: '报告', exact: true }).click();
    await page.getByTestId('report-file-input').setInputFiles(jsonFile);
    await until('the saved report opened', () => report(page).getAttribute('data-run'), (id) => id === '');
    expect(await stat(report(page), 'totalNetPnl')).toBeCloseTo(net, 1);

    await page.getByRole('tab', { name: '历史', exact: true }).click();
    await until('two runs in the history', () => readGrid(page, '回测历史'), (rows) => rows.length === 2);
    await page.getByRole('button', { name: '把 #1 选为 A' }).click();
    await page.getByRole('button', { name: '把 #2 选为 B' }).click();
    await page.getByRole('button', { name: '比较 A 与 B' }).click();
    const table = page.getByRole('table', { name: '两次回测的统计对比' });
    const netRow = table.locator('tr[data-stat="totalNetPnl"] td');
    await until('the comparison', () => netRow.count(), (n) => n === 3);
    const [a, b, diff] = (await netRow.allInnerTexts()).map(num);
    expect(a).toBeCloseTo(net, 1);
    expect(b).toBeCloseTo(net2, 1);
    expect(diff).toBeCloseTo(net2 - net, 1);
    expect(Number(await page.getByTestId('compare-equity').getAttribute('data-days'))).toBe(16);
    await shot(page, 'backtest-compare');

    // A grid over two parameters: its table, best first, and the heatmap of the two.
    await page.getByRole('tab', { name: '参数优化', exact: true }).click();
    const ranges = page.getByRole('table', { name: '优化参数范围' });
    await ranges.getByLabel('优化 快线周期').check();
    await ranges.getByLabel('快线周期 最小').fill('5');
    await ranges.getByLabel('快线周期 最大').fill('10');
    await ranges.getByLabel('快线周期 步长').fill('5');
    await ranges.getByLabel('优化 慢线周期').check();
    await ranges.getByLabel('慢线周期 最小').fill('20');
    await ranges.getByLabel('慢线周期 最大').fill('30');
    await ranges.getByLabel('慢线周期 步长').fill('10');
    expect(await page.getByTestId('opt-combinations').innerText()).toBe('共 4 组参数');
    await page.getByRole('button', { name: '开始优化' }).click();
    const rows = await until('the optimisation table', () => readGrid(page, '优化结果'), (r) => r.length === 4, 60_000);
    const sharpe = rows.map((r) => num(r['Sharpe 比率']));
    expect(sharpe).toEqual([...sharpe].sort((x, y) => y - x));
    expect(new Set(rows.map((r) => `${r['快线周期']}/${r['慢线周期']}`))).toEqual(new Set(['5/20', '5/30', '10/20', '10/30']));
    // The 5/20 row is the second run's parameters: the same net P&L.
    expect(num(rows.find((r) => r['快线周期'] === '5' && r['慢线周期'] === '20')!['总盈亏'])).toBeCloseTo(net2, 1);
    const heat = page.getByTestId('optimization-heatmap');
    expect([await heat.getAttribute('data-x'), await heat.getAttribute('data-y')]).toEqual(['2', '2']);
    await page.waitForTimeout(300);
    await shot(page, 'backtest-optimisation');

    // Walk-forward over the same ranges: windows of 6 training and 3 test days.
    await page.getByRole('tab', { name: '滚动优化', exact: true }).click();
    await page.getByLabel('训练窗口（交易日）').fill('6');
    await page.getByLabel('测试窗口（交易日）').fill('3');
    await page.getByRole('button', { name: '开始滚动优化' }).click();
    const windows = await until('the walk-forward windows', () => readGrid(page, '滚动窗口'), (r) => r.length >= 3, 60_000);
    expect(windows[0]!['训练区间']).toBe('2026-01-05 ~ 2026-01-12');
    expect(windows[0]!['测试区间']).toBe('2026-01-13 ~ 2026-01-15');
    await shot(page, 'backtest-walkforward');
    expect(pageErrors(page)).toEqual([]);
  });

  it('shows a long run progressing while the trading screen keeps quoting, and cancels it', async () => {
    const page = session.ui.page;
    await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['最新价']) > 0);
    await dropFiles(page, [{ name: 'slow.ts', text: slow }]);
    await until('slow.ts checked', () => page.getByTestId('upload-result').allInnerTexts(), (r) => r[0] === 'slow.ts ✓ 已通过检查：慢速测试');
    await page.getByRole('tab', { name: '回测', exact: true }).click();
    const form = page.getByRole('form', { name: '回测设置' });
    await form.getByLabel('策略文件').selectOption('user:slow.ts');
    // A year of rebar's minute bars (the bundled rb2005 of 2019), 0.3 ms a bar: about fifteen seconds.
    const symbol = form.getByRole('combobox', { name: '合约' });
    await symbol.fill('rb2005');
    await symbol.press('Enter');
    // Trading days: the first bar, 2019-05-15 21:00, is the night session of the 16th; the last night's is the 23rd.
    await until('the stored range of rb2005', () => page.getByTestId('bt-coverage').innerText(), (t) => t.startsWith('已存 1m 数据：2019-05-16 至 2019-12-23（151 个交易日）'));
    expect(await form.getByLabel('开始日期').inputValue()).toBe('2019-05-16');
    await form.getByLabel('每根耗时毫秒').fill('0.3');
    await page.getByRole('button', { name: '开始回测' }).click();

    const progress = page.getByTestId('backtest-progress');
    const bar = progress.getByRole('progressbar');
    const seen = await until('the run progressing', async () => Number(await bar.getAttribute('aria-valuenow')), (v) => v >= 5 && v < 90, 60_000);
    expect(await progress.innerText()).toMatch(/\d[\d,]* \/ 51,\d{3} 根K线/);
    // The engine runs the backtest on a worker: quotes keep coming while it runs.
    const before = await page.getByTestId('market-time').innerText();
    await until('the market moving during the run', () => page.getByTestId('market-time').innerText(), (t) => t !== before, 10_000);
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(seen);
    await shot(page, 'backtest-progress');

    await progress.getByRole('button', { name: '取消' }).click();
    await until('the run gone', () => progress.count(), (n) => n === 0, 15_000);
    expect(await toasts(page)).toContain('已取消回测');
    expect(await report(page).count()).toBe(0);
    expect(await session.run.api.call('backtest.list', {})).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });
});
