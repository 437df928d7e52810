import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freshTerminalPerTest, pageErrors, shot } from './harness';
import { num, until, watchRow } from './ui';

/** The tabs that share a tab group with `tab`, in order. */
async function groupOf(page: Page, tab: string): Promise<string[]> {
  const list = page.getByRole('tablist').filter({ has: page.getByRole('tab', { name: tab, exact: true }) });
  return list.getByRole('tab').allInnerTexts();
}

/** Panels are rearranged by dragging tabs and resized by splitters; the layout survives a reload. */
describe('workspace layout', () => {
  const session = freshTerminalPerTest();

  it('moves a panel to another group, splits a group, resizes, keeps it all across a reload, and resets', async () => {
    const page = session.ui.page;
    await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['最新价']) > 0);
    expect(await groupOf(page, '委托')).toEqual(['持仓', '委托', '成交', '条件单', '日志']);

    // Drag 委托 onto the quotes' tab bar: it joins that group and is shown.
    await page.getByRole('tab', { name: '委托', exact: true }).dragTo(page.getByRole('tablist').filter({ has: page.getByRole('tab', { name: '行情', exact: true }) }));
    await until('委托 beside 行情', () => groupOf(page, '委托'), (g) => g.includes('行情') && g.includes('委托'));
    expect(await page.getByRole('tab', { name: '委托', exact: true }).getAttribute('aria-selected')).toBe('true');
    expect(await groupOf(page, '持仓')).toEqual(['持仓', '成交', '条件单', '日志']);

    // Drag 成交 onto the chart's body: a new group of its own below the chart.
    await page.getByRole('tab', { name: '成交', exact: true }).dragTo(page.getByTestId('chart'));
    await until('成交 alone', () => groupOf(page, '成交'), (g) => g.length === 1);

    // Widen the right column with the splitter between the columns.
    const ticket = page.getByRole('form', { name: '下单' });
    const before = (await ticket.boundingBox())!.width;
    const splitter = page.locator('.ws-splitter.vertical').first();
    const sb = (await splitter.boundingBox())!;
    await page.mouse.move(sb.x + sb.width / 2, sb.y + 200);
    await page.mouse.down();
    await page.mouse.move(sb.x - 150, sb.y + 200, { steps: 8 });
    await page.mouse.up();
    const after = (await ticket.boundingBox())!.width;
    expect(after).toBeGreaterThan(before + 100);
    await shot(page, 'layout-rearranged');

    // Saved: a reload brings the same arrangement back.
    await page.waitForTimeout(500);
    await page.reload();
    await until('the layout restored', () => groupOf(page, '委托'), (g) => g.includes('行情'));
    expect(await groupOf(page, '成交')).toEqual(['成交']);
    expect(Math.abs((await ticket.boundingBox())!.width - after)).toBeLessThan(4);

    await page.getByRole('button', { name: '重置布局' }).click();
    await until('the default layout', () => groupOf(page, '委托'), (g) => g.join() === '持仓,委托,成交,条件单,日志');
    expect(pageErrors(page)).toEqual([]);
  });

  it('holds the strategy, backtest, data and settings screens beside the chart, and maximises a group and back', async () => {
    const page = session.ui.page;
    await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['最新价']) > 0);
    expect(await groupOf(page, 'K线')).toEqual(['K线', '策略', '回测', '数据', '设置']);
    // Each screen is a real one now: its own sections, no placeholder.
    for (const [tab, section] of [
      ['策略', /^实例/],
      ['回测', /^回测设置$/],
      ['数据', /^已存数据$/],
      ['设置', /^通用$/],
    ] as const) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await until(`${tab} shown`, () => page.getByRole('tab', { name: section }).count(), (n) => n === 1);
    }
    // The top bar's 设置 brings the settings to the front wherever they are.
    await page.getByRole('tab', { name: 'K线', exact: true }).click();
    await page.getByRole('button', { name: '设置', exact: true }).click();
    await until('settings in front', () => page.getByRole('tab', { name: '设置', exact: true }).getAttribute('aria-selected'), (v) => v === 'true');

    // Maximised by a double click on a tab: that group fills the workspace; the button restores it.
    await page.getByRole('tab', { name: '回测', exact: true }).dblclick();
    await until('the backtest group alone', () => page.getByRole('tablist').count(), (n) => n === 2);
    expect(await page.getByRole('grid', { name: '行情' }).count()).toBe(0);
    const ws = (await page.locator('.workspace').boundingBox())!;
    const group = (await page.locator('.ws-group').first().boundingBox())!;
    expect(group.width).toBeGreaterThan(ws.width - 20);
    await shot(page, 'layout-maximised');
    await page.getByRole('button', { name: '还原' }).click();
    await until('every group back', () => page.getByRole('grid', { name: '行情' }).count(), (n) => n === 1);
    expect(await groupOf(page, '委托')).toEqual(['持仓', '委托', '成交', '条件单', '日志']);
    expect(pageErrors(page)).toEqual([]);
  });
});
