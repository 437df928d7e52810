import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_STRATEGY } from '../../src/main/engine/terminal';
import { openUi, pageErrors, shot, startTerminal, type Browser, type Running } from './harness';
import { cutOff, dropFiles, num, readGrid, stat, toasts, until, watchRow } from './ui';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const flip = fs.readFileSync(path.join(FIXTURES, 'flip.ts'), 'utf8');
/** A file a trader saved half-written: the parameter list is never closed (line 4). */
const broken = `import { Strategy, type Bar } from '@qihuo/strategy';

export default class Broken extends Strategy {
  override onBar(bar: Bar {
    this.buy(bar.close, 1);
  }
}
`;

const instances = (page: Page) => readGrid(page, '策略实例');
const row = async (page: Page, name: string) => (await instances(page)).find((r) => r['实例'] === name);

/** The strategy manager (issue 7): files dropped and checked, instances from the parameter form, live trading, analytics. */
describe('strategy manager', () => {
  let run: Running;
  let ui: Browser;

  afterEach(async () => {
    await ui?.close();
    await run?.close();
  });

  it('lists a dropped file with a syntax error at its line, and a good one that then trades on the replay', async () => {
    run = await startTerminal();
    ui = await openUi(run.server.url);
    const page = ui.page;
    await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['最新价']) > 0);

    // Both files dropped on the window at once: the strategy manager comes to the front with what the engine found.
    await dropFiles(page, [
      { name: 'broken.ts', text: broken },
      { name: 'flip.ts', text: flip },
    ]);
    const results = await until('both files checked', () => page.getByTestId('upload-result').allInnerTexts(), (r) => r.length === 2);
    expect(results[0]).toMatch(/^broken\.ts broken\.ts:4:\d+ /);
    expect(results[1]).toBe('flip.ts ✓ 已通过检查：定时翻转');
    const files = await readGrid(page, '策略文件');
    const brokenRow = files.find((f) => f['文件'] === 'broken.ts')!;
    expect(brokenRow['检查结果 / 说明']).toMatch(/^broken\.ts:4:\d+ /);
    expect(brokenRow['来源']).toBe('导入');
    // The 22 shipped strategies are listed as built-in, each checked (none shows a problem with its line).
    const table = page.locator('.vt').filter({ has: page.getByRole('grid', { name: '策略文件' }) });
    await table.getByLabel('策略文件 筛选').fill('内置');
    await until('22 built-in files', () => table.locator('.vt-count').innerText(), (t) => t === '22 行');
    const shipped = run.terminal.strategies.listFiles().filter((f) => f.builtin);
    expect(shipped).toHaveLength(22);
    expect(shipped.every((f) => f.error === undefined)).toBe(true);
    await table.getByLabel('策略文件 筛选').fill('flip');
    await until('the filter down to flip.ts', () => table.locator('.vt-count').innerText(), (t) => t === '1 行');
    await shot(page, 'strategy-dropped-files');

    // Add an instance of the good file from its row: the form is drawn from the declared parameters.
    await page.getByRole('button', { name: '用 flip.ts 添加实例' }).click();
    const form = page.getByRole('form', { name: '添加策略实例' });
    await expect.poll(() => form.getByLabel('间隔K线数').inputValue()).toBe('5');
    await form.getByLabel('实例名称').fill('螺纹翻转演示A');
    // A value outside the declared range is named beside its field and nothing is sent.
    await form.getByLabel('间隔K线数').fill('0');
    await form.getByRole('button', { name: '添加' }).click();
    await until('the range problem shown', () => form.locator('.field-problem').allInnerTexts(), (t) => t.includes('不能小于 1'));
    expect(run.terminal.strategies.has('螺纹翻转演示A')).toBe(false);
    await form.getByLabel('间隔K线数').fill('2');
    await form.getByRole('button', { name: '添加' }).click();
    await until('the form closed', () => form.count(), (n) => n === 0);

    await page.getByRole('tab', { name: /^实例/ }).click();
    const created = await until('the instance listed', () => row(page, '螺纹翻转演示A'), (r) => r !== undefined);
    expect(created!['状态']).toBe('已创建');
    expect(created!['合约']).toBe('rb2605');
    expect(created!['参数']).toBe('间隔K线数=2 每次手数=1');
    expect(run.terminal.strategies.instances().find((i) => i.name === '螺纹翻转演示A')?.params).toEqual({ every: 2, lots: 1 });

    // Started, it trades on the replay's live bars: fills, a position, a last signal, all in its row.
    await page.getByRole('button', { name: '启动 螺纹翻转演示A' }).click();
    const trading = await until('螺纹翻转演示A trading', () => row(page, '螺纹翻转演示A'), (r) => r?.['状态'] === '运行中' && num(r['成交']) >= 3, 30_000);
    expect(trading!['最新信号']).toMatch(/^\d\d:\d\d [买卖](开仓|平仓|平今|平昨|自动) rb2605 1 @ \d+$/);
    expect(trading!['持仓']).toMatch(/^rb2605 [+−]1$/);
    await shot(page, 'strategy-running');

    // Its fills are the account's, with the instance as their source.
    await page.getByRole('tab', { name: '成交', exact: true }).click();
    const fills = await until('its fills in 成交', () => readGrid(page, '成交'), (rows) => rows.filter((r) => r['来源'] === '螺纹翻转演示A').length >= 3);
    expect(fills.every((r) => r['来源'] === '螺纹翻转演示A' && r['合约'] === 'rb2605')).toBe(true);
    // Its name shows whole as their 来源, the last column taking the room the others leave.
    expect(await cutOff(page, '成交')).toEqual([]);

    // Its trades on the chart: only its own, marked.
    await page.getByRole('button', { name: '在K线上查看 螺纹翻转演示A 的成交' }).click();
    await until('the chart filtered to 螺纹翻转演示A', () => page.getByTestId('chart-source').innerText(), (t) => t.includes('只显示 螺纹翻转演示A 的成交'));
    const marked = await until('its trades marked', () => page.getByTestId('chart').getAttribute('data-trades'), (n) => Number(n) >= 3);
    expect(Number(marked)).toBeGreaterThanOrEqual(3);
    await shot(page, 'strategy-trades-on-chart');
    await page.getByRole('button', { name: '显示全部成交' }).click();
    await until('the filter gone', () => page.getByTestId('chart-source').count(), (n) => n === 0);

    // Analytics of its live trades: the backtester's round trips and win rate.
    await page.getByRole('tab', { name: '策略', exact: true }).click();
    await page.getByRole('button', { name: '停止 螺纹翻转演示A' }).click();
    await until('stopped', () => row(page, '螺纹翻转演示A'), (r) => r?.['状态'] === '已停止');
    await page.getByRole('button', { name: '分析 螺纹翻转演示A' }).click();
    const view = page.getByTestId('strategy-analytics');
    const trips = await until('its round trips', () => readGrid(page, '螺纹翻转演示A 开平记录'), (r) => r.length >= 1 && r.every((x) => x['净盈亏'] !== undefined));
    const engine = run.terminal.strategies.instances().find((i) => i.name === '螺纹翻转演示A')!;
    expect(await stat(view, 'roundTrips')).toBe(trips.length);
    const wins = trips.filter((r) => num(r['净盈亏']) > 0).length;
    expect(await stat(view, 'winRate')).toBeCloseTo((wins / trips.length) * 100, 1);
    const net = trips.reduce((s, r) => s + num(r['净盈亏']), 0);
    expect(await stat(view, 'netPnl')).toBeCloseTo(net, 1);
    // Every round trip is a reversal of one lot: its P&L is the price move times rebar's 10 t a lot.
    for (const t of trips) expect(num(t['盈亏'])).toBeCloseTo((num(t['平仓价']) - num(t['开仓价'])) * 10 * (t['多/空'] === '多' ? 1 : -1), 6);
    expect(await stat(view, 'fills')).toBe(engine.tradeCount);
    await shot(page, 'strategy-analytics');

    // Edited while stopped: a new parameter, kept by the engine.
    await page.getByRole('tab', { name: /^实例/ }).click();
    await page.getByRole('button', { name: '编辑 螺纹翻转演示A' }).click();
    const edit = page.getByRole('form', { name: '编辑 螺纹翻转演示A' });
    await edit.getByLabel('间隔K线数').fill('4');
    await edit.getByRole('button', { name: '保存' }).click();
    await until('the new parameter shown', () => row(page, '螺纹翻转演示A'), (r) => r?.['参数'] === '间隔K线数=4 每次手数=1');
    expect(run.terminal.strategies.instances().find((i) => i.name === '螺纹翻转演示A')?.params['every']).toBe(4);

    // Removed after a confirmation.
    await page.getByRole('button', { name: '删除 螺纹翻转演示A' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await until('the instance gone', () => instances(page), (r) => !r.some((x) => x['实例'] === '螺纹翻转演示A'));
    expect(run.terminal.strategies.has('螺纹翻转演示A')).toBe(false);
    expect(await toasts(page)).toContain('已删除实例 螺纹翻转演示A');
    expect(pageErrors(page)).toEqual([]);
  });

  it('runs the demo instance on a new profile, and takes files from the file picker', async () => {
    run = await startTerminal({ demoStrategy: DEMO_STRATEGY });
    ui = await openUi(run.server.url);
    const page = ui.page;
    await page.getByRole('tab', { name: '策略', exact: true }).click();
    const demo = await until('the demo instance', () => row(page, '双均线演示'), (r) => r !== undefined);
    expect(demo!['状态']).toBe('运行中');
    expect(demo!['策略']).toBe('双均线');
    expect(demo!['参数']).toBe('快线周期=10 慢线周期=30 均线类型=sma 每次手数=1 允许做空=是');

    await page.getByTestId('strategy-file-input').setInputFiles({ name: 'flip.ts', mimeType: 'text/plain', buffer: Buffer.from(flip) });
    await until('the picked file checked', () => page.getByTestId('upload-result').allInnerTexts(), (r) => r[0] === 'flip.ts ✓ 已通过检查：定时翻转');
    // A file that is not a strategy is refused by name.
    await page.getByTestId('strategy-file-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await until('the text file refused', () => page.getByTestId('upload-result').allInnerTexts(), (r) => r[0] === 'notes.txt 不是策略文件：只接受 .ts 或 .js');

    // Keyboard: the instances table takes the focus, Space stops the selected instance.
    await page.getByRole('tab', { name: /^实例/ }).click();
    const grid = page.getByRole('grid', { name: '策略实例' });
    await grid.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' ');
    await until('the demo stopped from the keyboard', () => row(page, '双均线演示'), (r) => r?.['状态'] === '已停止');
    expect(run.terminal.strategies.instances().find((i) => i.name === '双均线演示')?.status).toBe('stopped');
    expect(pageErrors(page)).toEqual([]);
  });
});
