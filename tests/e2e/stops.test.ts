import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shanghaiToEpoch } from '../../src/shared/model/time';
import { freshTerminalPerTest, pageErrors, shot } from './harness';
import { cutOff, fillTicket, num, readGrid, showTab, ticket, toasts, until, watchRow } from './ui';

/**
 * 条件单: the stop orders a strategy (a trailing stop) or the trader placed, waiting or done, and cancelling one.
 * Before, the engine held them and the screen showed none of them.
 */
describe('stop orders', () => {
  const session = freshTerminalPerTest();

  /** Buys `lots` of rebar through the ask from the ticket and waits for the long position in 持仓. */
  async function holdLong(page: Page, lots: number): Promise<void> {
    const quote = await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['卖一价']) > 0);
    await fillTicket(page, { price: String(num(quote['卖一价']) + 2), volume: String(lots) });
    await ticket(page).getByTestId('quick-buyOpen').click();
    await showTab(page, '持仓');
    await until(`long ${lots}`, () => readGrid(page, '持仓'), (r) => r[0]?.['总持仓'] === String(lots));
  }

  it('shows a waiting stop with its trigger, one that fired with the order it sent, and cancels the waiting one', async () => {
    const page = session.ui.page;
    const engine = session.run.terminal.engine;
    const last = await until('rb2605 quoted', async () => engine.market.get('SHFE.rb2605')?.last ?? 0, (p) => p > 0);
    // A strategy's protective sell stop well below the market, as a stop-limit; and a buy stop the market is already
    // above, which fires on the next tick as a market order.
    const protective = engine.sendStopOrder({ symbol: 'SHFE.rb2605', side: 'sell', offset: 'open', volume: 2, triggerPrice: last - 200, limitPrice: last - 202, source: 'wt1' });
    const firing = engine.sendStopOrder({ symbol: 'SHFE.rb2605', side: 'buy', offset: 'open', volume: 1, triggerPrice: last - 50 });
    if (!('id' in protective) || !('id' in firing)) throw new Error('stop orders refused');

    await showTab(page, '条件单');
    const [waiting] = await until('the waiting stop', () => readGrid(page, '条件单'), (r) => r.length === 1 && r[0]!['编号'] === protective.id);
    expect(waiting!['合约']).toBe('rb2605');
    expect(waiting!['买卖']).toBe('卖');
    expect(waiting!['触发条件']).toBe(`最新价 ≤ ${last - 200}`);
    expect(num(waiting!['触发后委托'])).toBe(last - 202);
    expect(num(waiting!['委托量'])).toBe(2);
    expect(waiting!['状态']).toBe('等待触发');
    expect(waiting!['来源']).toBe('wt1');

    await page.getByRole('radio', { name: '全部' }).click();
    const fired = await until('the stop that fired', () => readGrid(page, '条件单'), (r) => r.some((x) => x['编号'] === firing.id && x['状态'] === '已触发'));
    const row = fired.find((x) => x['编号'] === firing.id)!;
    expect(row['触发条件']).toBe(`最新价 ≥ ${last - 50}`);
    expect(row['触发后委托']).toBe('市价');
    expect(row['来源']).toBe('手动');
    const sent = firing.orderIds;
    expect(sent.length).toBe(1);
    expect(row['触发委托']).toBe(sent[0]);
    // The order it sent is in 委托 with the same number.
    await showTab(page, '委托');
    await until('the order the stop sent', () => readGrid(page, '委托'), (r) => r.some((x) => x['委托号'] === sent[0]));
    await showTab(page, '条件单');
    await shot(page, 'stops-all');

    // Back on the tab it opens on the waiting ones: cancel the strategy's stop there.
    await until('the waiting stop again', () => readGrid(page, '条件单'), (r) => r.length === 1);
    expect(await cutOff(page, '条件单')).toEqual([]);
    await page.getByRole('button', { name: `撤销条件单 ${protective.id}` }).click();
    await until('nothing waiting', () => readGrid(page, '条件单'), (r) => r.length === 0);
    expect(await page.getByRole('grid', { name: '条件单' }).innerText()).toContain('没有等待触发的条件单');
    expect(engine.stops.waiting()).toEqual([]);
    await page.getByRole('radio', { name: '全部' }).click();
    await until('the cancelled stop', () => readGrid(page, '条件单'), (r) => r.find((x) => x['编号'] === protective.id)?.['状态'] === '已撤销');
    expect(pageErrors(page)).toEqual([]);
  });

  it('places a 条件单 from the ticket, a stop-limit that waits for its trigger, and says why one is refused', async () => {
    const page = session.ui.page;
    const engine = session.run.terminal.engine;
    const last = await until('rb2605 quoted', async () => engine.market.get('SHFE.rb2605')?.last ?? 0, (p) => p > 0);
    const tk = ticket(page);
    await fillTicket(page, { price: String(last + 105), volume: '2' });
    await tk.getByLabel('条件单').check();
    // It starts from the last price; a breakout buy above the market.
    expect(num(await tk.getByLabel('触发价', { exact: true }).inputValue())).toBeGreaterThan(0);
    await tk.getByLabel('触发价', { exact: true }).fill(String(last + 100));
    expect(await tk.getByRole('button', { name: /设置条件单/ }).innerText()).toContain('设置条件单 · 买开仓');
    await tk.getByTestId('quick-buyOpen').click();
    await until('the placed toast', () => toasts(page), (t) => t.some((x) => x === `条件单 S1 已设置：最新价 ≥ ${last + 100} 时买开仓 2 手`));

    await showTab(page, '条件单');
    const [row] = await until('the stop waiting', () => readGrid(page, '条件单'), (r) => r.length === 1);
    expect([row!['编号'], row!['买卖'], row!['开平'], row!['触发条件'], num(row!['触发后委托']), num(row!['委托量']), row!['来源']]).toEqual([
      'S1', '买', '开仓', `最新价 ≥ ${last + 100}`, last + 105, 2, '手动',
    ]);
    const held = engine.stops.waiting();
    expect(held.map((x) => [x.side, x.offset, x.triggerPrice, x.limitPrice, x.volume])).toEqual([['buy', 'open', last + 100, last + 105, 2]]);
    // No order went out: it waits in the engine, not at the exchange.
    expect(engine.oms.allWorking()).toEqual([]);

    // A trigger between two ticks of rebar (1 CNY) is refused with the engine's reason.
    await tk.getByLabel('触发价', { exact: true }).fill(`${last + 100}.5`);
    await tk.getByTestId('quick-buyOpen').click();
    await until('the refusal', () => toasts(page), (t) => t.some((x) => x.includes(`条件单无效：触发价 ${last + 100}.5 不是最小变动价位 1 的整数倍`)));
    expect(engine.stops.waiting()).toHaveLength(1);

    // A buy when the price falls to the trigger: the condition chosen, not the stop's own way.
    await tk.getByLabel('触发价', { exact: true }).fill(String(last - 100));
    await tk.getByLabel('触发条件').selectOption('below');
    await tk.getByTestId('quick-buyOpen').click();
    await until('the placed toast', () => toasts(page), (t) => t.some((x) => x === `条件单 S2 已设置：最新价 ≤ ${last - 100} 时买开仓 2 手`));
    const rows = await until('two stops waiting', () => readGrid(page, '条件单'), (r) => r.length === 2);
    expect(rows.find((r) => r['编号'] === 'S2')!['触发条件']).toBe(`最新价 ≤ ${last - 100}`);
    expect(engine.stops.stops.get('S2')!.trigger).toBe('below');
    await shot(page, 'stops-from-ticket');
    expect(pageErrors(page)).toEqual([]);
  });

  it('sets a stop for a position from its row: the ticket closes its lots at the market when the price falls to the trigger', async () => {
    const page = session.ui.page;
    const engine = session.run.terminal.engine;
    await holdLong(page, 2);

    await page.getByRole('button', { name: '为 rb2605 多仓设止损条件单' }).click();
    const tk = ticket(page);
    await until('the ticket set for a stop', () => tk.getByRole('button', { name: /设置条件单/ }).innerText(), (x) => x === '设置条件单 · 卖平仓');
    expect(await tk.getByLabel('条件单').isChecked()).toBe(true);
    expect(await tk.getByLabel('手数', { exact: true }).inputValue()).toBe('2');
    expect(await tk.getByLabel('价格', { exact: true }).inputValue()).toBe('market');
    const last = engine.market.get('SHFE.rb2605')!.last;
    await tk.getByLabel('触发价', { exact: true }).fill(String(last - 30));
    await tk.getByRole('button', { name: /设置条件单/ }).click();

    await showTab(page, '条件单');
    const [row] = await until('the stop waiting', () => readGrid(page, '条件单'), (r) => r.length === 1);
    expect([row!['买卖'], row!['开平'], row!['触发条件'], row!['触发后委托'], row!['委托量']]).toEqual(['卖', '平仓', `最新价 ≤ ${last - 30}`, '市价', '2']);
    expect(engine.stops.waiting().map((x) => [x.side, x.offset, x.volume, x.limitPrice])).toEqual([['sell', 'close', 2, undefined]]);
    await shot(page, 'stops-for-position');
    expect(pageErrors(page)).toEqual([]);
  });

  it('sets 止盈止损 on a position from its row: a stop-loss below, a take-profit above, and says why a wrong one is refused', async () => {
    const page = session.ui.page;
    const engine = session.run.terminal.engine;
    await holdLong(page, 2);

    await page.getByRole('button', { name: '为 rb2605 多仓设止盈止损' }).click();
    const dialog = page.getByRole('dialog', { name: '止盈止损 rb2605 多仓' });
    expect(await dialog.innerText()).toContain('可平 2 手');
    // The market moves on while the trader types: the prices are taken well away from it.
    const last = engine.market.get('SHFE.rb2605')!.last;
    await dialog.getByLabel('止损价').fill(String(last + 500));
    await dialog.getByRole('button', { name: '设置' }).click();
    await until('the refusal in the dialog', () => dialog.getByRole('alert').innerText(), (x) => /^止损价 \d+ 须低于最新价 \d+$/.test(x));
    await dialog.getByLabel('止损价').fill(String(last - 300));
    await dialog.getByLabel('止盈价').fill(String(last + 300));
    await dialog.getByRole('button', { name: '设置' }).click();
    await until('the toast', () => toasts(page), (t) => t.includes('rb2605 止盈止损已设置'));
    expect(await dialog.count()).toBe(0);

    await showTab(page, '条件单');
    const rows = await until('the pair waiting', () => readGrid(page, '条件单'), (r) => r.length === 2);
    expect(rows.map((r) => [r['买卖'], r['开平'], r['触发条件'], r['触发后委托'], r['委托量']]).sort()).toEqual([
      ['卖', '平仓', `止盈止损 最新价 ≤ ${last - 300}`, '市价', '2'],
      ['卖', '平仓', `止盈止损 最新价 ≥ ${last + 300}`, '市价', '2'],
    ]);
    expect(await cutOff(page, '条件单')).toEqual([]);
    const waiting = engine.stops.waiting();
    expect(waiting.map((x) => [x.trigger, x.triggerPrice]).sort()).toEqual([
      ['above', last + 300],
      ['below', last - 300],
    ]);
    // 持仓 shows the pair on its position.
    await showTab(page, '持仓');
    const [held] = await until('the pair on the position', () => readGrid(page, '持仓'), (r) => r[0]?.['止损/止盈'] !== '');
    expect(held!['止损/止盈']).toBe(`${last - 300} / ${last + 300}`);
    expect(await cutOff(page, '持仓')).toEqual([]);
    // The K线 draws both at their prices, named for what they are.
    await until('the pair on the chart', () => page.getByTestId('chart').getAttribute('data-stops'), (v) => v === `takeProfit 2 >= ${last + 300}, stopLoss 2 <= ${last - 300}`);
    await shot(page, 'stops-bracket');
    expect(pageErrors(page)).toEqual([]);
  });
});

/** 预埋单: an order for a contract that is not trading, held until its session opens. Before, it was only refused. */
describe('parked orders', () => {
  // Past rebar's night close (23:00), the replay held still so that nothing opens before the test says so.
  const session = freshTerminalPerTest(() => ({ warmUntil: shanghaiToEpoch(2026, 1, 6, 23, 15), autoPlay: false }));

  it('parks an order from the ticket while rebar is closed and sends it at the next open', async () => {
    const page = session.ui.page;
    const terminal = session.run.terminal;
    const last = terminal.engine.market.get('SHFE.rb2605')!.last;
    const tk = ticket(page);
    await fillTicket(page, { price: String(last + 20), volume: '2' });
    // Sent now, it is refused, saying when rebar trades next.
    await tk.getByTestId('quick-buyOpen').click();
    await until('the refusal', () => toasts(page), (t) => t.some((x) => x.includes('非交易时段：rb2605 下一交易时段 2026-01-07 09:00 开始')));
    // The ticket said so before it was sent, and points to 预埋单.
    expect(await tk.getByTestId('ticket-closed').innerText()).toBe('非交易时段，下一交易时段 2026-01-07 09:00 开始：可勾选预埋单，开盘时发出');
    await tk.getByLabel('预埋单').check();
    expect(await tk.getByTestId('ticket-closed').count()).toBe(0);
    expect(await tk.getByRole('button', { name: /预埋 · / }).innerText()).toContain('预埋 · 买开仓');
    await tk.getByTestId('quick-buyOpen').click();
    await until('the parked toast', () => toasts(page), (t) => t.some((x) => x === '预埋单 S1 已存：2026-01-07 09:00 开盘时买开仓 2 手'));
    await showTab(page, '条件单');
    const [row] = await until('the parked order waiting', () => readGrid(page, '条件单'), (r) => r.length === 1);
    expect([row!['触发条件'], num(row!['触发后委托']), num(row!['委托量']), row!['状态']]).toEqual(['开盘 01-07 09:00', last + 20, 2, '等待触发']);
    expect(terminal.engine.oms.allWorking()).toEqual([]);

    // The market opens: it is sent with the first tick.
    terminal.replay.playUntil(shanghaiToEpoch(2026, 1, 7, 9, 0, 30));
    await page.getByRole('radio', { name: '全部' }).click();
    const [fired] = await until('it fired', () => readGrid(page, '条件单'), (r) => r[0]?.['状态'] === '已触发');
    await showTab(page, '委托');
    const orders = await until('its order in 委托', () => readGrid(page, '委托'), (r) => r.some((x) => x['委托号'] === fired!['触发委托']));
    const sent = orders.find((x) => x['委托号'] === fired!['触发委托'])!;
    expect([sent['买卖'], sent['开平'], num(sent['委托价']), num(sent['委托量'])]).toEqual(['买', '开仓', last + 20, 2]);
    await shot(page, 'stops-parked');
    expect(pageErrors(page)).toEqual([]);
  });
});
