import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSinaReplay, type SinaReplay } from '../helpers/sina-replay';
import { freshTerminalPerTest, ROOT, pageErrors, shot } from './harness';
import { num, readGrid, readTable, until, watchRow } from './ui';

/**
 * Forty real one-minute bars of rebar rb2005 (2019-06-03 09:00 to 09:39, the bundled sample), written the way a
 * MultiCharts user exports them: day/month/year dates, separate time, Chinese header; line 6 has its high and low
 * swapped. The layout is ambiguous (03/06/2019), so the wizard guesses and the trader corrects it.
 */
function writeTraderFile(dir: string): string {
  const sample = fs.readFileSync(path.join(ROOT, 'resources', 'market', 'rb2005_1min.csv'), 'utf8').split('\n');
  const rows = sample.filter((l) => l.startsWith('2019-06-03 09:')).slice(0, 40);
  const out = ['日期,时间,开盘,最高,最低,收盘,成交量,持仓量'];
  for (const l of rows) {
    const [dt, o, h, lo, c, v, oi] = l.split(',');
    const [d, t] = dt!.split(' ');
    const [y, m, dd] = d!.split('-');
    out.push([`${dd}/${m}/${y}`, t!.slice(0, 5), o, h, lo, c, v, oi].join(','));
  }
  // Line 6 (the 09:04 bar): high and low swapped.
  const cells = out[5]!.split(',');
  [cells[3], cells[4]] = [cells[4]!, cells[3]!];
  out[5] = cells.join(',');
  const file = path.join(dir, 'my-rebar-export.csv');
  fs.writeFileSync(file, out.join('\r\n') + '\r\n');
  return file;
}

const stored = (page: Page) => readTable(page, '将存储为（前几行）');

/** The data manager (issue 7): the coverage table, the import wizard with its corrections and bad rows, an export. */
describe('data manager', () => {
  const session = freshTerminalPerTest();

  it('shows the stored data with its gaps, imports a trader file after correcting the guessed layout, and exports', async () => {
    const page = session.ui.page;
    await until('rb2605 quoted', () => watchRow(page, 'rb2605'), (r) => num(r['最新价']) > 0);
    await page.getByRole('tab', { name: '数据', exact: true }).dblclick();

    // Coverage: the bundled sample, as the engine counts it.
    const coverage = await until('the coverage table', () => readGrid(page, '已存数据'), (r) => r.length === 4);
    const engine = session.run.terminal.data.coverage({});
    for (const e of engine) {
      const r = coverage.find((x) => x['合约/序列'] === e.symbol && x['周期'] === e.period)!;
      expect(num(r['根数'])).toBe(e.count);
      expect(num(r['交易日'])).toBe(e.tradingDays);
      expect(num(r['缺失日'])).toBe(e.missingDays);
    }
    const rb2005 = coverage.find((x) => x['合约/序列'] === 'SHFE.rb2005')!;
    expect(rb2005['根数']).toBe('51,510');
    expect(rb2005['不完整日']).toBe('1');
    // The sample ends on the night of 2019-12-20: the 23rd has only that night's 120 of 345 bars.
    expect(rb2005['缺口']).toBe('2019-12-23 只有 120/345 根');
    await page.getByRole('grid', { name: '已存数据' }).getByText('SHFE.rb2005').click();
    await until('its gaps listed', () => page.getByRole('region', { name: 'SHFE.rb2005 1m 的缺口' }).innerText(), (t) => t.includes('2019-12-23 只有 120/345 根'));
    await shot(page, 'data-coverage');

    // The import wizard: what the engine recognised, with its guesses named.
    const file = writeTraderFile(session.run.profileDir);
    await page.getByRole('tab', { name: '导入', exact: true }).click();
    await page.getByLabel('文件路径').fill(file);
    await page.getByRole('button', { name: '识别' }).click();
    await until('the recognised layout', () => page.getByTestId('import-format').innerText(), (t) => t.startsWith('格式：MultiCharts'));
    const notes = await page.getByRole('list', { name: '请确认' }).innerText();
    expect(notes).toContain('日期 03/06/2019 按月/日/年解读，请确认');
    expect(notes).toContain('无法从文件判断合约，请指定合约代码（如 SHFE.rb2505）');
    const mapping = page.getByTestId('import-mapping');
    expect(await mapping.getByLabel('第 1 列（日期）的字段').inputValue()).toBe('date');
    expect(await mapping.getByLabel('第 3 列（开盘）的字段').inputValue()).toBe('open');
    expect(await mapping.getByLabel('第 8 列（持仓量）的字段').inputValue()).toBe('openInterest');
    // The bad row of the sample, with its line and reason.
    const bad = page.getByTestId('import-preview-bad');
    expect(await bad.locator('tbody tr').first().innerText()).toMatch(/^6\t最高价 \d+ 低于最低价 \d+\t03\/06\/2019,09:04,/);
    // As guessed, the rows would be stored in March, a minute early: wrong.
    expect((await stored(page))[0]).toMatchObject({ 时间: '2019-03-06 08:59', 交易日: '20190306' });
    await shot(page, 'data-import-guessed');

    // The trader corrects the day order, the bar times and names the contract.
    const detected = page.getByRole('region', { name: '识别结果（可修改）' });
    await detected.getByLabel('日期顺序').selectOption({ label: '日月年' });
    await detected.getByLabel('K线时间是').selectOption({ label: '开始时间' });
    await detected.getByLabel('合约').fill('SHFE.rb2005');
    await page.getByRole('button', { name: '按修改重新识别' }).click();
    await until('the corrected preview', () => stored(page), (r) => r[0]?.['时间'] === '2019-06-03 09:00');
    expect((await stored(page))[0]).toMatchObject({ 交易日: '20190603', 开: '3359', 高: '3359', 低: '3353', 收: '3353', 成交量: '880', 持仓量: '209,736' });
    await shot(page, 'data-import-corrected');

    await page.getByRole('button', { name: '开始导入' }).click();
    const result = page.getByTestId('import-result');
    await until('the import result', () => result.innerText(), (t) => t.includes('已导入 39 行，坏行 1 行'));
    // The same real bars as the bundled sample: read right, they match what is stored, bar for bar.
    expect(await result.innerText()).toContain('SHFE.rb2005 1m：39 行（新增 0，替换 0，相同 39），2019-06-03 09:00 至 2019-06-03 09:39');
    expect(await page.getByTestId('import-bad').locator('tbody tr').first().innerText()).toMatch(/^6\t最高价 \d+ 低于最低价 \d+\t/);
    await shot(page, 'data-import-result');

    // Export a stored series to a file on the engine's machine.
    await page.getByRole('tab', { name: '已存数据', exact: true }).click();
    await page.getByRole('button', { name: '导出 SHFE.rb2605 1m' }).click();
    const exportFile = path.join(session.run.profileDir, 'rb2605_1m.csv');
    await page.getByLabel('保存到（引擎所在机器上的路径）').fill(exportFile);
    await page.getByRole('form', { name: '导出' }).getByRole('button', { name: '导出' }).click();
    await until('the export done', () => page.getByTestId('export-result').innerText(), (t) => t === `已导出 5,400 行到 ${exportFile}`);
    const lines = fs.readFileSync(exportFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5401);
    expect(lines[0]).toBe('datetime,open,high,low,close,volume,open_interest');
    expect(pageErrors(page)).toEqual([]);
  });

  it('names a file that is not there, and the wizard keeps going', async () => {
    const page = session.ui.page;
    await page.getByRole('tab', { name: '数据', exact: true }).click();
    await page.getByRole('tab', { name: '导入', exact: true }).click();
    await page.getByLabel('文件路径').fill('/no/such/file.csv');
    await page.getByLabel('文件路径').press('Enter');
    await until('the refusal', () => page.getByTestId('import-error').innerText(), (t) => t === '文件不存在：/no/such/file.csv');
    expect(pageErrors(page)).toEqual([]);
  });
});

/** Downloads (issue 7's data manager, issue 5's source), from Sina's endpoints replayed locally. */
describe('data manager downloads', () => {
  let sina: SinaReplay;
  beforeEach(async () => {
    sina = await startSinaReplay();
  });
  afterEach(() => sina.close());
  // Spaced out as the real source wants it, a little, so that the progress is on screen while it runs.
  const session = freshTerminalPerTest(() => ({ downloads: { baseUrl: sina.baseUrl, minIntervalMs: 400, retryDelayMs: 10 } }));

  it('downloads main-contract bars with progress, says what came of each series, and stores them', async () => {
    const page = session.ui.page;
    await page.getByRole('tab', { name: '数据', exact: true }).dblclick();
    await page.getByRole('tab', { name: '下载', exact: true }).click();
    const form = page.getByRole('form', { name: '下载' });
    await form.getByLabel('品种').fill('rb, TA');
    await form.getByLabel('1分钟（最近约 1000 根）').check();
    await form.getByRole('button', { name: '开始下载' }).click();

    await until('the progress', () => page.getByTestId('data-progress').innerText(), (t) => /^下载中[\s\S]*\d \/ 4/.test(t));
    await shot(page, 'data-download-progress');
    const results = await until('every series done', () => readGrid(page, '下载结果'), (r) => r.length === 4);
    expect(results.map((r) => [r['合约/序列'], r['周期'], r['状态'], r['根数']])).toEqual([
      ['KQ.m@SHFE.rb', '1d', '已完成', '300'],
      ['KQ.m@SHFE.rb', '1m', '已完成', '1,023'],
      ['KQ.m@CZCE.TA', '1d', '已完成', '300'],
      ['KQ.m@CZCE.TA', '1m', '失败', '0'],
    ]);
    expect(results[3]!['错误']).toBe('TA0 无数据返回');
    expect(sina.log.map((l) => `${l.symbol} ${l.kind}`)).toEqual(['RB0 daily', 'RB0 1min', 'TA0 daily', 'TA0 1min']);
    await shot(page, 'data-download-result');

    // In the store, and in the coverage table.
    expect(session.run.terminal.data.store.load('KQ.m@SHFE.rb', '1d').length).toBe(300);
    await page.getByRole('tab', { name: '已存数据', exact: true }).click();
    const coverage = await until('the downloaded series listed', () => readGrid(page, '已存数据'), (r) => r.some((x) => x['合约/序列'] === 'KQ.m@SHFE.rb'));
    expect(coverage.filter((x) => x['合约/序列'] === 'KQ.m@SHFE.rb').map((x) => [x['周期'], x['根数']])).toEqual(
      expect.arrayContaining([
        ['1d', '300'],
        ['1m', '1,023'],
      ]),
    );
    expect(pageErrors(page)).toEqual([]);
  });
});
