import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fastSim, newUser } from '../native/harness';
import { openUi, pageErrors, shot, startTerminal, type Browser, type Running } from './harness';
import { readGrid, until } from './ui';

async function openAccounts(page: Page): Promise<void> {
  await page.getByRole('button', { name: '设置', exact: true }).click();
  await page.getByRole('tab', { name: '交易账户', exact: true }).click();
}

/**
 * The accounts part of the settings screen against ctp-sim, the simulated CTP front built into the native addon
 * (npm run native:build): saved with the secrets written only, connected, made the trading account, disconnected.
 */
describe('CTP accounts on the settings screen', () => {
  let run: Running;
  let ui: Browser;

  beforeAll(() => fastSim());

  afterEach(async () => {
    await ui?.close();
    await run?.close();
  });

  it('saves a ctp-sim account without ever showing its password, connects it and makes it the trading account', async () => {
    run = await startTerminal();
    ui = await openUi(run.server.url);
    const page = ui.page;
    await openAccounts(page);
    await page.getByRole('button', { name: '添加账户' }).click();
    const form = page.getByRole('form', { name: '添加 CTP 账户' });
    expect(await form.getByLabel('环境').inputValue()).toBe('ctp-sim');
    expect(await form.getByLabel('交易前置（每行一个）').inputValue()).toBe('tcp://127.0.0.1:40001');
    const user = newUser('e2e');
    const password = `pw-${user}-秘密`;
    await form.getByLabel('账户 ID').fill('local');
    await form.getByLabel('名称').fill('本地模拟');
    await form.getByLabel('资金账号').fill(user);
    await form.getByLabel('交易密码').fill(password);
    await form.getByRole('button', { name: '保存' }).click();
    await until('the account listed', () => readGrid(page, '交易账户'), (r) => r.length === 1);
    const [row] = await readGrid(page, '交易账户');
    expect(row).toMatchObject({ 名称: '本地模拟', ID: 'local', BrokerID: '9999', 资金账号: user, '密码 / AuthCode': '交易密码 已设置 · AuthCode 已设置' });
    // Written only: the password is nowhere on the page, and editing shows an empty field.
    expect(await page.content()).not.toContain(password);
    await page.getByRole('button', { name: '编辑账户 local' }).click();
    const edit = page.getByRole('form', { name: '编辑账户 local' });
    expect(await edit.getByLabel('交易密码').inputValue()).toBe('');
    expect(await edit.getByLabel('交易密码').getAttribute('placeholder')).toBe('已设置：留空保持不变');
    await edit.getByLabel('名称').fill('本地模拟盘');
    await edit.getByRole('button', { name: '保存' }).click();
    await until('renamed, password kept', () => readGrid(page, '交易账户'), (r) => r[0]?.['名称'] === '本地模拟盘' && r[0]['密码 / AuthCode']!.startsWith('交易密码 已设置'));

    // Connected to the local simulated front: both links come up.
    await page.getByRole('button', { name: '连接账户 local' }).click();
    const [live] = await until('logged in', () => readGrid(page, '交易账户'), (r) => /^已登录 9999 \//.test(r[0]?.['交易连接'] ?? '') && /^行情已登录/.test(r[0]?.['行情连接'] ?? ''), 20_000);
    expect(live!['交易连接']).toBe(`已登录 9999 / ${user}，交易日 ${run.terminal.accounts.status('local')[0]!.tradingDay}`);
    await page.getByRole('button', { name: '把账户 local 设为当前交易账户' }).click();
    await until('the top bar on the live account', () => page.locator('.topbar .badge').innerText(), (t) => t === '实盘 · ctp:local', 15_000);
    expect(run.terminal.activeMode).toBe('live');
    await shot(page, 'settings-account-connected');

    await page.getByRole('button', { name: '切回模拟盘' }).click();
    await until('back on paper', () => page.locator('.topbar .badge').innerText(), (t) => t === '模拟盘 · sim');
    await page.getByRole('button', { name: '断开账户 local' }).click();
    await until('disconnected', () => readGrid(page, '交易账户'), (r) => !/已登录/.test(r[0]?.['交易连接'] ?? ''));
    expect(pageErrors(page)).toEqual([]);
  });
});
