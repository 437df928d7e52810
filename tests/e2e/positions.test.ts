import { describe, expect, it } from 'vitest';
import { freshTerminalPerTest, pageErrors, shot, type Browser } from './harness';
import { cutOff, fillTicket, num, readGrid, showTab, ticket, until, watchRow } from './ui';

/** Positions (持仓): one-click close, reverse and flatten-all, each confirmed first, composed from order.send. */
describe('positions: close, reverse, flatten', () => {
  const session = freshTerminalPerTest();

  const dialog = (page: Browser['page']) => page.getByRole('dialog');

  async function buyAtAsk(page: Browser['page'], code: string, lots: number, side: 'buyOpen' | 'sellOpen' = 'buyOpen'): Promise<void> {
    await page.getByRole('grid', { name: '行情' }).getByRole('row').filter({ hasText: code }).first().click();
    const q = await until(`${code} quoted`, () => watchRow(page, code), (r) => num(r['卖一价']) > 0);
    // Far enough through the spread to fill at once, inside the day's limits.
    const tickSize = code.startsWith('rb') ? 1 : 10;
    const price = side === 'buyOpen' ? num(q['卖一价']) + 5 * tickSize : num(q['买一价']) - 5 * tickSize;
    await fillTicket(page, { price: String(price), volume: String(lots) });
    await ticket(page).getByTestId(`quick-${side}`).click();
  }

  it('reverses a long into a short and closes it, each after a confirmation', async () => {
    const page = session.ui.page;
    await buyAtAsk(page, 'rb2605', 2);
    await showTab(page, '持仓');
    await until('long 2', () => readGrid(page, '持仓'), (r) => r.length === 1 && r[0]!['多/空'] === '多' && r[0]!['总持仓'] === '2');

    // Reverse, but cancel at the confirmation: nothing is sent.
    await page.getByRole('button', { name: '反手 rb2605 多' }).click();
    await expect.poll(() => dialog(page).innerText()).toContain('以对手价平多 rb2605 2 手，并反向开空 2 手');
    await shot(page, 'positions-confirm-reverse');
    await dialog(page).getByRole('button', { name: '取消' }).click();
    expect(await dialog(page).count()).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(session.run.terminal.engine.oms.orders.size).toBe(1);

    // Reverse, confirmed.
    await page.getByRole('button', { name: '反手 rb2605 多' }).click();
    await dialog(page).getByRole('button', { name: '确认' }).click();
    const short = await until('short 2 after the reverse', () => readGrid(page, '持仓'), (r) => r.length === 1 && r[0]!['多/空'] === '空' && r[0]!['总持仓'] === '2', 20_000);
    expect(num(short[0]!['今仓'])).toBe(2);

    // The close of a long opened today on SHFE is a close-today (平今).
    await showTab(page, '成交');
    const trades = await until('the reverse fills', () => readGrid(page, '成交'), (r) => r.reduce((n, x) => n + num(x['成交量']), 0) >= 6);
    const closes = trades.filter((t) => t['开平'] === '平今');
    expect(closes.reduce((n, x) => n + num(x['成交量']), 0)).toBe(2);
    expect(closes.every((t) => t['买卖'] === '卖')).toBe(true);

    // Close the short.
    await showTab(page, '持仓');
    await page.getByRole('button', { name: '平仓 rb2605 空' }).click();
    await expect.poll(() => dialog(page).innerText()).toContain('以对手价平空 rb2605 2 手');
    await dialog(page).getByRole('button', { name: '确认' }).click();
    await until('no position left', () => readGrid(page, '持仓'), (r) => r.length === 0, 20_000);
    expect(session.run.terminal.engine.portfolio.openPositions()).toHaveLength(0);
    await shot(page, 'positions-closed');

    // 成交汇总: the day's fills taken together by side and offset, as the engine booked them.
    await showTab(page, '成交');
    await page.getByRole('radio', { name: '汇总' }).click();
    const summary = await until('the summary', () => readGrid(page, '成交'), (r) => r.length === 4 && r.every((x) => x['笔数'] !== undefined));
    const booked = session.run.terminal.store.tradesSince(0);
    const group = (side: string, offset: string) => booked.filter((x) => x.side === side && x.offset === offset);
    for (const [side, offset, zh] of [['buy', 'open', '买开仓'], ['sell', 'closeToday', '卖平今'], ['sell', 'open', '卖开仓'], ['buy', 'closeToday', '买平今']] as const) {
      const row = summary.find((x) => `${x['买卖']}${x['开平']}` === zh)!;
      const fills = group(side, offset);
      const lots = fills.reduce((n, x) => n + x.volume, 0);
      expect([num(row['笔数']), num(row['成交量'])], zh).toEqual([fills.length, lots]);
      expect(num(row['成交均价']), zh).toBeCloseTo(fills.reduce((n, x) => n + x.price * x.volume, 0) / lots, 2);
      expect(num(row['手续费']), zh).toBeCloseTo(fills.reduce((n, x) => n + x.commission, 0), 2);
    }
    expect(await cutOff(page, '成交')).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('flattens every position at once after listing them', async () => {
    const page = session.ui.page;
    await buyAtAsk(page, 'rb2605', 1);
    await buyAtAsk(page, 'cu2603', 1, 'sellOpen');
    await showTab(page, '持仓');
    await until('two positions', () => readGrid(page, '持仓'), (r) => r.length === 2);
    await shot(page, 'positions-two');
    await page.getByRole('button', { name: '一键清仓' }).click();
    const text = await dialog(page).innerText();
    expect(text).toContain('以对手价平掉全部 2 个持仓');
    expect(text).toContain('rb2605 多 1');
    expect(text).toContain('cu2603 空 1');
    await page.keyboard.press('Enter');
    await until('all positions closed', () => readGrid(page, '持仓'), (r) => r.length === 0, 20_000);
    expect(session.run.terminal.engine.portfolio.openPositions()).toHaveLength(0);
  });
});
