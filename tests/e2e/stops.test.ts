import { describe, expect, it } from 'vitest';
import { freshTerminalPerTest, pageErrors, shot } from './harness';
import { cutOff, num, readGrid, showTab, until } from './ui';

/**
 * 条件单: the stop orders a strategy (a trailing stop) or the trader placed, waiting or done, and cancelling one.
 * Before, the engine held them and the screen showed none of them.
 */
describe('stop orders', () => {
  const session = freshTerminalPerTest();

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
});
