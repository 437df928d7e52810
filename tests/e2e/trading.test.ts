import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StatementView } from '../../src/shared/model/statement';
import { freshTerminalPerTest, pageErrors, shot, type Browser } from './harness';
import { close, cutOff, fillTicket, num, readAccount, readGrid, showTab, ticket, toasts, until, watchRow, type Row } from './ui';

/**
 * The trader's first session (issue 2): quotes move, a limit buy at the ask fills and shows in trades, positions
 * and an account that adds up; a resting order is cancelled; bad orders are refused with the reason shown.
 */
describe('trading screen: quotes, a fill, a cancel, refusals', () => {
  const session = freshTerminalPerTest();

  /** A limit buy of rebar 20 below the bid from the ticket, read back from 委托 once it rests there. */
  async function restingBuy(page: Browser['page'], lots: number): Promise<{ price: number; working: Row }> {
    const quote = await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['买一价']) > 0);
    const price = num(quote['买一价']) - 20;
    await fillTicket(page, { price: String(price), volume: String(lots) });
    await ticket(page).getByTestId('quick-buyOpen').click();
    await showTab(page, '委托');
    const [working] = await until('the order resting in 委托', () => readGrid(page, '委托'), (rows) => rows[0]?.['状态'] === '已报');
    return { price, working: working! };
  }

  it('shows the three replayed contracts with quotes that move', async () => {
    const page = session.ui.page;
    const first = await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['最新价']) > 0);
    expect(first['名称']).toBe('螺纹2605');
    for (const code of ['cu2603', 'ni2603']) expect(num((await watchRow(page, code))['最新价'])).toBeGreaterThan(0);
    // Within the day's limits, on the tick, and the bid below the ask.
    const last = num(first['最新价']);
    expect(Number.isInteger(last)).toBe(true);
    expect(last).toBeLessThanOrEqual(num(first['涨停']));
    expect(last).toBeGreaterThanOrEqual(num(first['跌停']));
    expect(num(first['买一价'])).toBeLessThan(num(first['卖一价']));
    expect(num(first['涨跌'])).toBeCloseTo(last - num(first['昨结算']), 6);
    // 昨结算 is the day before's settlement price (its volume-weighted average), 昨收 its last price: both shown.
    const tick = session.run.terminal.engine.market.get('SHFE.rb2605')!.tick!;
    expect([num(first['昨结算']), num(first['昨收'])]).toEqual([tick.preSettlement, tick.preClose]);
    // The quote moves: the time advances and the volume grows.
    const later = await until('rb2605 to tick again', () => watchRow(page, 'rb2605'), (r) => r['时间'] !== first['时间'] && num(r['成交量']) > num(first['成交量']));
    expect(num(later['成交量'])).toBeGreaterThan(num(first['成交量']));
    await shot(page, 'trading-quotes');
    expect(pageErrors(page)).toEqual([]);
  });

  it('fills a limit buy at the ask and shows the trade, the long position and an account that adds up', async () => {
    const page = session.ui.page;
    const quote = await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['卖一价']) > 0);
    const limit = num(quote['卖一价']) + 2;
    await fillTicket(page, { price: String(limit), volume: '1' });
    await ticket(page).getByTestId('quick-buyOpen').click();

    await showTab(page, '成交');
    const [trade] = await until('the fill in 成交', () => readGrid(page, '成交'), (rows) => rows.length === 1);
    expect(trade!['合约']).toBe('rb2605');
    expect(trade!['买卖']).toBe('买');
    expect(trade!['开平']).toBe('开仓');
    expect(num(trade!['成交量'])).toBe(1);
    const fillPrice = num(trade!['成交价']);
    // A buy at or above the ask fills at the ask, never above the limit.
    expect(fillPrice).toBeLessThanOrEqual(limit);
    expect(num(trade!['手续费'])).toBeGreaterThan(0);

    await showTab(page, '持仓');
    const [pos] = await until('long 1 in 持仓', () => readGrid(page, '持仓'), (rows) => rows.length === 1 && rows[0]!['总持仓'] === '1');
    expect(pos!['合约']).toBe('rb2605');
    expect(pos!['多/空']).toBe('多');
    expect(num(pos!['今仓'])).toBe(1);
    expect(num(pos!['开仓均价'])).toBe(fillPrice);
    // rb: 10 t a lot, so the floating P&L is ten times the price move.
    expect(close(num(pos!['浮动盈亏']), (num(pos!['最新价']) - fillPrice) * 10)).toBe(true);

    // The account: equity, margin and available cash tie together, and the fee is the trade's.
    const acc = await until('the account to carry the margin', () => readAccount(page), (a) => a['margin']! > 0);
    expect(acc['staticBalance']).toBe(100_000);
    expect(close(acc['commission']!, num(trade!['手续费']))).toBe(true);
    expect(close(acc['balance']!, acc['staticBalance']! + acc['closeProfit']! + acc['positionProfit']! - acc['commission']!)).toBe(true);
    expect(close(acc['available']!, acc['balance']! - acc['margin']! - acc['frozenMargin']! - acc['frozenCommission']!)).toBe(true);
    expect(close(acc['riskRatio']!, (acc['margin']! / acc['balance']!) * 100, 0.006)).toBe(true);
    const posNow = (await readGrid(page, '持仓'))[0]!;
    expect(close(num(posNow['保证金']), acc['margin']!, 1)).toBe(true);
    await expectFormulaShown(page);

    // The engine agrees with the screen.
    const engine = session.run.terminal.engine;
    expect(engine.portfolio.openPositions().map((p) => [p.symbol, p.direction, p.volume])).toEqual([['SHFE.rb2605', 'long', 1]]);
    await shot(page, 'trading-filled');
    expect(pageErrors(page)).toEqual([]);
  });

  it('moves funds into and out of the simulated account from 资金, and says why a withdrawal is refused', async () => {
    const page = session.ui.page;
    await until('the account shown', () => readAccount(page), (a) => a['available'] === 100_000);
    const form = page.getByRole('form', { name: '出入金' });
    await form.getByLabel('金额').fill('400,000');
    await form.getByRole('button', { name: '入金' }).click();
    await until('the deposit toast', () => toasts(page), (t) => t.includes('已入金 400,000.00'));
    const acc = await until('the deposit in 资金', () => readAccount(page), (a) => a['deposit'] === 400_000);
    expect([acc['staticBalance'], acc['available']]).toEqual([500_000, 500_000]);
    // No more out than is available.
    await form.getByLabel('金额').fill('600000');
    await form.getByRole('button', { name: '出金' }).click();
    await until('the refusal', () => toasts(page), (t) => t.some((x) => x.includes('出金 600000.00 超过可用资金 500000.00')));
    await form.getByLabel('金额').fill('50000.5');
    await form.getByRole('button', { name: '出金' }).click();
    const after = await until('the withdrawal in 资金', () => readAccount(page), (a) => a['withdraw'] === 50_000.5);
    expect(after['staticBalance']).toBe(449_999.5);
    expect(session.run.terminal.engine.accountSnapshot().available).toBeCloseTo(449_999.5, 6);
    await shot(page, 'account-transfer');
  });

  it('shows the settlement statement (结算单) of each settled day in 资金, and saves it as a text file', async () => {
    const page = session.ui.page;
    const view = (await session.run.api.call('account.statement', {})) as StatementView;
    const newest = view.statement!;
    expect(view.days.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: '结算单', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '结算单' });
    const text = dialog.getByTestId('statement-text');
    await expect.poll(() => text.textContent()).toContain('交易结算单（逐日盯市）');
    expect(await dialog.getByLabel('交易日').inputValue()).toBe(String(newest.tradingDay));
    const money = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(await text.textContent()).toMatch(new RegExp(`期末结存\\s+${money(newest.funds.balance)}`));
    await shot(page, 'account-statement');

    // Another day, picked from the list.
    if (view.days.length > 1) {
      const older = view.days[view.days.length - 1]!;
      await dialog.getByLabel('交易日').selectOption(String(older));
      await expect.poll(() => text.textContent()).toContain(`交易日: ${String(older).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')}`);
    }
    // Saved as the text shown, with a byte-order mark so that Notepad reads the Chinese.
    const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '保存为文件' }).click()]);
    const day = await dialog.getByLabel('交易日').inputValue();
    expect(file.suggestedFilename()).toBe(`结算单_sim_${day}.txt`);
    const saved = fs.readFileSync((await file.path())!, 'utf8');
    expect(saved.startsWith('\ufeff')).toBe(true);
    expect(saved.slice(1).trimEnd()).toBe((await text.textContent())!.trimEnd());
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  });

  it('cancels a resting order', async () => {
    const page = session.ui.page;
    const { price, working } = await restingBuy(page, 1);
    expect(num(working!['委托价'])).toBe(price);
    expect(num(working!['未成交'])).toBe(1);
    expect(working!['来源']).toBe('手动');
    await shot(page, 'trading-resting');
    await page.getByRole('button', { name: `撤销委托 ${working!['委托号']}` }).click();
    const [cancelled] = await until('the order cancelled', () => readGrid(page, '委托'), (rows) => rows[0]?.['状态'] === '已撤单');
    expect(cancelled!['状态信息']).toBe('已撤单');
    expect(num(cancelled!['未成交'])).toBe(0);
    expect(session.run.terminal.engine.oms.allWorking()).toHaveLength(0);
    // Nothing is frozen any more.
    const acc = await until('frozen margin released', () => readAccount(page), (a) => a['frozenMargin'] === 0);
    expect(acc['available']).toBe(100_000);
    // The 日志 says so, and still does after the page is opened again.
    const line = `已撤单 #${working!['委托号']} rb2605 买开，未成交 1 手`;
    await showTab(page, '日志');
    const logged = await until('the cancel in 日志', () => readGrid(page, '日志'), (rows) => rows.some((r) => r['内容'] === line));
    expect(logged.find((r) => r['内容'] === line)).toMatchObject({ 级别: '信息', 来源: '手动' });
    await page.reload();
    await showTab(page, '日志');
    await until('the cancel in 日志 after a reload', () => readGrid(page, '日志'), (rows) => rows.some((r) => r['内容'] === line));
  });

  it('modifies a resting order (改单): cancelled, and sent again at the new price, a bad price refused in the dialog', async () => {
    const page = session.ui.page;
    const { price, working } = await restingBuy(page, 2);
    const id = working!['委托号']!;
    await page.getByRole('button', { name: `改单 #${id}` }).click();
    const dialog = page.getByRole('dialog', { name: `改单 #${id} rb2605 买开仓` });
    expect(await dialog.getByLabel('新价格').inputValue()).toBe(String(price));
    expect(await dialog.getByLabel('手数').inputValue()).toBe('2');
    await dialog.getByLabel('新价格').fill(String(price - 0.5));
    await dialog.getByRole('button', { name: '改单' }).click();
    await until('the refusal in the dialog', () => dialog.getByRole('alert').innerText(), (x) => x.includes('不是最小变动价位'));
    await dialog.getByLabel('新价格').fill(String(price - 10));
    await dialog.getByRole('button', { name: '改单' }).click();
    await until('the toast', () => toasts(page), (t) => t.includes(`委托 #${id} 改单已发出`));
    const rows = await until('the old one cancelled and the new one resting', () => readGrid(page, '委托'), (r) => r.length === 2 && r.some((o) => o['状态'] === '已报'));
    const fresh = rows.find((o) => o['状态'] === '已报')!;
    expect([num(fresh['委托价']), num(fresh['委托量']), fresh['开平'], fresh['来源']]).toEqual([price - 10, 2, '开仓', '手动']);
    expect(rows.find((o) => o['委托号'] === id)!['状态']).toBe('已撤单');
    // The K线 draws the working order at its new price, not the old one.
    await until('the order on the chart', () => page.getByTestId('chart').getAttribute('data-orders'), (v) => v === `buy open 2 @ ${price - 10}`);
    expect(await cutOff(page, '委托')).toEqual([]);
    await shot(page, 'trading-replaced');
    expect(pageErrors(page)).toEqual([]);
  });

  it('refuses zero volume, an unknown contract and a price off the tick, saying why', async () => {
    const page = session.ui.page;
    await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['最新价']) > 0);
    await showTab(page, '委托');

    await fillTicket(page, { price: '3100', volume: '0' });
    await ticket(page).getByTestId('quick-buyOpen').click();
    await until('the zero-volume refusal toast', () => toasts(page), (t) => t.some((x) => x.includes('委托量必须为正整数（当前 0）')));

    await fillTicket(page, { price: '3100.5', volume: '1' });
    await ticket(page).getByTestId('quick-buyOpen').click();
    await until('the off-tick refusal toast', () => toasts(page), (t) => t.some((x) => x.includes('委托价 3100.5 不是最小变动价位 1 的整数倍')));

    const symbol = ticket(page).getByRole('combobox', { name: '合约' });
    await symbol.fill('zz2605');
    await symbol.press('Enter');
    await fillTicket(page, { price: '3100', volume: '1' });
    await ticket(page).getByTestId('quick-buyOpen').click();
    await until('the unknown-contract refusal toast', () => toasts(page), (t) => t.some((x) => x.includes('合约无效') && x.includes('zz')));

    // Each refusal is in 委托 as 已拒绝 with its reason as 状态信息.
    const rows = await until('three refused orders', () => readGrid(page, '委托'), (r) => r.filter((x) => x['状态'] === '已拒绝').length === 3);
    const messages = rows.map((r) => r['状态信息']);
    expect(messages).toContain('委托量必须为正整数（当前 0）');
    expect(messages).toContain('委托价 3100.5 不是最小变动价位 1 的整数倍');
    expect(messages.some((m) => m?.startsWith('合约无效'))).toBe(true);
    await shot(page, 'trading-refused');
    // And in 日志, as warnings.
    await showTab(page, '日志');
    const warned = await until('the refusals in 日志', () => readGrid(page, '日志'), (r) => r.filter((x) => x['内容']?.startsWith('委托被拒')).length === 3);
    const zero = warned.find((x) => x['内容']?.endsWith('rb2605 买开 0 手：委托量必须为正整数（当前 0）'));
    expect(zero?.['级别']).toBe('警告');
    // The engine kept running and nothing was opened.
    expect(session.run.terminal.engine.portfolio.openPositions()).toHaveLength(0);
    const t0 = session.run.terminal.clock.now();
    await until('the market to move on', async () => session.run.terminal.clock.now(), (t) => t > t0);
  });
});

async function expectFormulaShown(page: Browser['page']): Promise<void> {
  const text = await page.getByTestId('risk-formula').innerText();
  expect(text).toMatch(/^风险度 = 保证金占用 ÷ 动态权益 = [\d,.]+ ÷ [\d,.]+$/);
}
