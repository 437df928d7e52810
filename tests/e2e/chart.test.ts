import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freshTerminalPerTest, pageErrors, shot } from './harness';
import { fillTicket, num, readGrid, ticket, until, watchRow } from './ui';

const chart = (page: Page) => page.getByTestId('chart');
const bars = async (page: Page): Promise<number> => Number(await chart(page).getAttribute('data-bars'));
const zoom = async (page: Page): Promise<[number, number]> => {
  const [a, b] = ((await chart(page).getAttribute('data-zoom')) ?? '0-0').split('-').map(Number);
  return [a ?? 0, b ?? 0];
};

/** The chart and the market watch: history and live bars, periods, indicators, zoom and pan, own trades, completion. */
describe('chart and market watch', () => {
  const session = freshTerminalPerTest();

  it('draws the history, grows live, changes period and indicators, zooms and pans, and marks own trades', async () => {
    const page = session.ui.page;
    // The replay played 2026-01-05 09:00 to 2026-01-06 10:00 before the page opened: about 400 one-minute bars.
    const n0 = await until('the history drawn', () => bars(page), (n) => n > 300);
    const n1 = await until('a new live bar', () => bars(page), (n) => n > n0, 10_000);
    expect(n1).toBeGreaterThan(n0);

    await page.getByRole('radio', { name: '5分', exact: true }).click();
    const n5 = await until('5-minute bars', () => bars(page), (n) => n > 0 && n < n1 / 4);
    expect(n5).toBeGreaterThan(n1 / 6);
    await page.getByRole('radio', { name: '日线', exact: true }).click();
    await until('daily bars: 2026-01-05 and 2026-01-06', () => bars(page), (n) => n === 2);
    // 分时: today's minutes only (2026-01-06 began with the night session of the 5th), no candle indicators.
    await page.getByRole('radio', { name: '分时', exact: true }).click();
    const history = session.run.terminal.minuteHistory('SHFE.rb2605', 'paper')!;
    const today = history.tradingDay.filter((d) => d === 20260106).length;
    const nt = await until('the day\'s minutes', () => bars(page), (n) => n > 0 && n < n1 && Math.abs(n - today) <= 3);
    expect(nt).toBeGreaterThan(60);
    expect(await page.getByRole('group', { name: '主图' }).count()).toBe(0);
    expect(await page.getByLabel('副图').count()).toBe(0);
    await shot(page, 'chart-intraday');
    await page.getByRole('radio', { name: '1分', exact: true }).click();
    await until('1-minute bars again', () => bars(page), (n) => n >= n1);

    for (const sub of ['KDJ', 'RSI', 'WaveTrend', '无', 'MACD']) {
      await page.getByLabel('副图').selectOption({ label: sub });
      if (sub === 'WaveTrend') {
        await page.getByRole('button', { name: 'BOLL' }).click();
        await page.waitForTimeout(300);
        await shot(page, 'chart-wavetrend-boll');
      }
    }
    await page.getByRole('button', { name: 'BOLL' }).click();

    // Zoom with the wheel, pan with a drag.
    const box = (await chart(page).boundingBox())!;
    const [s0, e0] = await zoom(page);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
    await page.mouse.wheel(0, -400);
    const [s1, e1] = await until('zoomed in', () => zoom(page), ([s, e]) => e - s < e0 - s0);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height / 3, { steps: 10 });
    await page.mouse.up();
    // A pan keeps the span (give or take the rounding of echarts' percentages) and moves it back in time.
    await until('panned back in time', () => zoom(page), ([s, e]) => s < s1 - 5 && Math.abs(e - s - (e1 - s1)) <= 2);

    // A fill of this account appears as a marker.
    const q = await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['卖一价']) > 0);
    await fillTicket(page, { price: String(num(q['卖一价']) + 3), volume: '1' });
    await ticket(page).getByTestId('quick-buyOpen').click();
    await until('the trade marker', async () => Number(await chart(page).getAttribute('data-trades')), (n) => n === 1);
    // And the position it opened as a line at its open price.
    const held = session.run.terminal.engine.portfolio.openPositions()[0]!;
    await until('the position line', () => chart(page).getAttribute('data-positions'), (v) => v === `long 1 @ ${held.avgOpenPrice}`);
    // The crosshair shows the bar under the pointer.
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.3);
    await page.waitForTimeout(300);
    await shot(page, 'chart-crosshair');
    expect(pageErrors(page)).toEqual([]);
  });

  it('adds contracts by Chinese name or code with completion; a contract without data says so on the chart', async () => {
    const page = session.ui.page;
    await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['最新价']) > 0);
    const add = page.getByRole('combobox', { name: '添加合约' });
    await add.click();
    await page.keyboard.type('沪金');
    const options = page.getByRole('listbox', { name: '添加合约' }).getByRole('option');
    await until('gold contracts offered', () => options.allInnerTexts(), (o) => o.length > 3 && o.every((x) => x.includes('沪金') && x.includes('SHFE')));
    await shot(page, 'watch-completion');
    const firstOption = (await options.first().innerText()).split(/\s+/)[0]!;
    await page.keyboard.press('Enter');
    await until(`${firstOption} in the watch list`, () => readGrid(page, '行情'), (r) => r.some((x) => x['合约'] === firstOption));
    expect(session.run.terminal.watchlist).toContain(`SHFE.${firstOption}`);

    // By code: the exact contract, even before the completion answers.
    await add.click();
    await page.keyboard.type('rb2610');
    await page.keyboard.press('Enter');
    const rows = await until('rb2610 added', () => readGrid(page, '行情'), (r) => r.some((x) => x['合约'] === 'rb2610'));
    // No replay data for it: no quote, and the chart says why instead of drawing nothing.
    expect(rows.find((x) => x['合约'] === 'rb2610')!['最新价']).toBe('—');
    await until('the chart on rb2610 explaining', () => page.locator('.chart-overlay').innerText(), (t) => t.includes('K线加载失败') && t.includes('SHFE.rb2610'));
    await shot(page, 'chart-no-data');

    // Removing it with its row button.
    await page.getByRole('button', { name: '从自选移除 rb2610' }).click();
    await until('rb2610 removed', () => readGrid(page, '行情'), (r) => !r.some((x) => x['合约'] === 'rb2610'));
    expect(session.run.terminal.watchlist).not.toContain('SHFE.rb2610');
  });
});
