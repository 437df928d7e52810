import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openUi, pageErrors, shot, startTerminal, type Browser, type Running } from './harness';
import { fillTicket, num, readGrid, readTable, ticket, toasts, until, watchRow } from './ui';

async function openSettings(page: Page, section: string): Promise<void> {
  await page.getByRole('button', { name: '设置', exact: true }).click();
  await page.getByRole('tab', { name: section, exact: true }).click();
}

/** The settings screen (issue 7): risk rules with their meaning and alert channels (accounts: accounts.test.ts). */
describe('settings screen', () => {
  let run: Running;
  let ui: Browser;
  let server: http.Server | undefined;

  afterEach(async () => {
    await ui?.close();
    await run?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    server = undefined;
  });

  it('changes a risk rule and an order beyond it is refused with the rule as the reason', async () => {
    run = await startTerminal();
    ui = await openUi(run.server.url);
    const page = ui.page;
    await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['卖一价']) > 0);
    await openSettings(page, '风控');
    const rules = await until('the rules with their meaning', () => readTable(page, '风控规则'), (r) => r.length === 8 && r.every((x) => x['含义'] !== ''));
    const position = rules.find((r) => r['规则'] === '单合约最大持仓')!;
    expect(position['含义']).toContain('同一合约同一方向');
    expect(rules.find((r) => r['规则'] === '每秒最多委托')!['含义']).toContain('300 笔');

    // A value the rule cannot take is named beside it and nothing is saved.
    await page.getByLabel('单合约最大持仓').fill('-1');
    await page.getByRole('button', { name: '保存风控' }).click();
    await until('the problem shown', () => page.locator('.risk-table .field-problem').allInnerTexts(), (t) => t.includes('应为不小于 0 的整数'));
    expect(run.terminal.active.risk.settings.maxPositionPerContract).toBe(500);

    await page.getByLabel('单合约最大持仓').fill('1');
    await page.getByLabel('单日最大亏损').fill('5');
    await page.getByRole('button', { name: '保存风控' }).click();
    await until('saved', () => toasts(page), (t) => t.includes('风控规则已保存，从下一笔委托起生效'));
    expect(run.terminal.active.risk.settings.maxPositionPerContract).toBe(1);
    expect(run.terminal.active.risk.settings.maxDailyLossRatio).toBeCloseTo(0.05, 10);
    await shot(page, 'settings-risk');

    // Two lots of rebar: beyond the new limit, refused with the rule in words.
    const quote = await watchRow(page, 'rb2605');
    await fillTicket(page, { price: String(num(quote['卖一价'])), volume: '2' });
    await ticket(page).getByTestId('quick-buyOpen').click();
    await until('the refusal toasted', () => toasts(page), (t) => t.includes('委托被拒：超过单合约最大持仓 1 手'));
    await page.getByRole('tab', { name: '委托', exact: true }).click();
    const [order] = await until('the refused order', () => readGrid(page, '委托'), (r) => r.length === 1);
    expect(order!['状态']).toBe('已拒绝');
    expect(order!['状态信息']).toBe('超过单合约最大持仓 1 手');
    // One lot passes.
    await fillTicket(page, { volume: '1' });
    await ticket(page).getByTestId('quick-buyOpen').click();
    await until('one lot filled', () => readGrid(page, '委托'), (r) => r.some((o) => o['状态'] === '全部成交'));
    // The rules are kept in the profile: a reload shows them.
    await page.reload();
    await openSettings(page, '风控');
    await until('the kept rule', () => page.getByLabel('单合约最大持仓').inputValue(), (v) => v === '1');
    expect(pageErrors(page)).toEqual([]);
  });

  it('adds a webhook channel and its test message reaches the webhook', async () => {
    const received: { type: string; text: string }[] = [];
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const j = JSON.parse(body) as { events: { type: string; text: string }[] };
        received.push(...j.events);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

    run = await startTerminal();
    ui = await openUi(run.server.url);
    const page = ui.page;
    await openSettings(page, '消息提醒');
    await page.getByRole('button', { name: '添加通道' }).click();
    const form = page.getByRole('form', { name: '添加提醒通道' });
    // A DingTalk address that is not one is named as it is typed.
    await form.getByLabel('Webhook 地址').fill('https://example.com/robot');
    await until('the address refused', () => form.locator('.field-problem').allInnerTexts(), (t) => t.some((x) => x.startsWith('钉钉机器人地址格式应为 https://oapi.dingtalk.com/robot/send?access_token=')));
    await form.getByLabel('类型').selectOption({ label: '通用 Webhook' });
    await form.getByLabel('名称').fill('我的服务器');
    await form.getByLabel('Webhook 地址').fill(url);
    await form.getByLabel('日结汇总').check();
    await form.getByRole('button', { name: '保存' }).click();
    const [row] = await until('the channel listed', () => readGrid(page, '提醒通道'), (r) => r.length === 1);
    expect(row).toMatchObject({ 名称: '我的服务器', 类型: '通用 Webhook', 启用: '启用' });
    expect(row!['推送事件']).toBe('成交、废单、风控拒单、策略出错、连接断开/恢复、日结汇总');
    // The address is shown masked, never whole.
    expect(row!['Webhook 地址']).not.toBe(url);

    await page.getByRole('button', { name: '向 我的服务器 发送测试消息' }).click();
    await until('the test answered', () => readGrid(page, '提醒通道'), (r) => r[0]?.['测试结果'] === '发送成功 (sent)', 20_000);
    expect(received).toHaveLength(1);
    await shot(page, 'settings-alerts');
    expect(pageErrors(page)).toEqual([]);
  });
});
