import { describe, expect, it } from 'vitest';
import { freshTerminalPerTest, pageErrors, shot } from './harness';
import { cutOff, fillTicket, num, readGrid, showTab, until, watchRow } from './ui';

/** Language (zh default, English switch) and theme, kept by the engine through settings.set. */
describe('language and theme', () => {
  const session = freshTerminalPerTest();

  it('switches to English and back, including refusal reasons, and keeps the choice across a reload', async () => {
    const page = session.ui.page;
    await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['最新价']) > 0);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    // A refusal while in Chinese.
    await showTab(page, '委托');
    await fillTicket(page, { price: '3100', volume: '0' });
    await page.getByTestId('quick-buyOpen').click();
    await until('the refusal in 委托', () => readGrid(page, '委托'), (r) => r[0]?.['状态信息'] === '委托量必须为正整数（当前 0）');

    await page.getByRole('button', { name: '界面语言' }).click();
    await until('English headers', () => page.getByRole('tab').allInnerTexts(), (tabs) => tabs.includes('Quotes') && tabs.includes('Orders'));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const orders = await readGrid(page, 'Orders');
    // The same order's reason, now formatted in English from its reason code.
    expect(orders[0]!['Message']).toBe('Volume must be a positive whole number (got 0)');
    expect(orders[0]!['Status']).toBe('Rejected');
    const quote = (await readGrid(page, 'Quotes')).find((r) => r['Contract'] === 'rb2605');
    expect(num(quote?.['Last'])).toBeGreaterThan(0);
    // Contracts are named in English too.
    expect(quote?.['Name']).toBe('Rebar 2605');
    expect(await page.getByTestId('quick-buyOpen').innerText()).toContain('Buy open');
    // The gateway's line in the top bar, worded by the UI from the engine's code.
    expect(await page.getByTestId('gateway-sim').innerText()).toBe('Gateway sim: Simulated matching');
    // English titles and buttons are longer than the Chinese the columns were sized for: none is cut off.
    expect(await cutOff(page, 'Quotes')).toEqual([]);
    await showTab(page, 'Data');
    await until('stored series', () => readGrid(page, 'Stored data'), (r) => r.length > 0);
    expect(await cutOff(page, 'Stored data')).toEqual([]);
    expect(session.run.terminal.settings.get().lang).toBe('en');

    // A new refusal toasts in English.
    await page.getByLabel('Lots', { exact: true }).fill('0');
    await page.getByTestId('quick-buyOpen').click();
    await until('an English toast', () => page.locator('.toast span').allInnerTexts(), (t) => t.some((x) => x === 'Order refused: Volume must be a positive whole number (got 0)'));
    // The Log says it in English too, as a warning by the trader (the engine wrote it in Chinese).
    await showTab(page, 'Log');
    const logged = await until('the refusal in the Log', () => readGrid(page, 'Log'), (r) => r.some((x) => x['Message']?.endsWith('rejected, rb2605 buy open 0: Volume must be a positive whole number (got 0)')));
    expect(logged.find((x) => x['Message']?.includes('rejected'))).toMatchObject({ Level: 'Warning', Source: 'Manual' });
    await showTab(page, 'Orders');
    // A working order far below the market: its Cancel button is not cut off either.
    await page.getByLabel('Lots', { exact: true }).fill('1');
    await page.getByLabel('Limit price', { exact: true }).fill(String(num(quote?.['Last']) - 60));
    await page.getByTestId('quick-buyOpen').click();
    await until('the working order', () => readGrid(page, 'Orders'), (r) => r.some((x) => x['Status'] === 'Working'));
    expect(await cutOff(page, 'Orders')).toEqual([]);
    await shot(page, 'settings-english');

    // An engine refusal that is not an order's: a backtest over days without data, worded from its code and
    // parameters, and worded again when the language changes while it is shown.
    await page.getByRole('tab', { name: 'Backtest', exact: true }).click();
    const form = page.getByRole('form', { name: 'Backtest setup' });
    await until('the stored range', () => page.getByTestId('bt-coverage').innerText(), (t) => t.startsWith('Stored 1m data'));
    await form.getByLabel('From', { exact: true }).fill('2025-01-02');
    await form.getByLabel('To', { exact: true }).fill('2025-01-03');
    await page.getByRole('button', { name: 'Run backtest' }).click();
    const refusal = page.getByTestId('backtest-error');
    await until('the refusal in English', () => refusal.innerText(), (t) => t === 'No 1m data for SHFE.rb2605 from 2025-01-02 to 2025-01-03');
    await refusal.scrollIntoViewIfNeeded();
    await shot(page, 'settings-english-backtest-refusal');
    await page.getByRole('button', { name: 'Language' }).click();
    await until('the same refusal in Chinese', () => refusal.innerText(), (t) => t === 'SHFE.rb2605 1m 在 2025-01-02 至 2025-01-03 之间没有数据');
    await page.getByRole('button', { name: '界面语言' }).click();
    await until('English again', () => refusal.innerText(), (t) => t.startsWith('No 1m data'));

    // The engine keeps the language: a reload opens in English.
    await page.reload();
    await until('English after the reload', () => page.getByRole('tab').allInnerTexts(), (tabs) => tabs.includes('Quotes'));

    await page.getByRole('button', { name: 'Language' }).click();
    await until('Chinese again', () => page.getByRole('tab').allInnerTexts(), (tabs) => tabs.includes('行情'));
    expect(await page.getByTestId('gateway-sim').innerText()).toBe('交易通道 sim: 模拟撮合');
    expect(session.run.terminal.settings.get().lang).toBe('zh');
    expect(pageErrors(page)).toEqual([]);
  });

  it('switches between the dark and the light theme and keeps it', async () => {
    const page = session.ui.page;
    await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['最新价']) > 0);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    const darkBg = await page.locator('body').evaluate('getComputedStyle(document.body).backgroundColor');
    await page.getByRole('button', { name: '主题' }).click();
    await until('the light theme', () => page.locator('html').getAttribute('data-theme'), (v) => v === 'light');
    const lightBg = await page.locator('body').evaluate('getComputedStyle(document.body).backgroundColor');
    expect(lightBg).not.toBe(darkBg);
    // The chart is drawn again in the new theme's colours (it kept the old ones: it read them before the page changed).
    const border = (): Promise<string> => page.locator('html').evaluate("getComputedStyle(document.documentElement).getPropertyValue('--border').trim()");
    const lightBorder = await border();
    await until('the chart in the light colours', () => page.getByTestId('chart').getAttribute('data-grid'), (g) => g === lightBorder);
    expect(session.run.terminal.settings.get().theme).toBe('light');
    await page.waitForTimeout(600);
    await shot(page, 'settings-light');
    await page.reload();
    await until('light after the reload', () => page.locator('html').getAttribute('data-theme'), (v) => v === 'light');
    await page.getByRole('button', { name: '主题' }).click();
    await until('dark again', () => page.locator('html').getAttribute('data-theme'), (v) => v === 'dark');
    const darkBorder = await border();
    expect(darkBorder).not.toBe(lightBorder);
    await until('the chart in the dark colours', () => page.getByTestId('chart').getAttribute('data-grid'), (g) => g === darkBorder);
  });
});
