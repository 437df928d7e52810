import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/main/server';
import { openUi, pageErrors, RENDERER_DIR, shot, startTerminal, type Browser, type Running } from './harness';
import { fillTicket, num, readGrid, showTab, ticket, toasts, until, watchRow } from './ui';

/** The WebSocket link: its state is shown, it reconnects with back-off, and the screen resyncs after a drop. */
describe('connection to the headless engine', () => {
  let run: Running;
  let ui: Browser | undefined;
  let second: RunningServer | undefined;

  beforeEach(async () => {
    run = await startTerminal();
  });

  afterEach(async () => {
    await ui?.close();
    await second?.close();
    await run?.close();
    ui = undefined;
    second = undefined;
  });

  it('shows the drop, refuses to send while down, reconnects and catches up on what happened meanwhile', async () => {
    ui = await openUi(run.server.url);
    const page = ui.page;
    const status = page.getByTestId('connection');
    await until('connected', () => status.innerText(), (t) => t === '已连接');
    await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['卖一价']) > 0);

    // The server goes away (the engine keeps running).
    const { port, token } = run.server;
    await run.server.close();
    await until('the drop shown', () => status.getAttribute('data-status'), (s) => s === 'reconnecting');
    expect(await status.innerText()).toMatch(/^连接中断，重连中（第 \d+ 次）$/);
    await shot(page, 'connection-down');

    // An order tried while down is not sent, and the trader is told.
    await fillTicket(page, { price: '3000', volume: '1' });
    await ticket(page).getByTestId('quick-buyOpen').click();
    await until('the not-sent toast', () => toasts(page), (t) => t.includes('与引擎的连接已断开，委托未发出'));
    expect(run.terminal.engine.oms.orders.size).toBe(0);

    // Meanwhile an order reaches the engine another way (another client): the screen must learn of it.
    const tick = run.terminal.engine.market.get('SHFE.rb2605')!.tick!;
    run.terminal.engine.sendOrder({ symbol: 'SHFE.rb2605', side: 'buy', offset: 'open', type: 'limit', price: tick.ask + 3, volume: 1, source: 'manual' });

    second = await startServer({ api: run.api, port, token, staticDir: RENDERER_DIR });
    await until('reconnected', () => status.innerText(), (t) => t === '已连接', 20_000);
    await showTab(page, '持仓');
    await until('the position opened while down', () => readGrid(page, '持仓'), (r) => r.length === 1 && r[0]!['总持仓'] === '1');
    // Quotes flow again.
    const t0 = (await watchRow(page, 'rb2605'))['时间'];
    await until('quotes moving again', () => watchRow(page, 'rb2605'), (r) => r['时间'] !== t0);
    expect(pageErrors(page).filter((e) => !e.includes('WebSocket'))).toEqual([]);
  });

  it('says so when the page was opened without its access token', async () => {
    ui = await openUi(run.server.url.replace(/\?token=.*/, ''));
    const status = ui.page.getByTestId('connection');
    await until('the missing-token message', () => status.innerText(), (t) => t.includes('链接缺少访问令牌'));
    expect(await ui.page.locator('.vt-body [role=row]').count()).toBe(0);
  });

  it('keeps retrying with a wrong token and never shows data', async () => {
    ui = await openUi(run.server.url.replace(/token=.*/, 'token=wrong-token-0123456789'));
    const status = ui.page.getByTestId('connection');
    await until('the unreachable message', () => status.innerText(), (t) => t === '无法连接交易引擎，正在重试');
    expect(await ui.page.locator('.vt-body [role=row]').count()).toBe(0);
  });
});
