import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freshTerminalPerTest, pageErrors, shot } from './harness';
import { num, readGrid, showTab, ticket, until, watchRow } from './ui';

/** What has the keyboard focus, by its accessible name as a screen reader would announce it. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const e = document.activeElement;
    if (!e) return '';
    const aria = e.getAttribute('aria-label');
    if (aria) return aria;
    const own = e.labels && e.labels.length ? e.labels[0].textContent.trim() : '';
    // A radio is announced with its group: 买卖: 买.
    const legend = e.type === 'radio' && e.closest('fieldset') ? e.closest('fieldset').querySelector('legend') : null;
    if (legend) return legend.textContent.trim() + ':' + own;
    return own || (e.textContent || '').trim();
  })()`);
}

/** The ticket, the orders table and the confirmation dialog, driven from the keyboard. */
describe('keyboard use of the ticket and the tables', () => {
  const session = freshTerminalPerTest();

  it('picks a contract, tabs through labelled controls, steps the price and sends with Enter and F1', async () => {
    const page = session.ui.page;
    await until('ni2603 quoted', () => watchRow(page, 'ni2603'), (r) => num(r['买一价']) > 0);
    const contract = ticket(page).getByRole('combobox', { name: '合约' });
    await contract.click();
    await page.keyboard.type('ni2603');
    await page.keyboard.press('Enter');
    await until('the ticket on ni2603', () => ticket(page).innerText(), (t) => t.includes('沪镍2603'));

    // Tab walks the ticket in reading order; every stop has a name.
    const stops: string[] = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      stops.push(await focusedName(page));
      if (stops[stops.length - 1] === '手数') break;
    }
    expect(stops).toEqual(['买卖:买', '开平:开仓', '价格', '委托价', '条件单', '预埋单', '条件:当日有效', '手数']);
    for (const s of stops) expect(s).not.toBe('');

    // Type the lots, then go back to the price and step it one tick (ni: 10) with the arrow key.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+Tab');
    expect(await focusedName(page)).toBe('委托价');
    const bid = num((await watchRow(page, 'ni2603'))['买一价']);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(bid - 500));
    await page.keyboard.press('ArrowUp');
    const price = ticket(page).getByLabel('委托价', { exact: true });
    expect(num(await price.inputValue())).toBe(bid - 490);

    // Enter sends the ticket's side and offset: a buy open of 2 lots resting below the market.
    await page.keyboard.press('Enter');
    await showTab(page, '委托');
    const [first] = await until('the order in 委托', () => readGrid(page, '委托'), (r) => r.length === 1 && r[0]!['状态'] === '已报');
    expect(first!['合约']).toBe('ni2603');
    expect(num(first!['委托量'])).toBe(2);
    expect(num(first!['委托价'])).toBe(bid - 490);
    expect(first!['买卖']).toBe('买');
    expect(first!['开平']).toBe('开仓');

    // F2 sells to open at the same price: it would trade against the resting buy, and the engine says so.
    await page.keyboard.press('F2');
    const [sell] = await until('the F2 order', () => readGrid(page, '委托'), (r) => r.length === 2 && r[0]!['买卖'] === '卖');
    expect(sell!['状态']).toBe('已拒绝');
    expect(sell!['状态信息']).toBe(`可能自成交：与本账户挂单 ${first!['委托号']}（价格 ${bid - 490}）对敲`);

    // The orders table: focus it, arrow to the resting buy, Delete cancels it.
    const grid = page.getByRole('grid', { name: '委托' });
    await grid.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    const selected = grid.locator('[role=row][aria-selected=true]');
    expect(await selected.getByRole('gridcell').nth(1).innerText()).toBe(first!['委托号']);
    await page.keyboard.press('Delete');
    await until('the buy cancelled', () => readGrid(page, '委托'), (r) => r.find((x) => x['委托号'] === first!['委托号'])?.['状态'] === '已撤单');
    await shot(page, 'keyboard-orders');
    expect(pageErrors(page)).toEqual([]);
  });

  it('asks for confirmation when it is on: Escape cancels, Enter sends', async () => {
    const page = session.ui.page;
    const q = await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['买一价']) > 0);
    const confirm = ticket(page).getByRole('checkbox', { name: '下单前确认' });
    await confirm.focus();
    await page.keyboard.press('Space');
    await until('confirmation saved', async () => session.run.terminal.settings.get().confirmOrders, (v) => v === true);
    await ticket(page).getByLabel('委托价', { exact: true }).fill(String(num(q['买一价']) - 30));

    await page.keyboard.press('F1');
    const dialog = page.getByRole('dialog', { name: '确认下单' });
    await until('the dialog', () => dialog.count(), (n) => n === 1);
    expect(await dialog.innerText()).toContain(`买开仓 rb2605 1 手 @ ${num(q['买一价']) - 30}`);
    expect(await focusedName(page)).toBe('确认');
    await shot(page, 'keyboard-confirm');
    await page.keyboard.press('Escape');
    await until('the dialog gone', () => dialog.count(), (n) => n === 0);
    await new Promise((r) => setTimeout(r, 400));
    expect(session.run.terminal.engine.oms.orders.size).toBe(0);

    await page.keyboard.press('F1');
    await until('the dialog again', () => dialog.count(), (n) => n === 1);
    await page.keyboard.press('Enter');
    await until('the order sent', async () => session.run.terminal.engine.oms.orders.size, (n) => n === 1);
    await showTab(page, '委托');
    await until('the order in 委托', () => readGrid(page, '委托'), (r) => r.length === 1);
  });

  it('takes a price clicked on the depth ladder into the ticket', async () => {
    const page = session.ui.page;
    const q = await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['卖一价']) > 0);
    // A still market, so the ladder's price is the one compared.
    session.run.terminal.pause();
    await new Promise((r) => setTimeout(r, 300));
    const ask = page.getByRole('button', { name: /^卖1 \d+$/ });
    const label = (await ask.getAttribute('aria-label')) ?? '';
    await ask.click();
    const price = ticket(page).getByLabel('委托价', { exact: true });
    await until('the ask in the ticket', () => price.inputValue(), (v) => v === label.split(' ')[1]);
    expect(Math.abs(num(label.split(' ')[1]) - num(q['卖一价']))).toBeLessThan(50);
    // Clicking the ask sets up a buy; the bid, a sell.
    await until('a buy set up', () => ticket(page).getByRole('radio', { name: '买' }).isChecked(), (v) => v);
    await page.getByRole('button', { name: /^买1 \d+$/ }).click();
    await until('a sell set up', () => ticket(page).getByRole('radio', { name: '卖' }).isChecked(), (v) => v);
  });
});
