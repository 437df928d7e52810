import fs from 'node:fs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataError } from '../../src/main/data/data-error';
import { importFile, previewImport } from '../../src/main/data/import/importer';
import { formatShanghai, shanghaiToEpoch } from '../../src/shared/model/time';
import { contracts, fixture, realRb2005, rowsOf, tempFile, tempStore, type TempStore } from './helpers';

/** The fixtures hold trading days 2019-06-03 to 2019-06-05 of the real rb2005 bars, in each software's layout. */
const FROM = 20190603;
const TO = 20190605;

let t: TempStore;
beforeEach(() => {
  t = tempStore();
});
afterEach(() => t.close());

async function refused(p: Promise<unknown> | (() => unknown)): Promise<DataError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected the file to be refused');
}

describe('importers: the same real bars from each software layout', () => {
  const expected = (): ReturnType<typeof rowsOf> => rowsOf(realRb2005(), FROM, TO);

  it.each([
    ['vnpy_rb2005_1m.csv', 'vnpy', 'utf8', 'start'],
    ['tqsdk_rb2005_1m.csv', 'tqsdk', 'utf8', 'start'],
    ['wh6_rb2005_1m.csv', 'wh6', 'gb18030', 'end'],
    ['tdx_rb2005_1m.txt', 'tdx', 'gb18030', 'end'],
    ['tb_rb2005_1m.csv', 'tb', 'gb18030', 'start'],
    ['multicharts_rb2005_1m.csv', 'multicharts', 'utf8', 'end'],
    ['plain_cn_rb2005_1m.csv', 'plain', 'utf8', 'start'],
  ])('%s is recognised as %s (%s, bar %s times) and stores SHFE.rb2005 exactly', async (file, format, encoding, label) => {
    const preview = previewImport(contracts(), fixture(file), file.startsWith('tqsdk') || file.startsWith('vnpy') ? {} : { symbol: 'rb2005' });
    expect(preview.format).toBe(format);
    expect(preview.mapping.encoding).toBe(encoding);
    expect(preview.mapping.timeLabel).toBe(label);
    expect(preview.period).toBe('1m');
    expect(preview.symbol).toBe('SHFE.rb2005');
    expect(preview.bad).toEqual([]);

    const r = await importFile(t.store, fixture(file), { symbol: 'rb2005' });
    expect(r.badRows).toBe(0);
    expect(r.series.map((s) => [s.symbol, s.period])).toEqual([['SHFE.rb2005', '1m']]);
    const stored = t.store.loadBars('SHFE.rb2005', '1m');
    const want = file.startsWith('tqsdk') ? rowsOf(realRb2005()).slice(0, 1000) : expected();
    expect(rowsOf(stored)).toEqual(want);
    // The first bar of the trading day 2019-06-03 is Friday night's 21:00 bar.
    if (!file.startsWith('tqsdk')) expect(formatShanghai(stored.time[0]!)).toBe('2019-05-31 21:00:00');
  });

  it('tells the contract from the TqSdk header, the vnpy columns, the 通达信 title line and the file name', () => {
    expect(previewImport(contracts(), fixture('tqsdk_rb2005_1m.csv')).symbol).toBe('SHFE.rb2005');
    expect(previewImport(contracts(), fixture('vnpy_rb2005_1m.csv')).symbol).toBe('SHFE.rb2005');
    expect(previewImport(contracts(), fixture('tdx_rb2005_1m.txt')).symbol).toBe('SHFE.rb2005');
    expect(previewImport(contracts(), fixture('wh6_rb2005_1m.csv')).symbol).toBe('SHFE.rb2005');
  });

  it('reads night bars dated by their trading day (Friday 21:00 written as Monday) back to their calendar date', async () => {
    const preview = previewImport(contracts(), fixture('nightdated_rb2005_1m.csv'), { symbol: 'rb2005' });
    expect(preview.mapping.nightDate).toBe('tradingDay');
    expect(preview.notes.map((n) => n.code)).toContain('NOTE_NIGHT_DATE');
    await importFile(t.store, fixture('nightdated_rb2005_1m.csv'), { symbol: 'rb2005' });
    expect(rowsOf(t.store.loadBars('SHFE.rb2005', '1m'))).toEqual(expected());
  });

  it('imports the real RiceQuant dominant-contract daily file as the main series, dated by trading day', async () => {
    const preview = previewImport(contracts(), fixture('RB_1d_rq_2019.csv'));
    expect(preview.format).toBe('ricequant');
    expect(preview.symbol).toBe('KQ.m@SHFE.rb');
    expect(preview.period).toBe('1d');
    const r = await importFile(t.store, fixture('RB_1d_rq_2019.csv'));
    expect(r.rows).toBe(244);
    const d = t.store.loadBars('KQ.m@SHFE.rb', '1d', 20191206, 20191206);
    expect(d.length).toBe(1);
    // RiceQuant writes open, close, high, low in that order: the columns are mapped by name, not by position.
    expect(rowsOf(d)[0]).toMatchObject({ o: 3663.415725101847, c: 3704.3718291188725, h: 3706.5274135408213, l: 3650.4822185701546, v: 2288212 });
    expect(d.openInterest[0]).toBe(2167606);
    expect(d.time[0]).toBe(shanghaiToEpoch(2019, 12, 6));
  });

  it('imports the real Sina 888 daily file (yyyy/mm/dd dates) as the main series', async () => {
    const r = await importFile(t.store, fixture('TA888_1d_sina.csv'));
    expect(r.series[0]!.symbol).toBe('KQ.m@CZCE.TA');
    expect(r.rows).toBe(2218);
    const d = t.store.loadBars('KQ.m@CZCE.TA', '1d', 20061218, 20061218);
    expect(rowsOf(d)[0]).toMatchObject({ o: 8538, h: 9032, l: 8538, c: 8880, v: 44576, oi: 6202 });
  });
});

describe('importers: bad rows, refused files, nothing half-written', () => {
  function brokenFile(): string {
    const lines = fs.readFileSync(fixture('plain_cn_rb2005_1m.csv'), 'utf8').replace(/^\uFEFF/, '').split('\n');
    // Line numbers are 1-based: line 1 is the header, line 2 the first bar.
    lines[4] = '2019-05-31;21:03:00;3353;3354;abc;3352;100;204600'; // line 5: unparsable low
    lines[9] = '2019-05-31;21:08:00;3353;3340;3350;3345;100;204600'; // line 10: high below low
    lines[14] = '2019-05-31;16:30:00;3353;3354;3350;3352;100;204600'; // line 15: between sessions
    lines.splice(20, 0, lines[19]!); // line 21: the bar of line 20 again
    lines[30] = '2019-13-45;21:30:00;3353;3354;3350;3352;100;204600'; // line 31: no such date
    lines[40] = '2019-05-31;21:40:00;3353'; // line 41: cut short
    lines[50] = '2019-05-31;21:50:00;3353;3354;3350;3352;-5;204600'; // line 51: negative volume
    lines[60] = '2019-06-01;10:00:00;3353;3354;3350;3352;5;204600'; // line 61: a Saturday morning
    lines[70] = '2019-05-31;21:12:00;3360;3354;3350;3352;5;204600'; // line 71: open above high
    return tempFile(t.dir, 'broken.csv', lines.join('\n'));
  }

  it('counts and lists bad rows with line numbers and reasons, and stores the good ones', async () => {
    const r = await importFile(t.store, brokenFile(), { symbol: 'SHFE.rb2005' });
    const byLine = Object.fromEntries(r.bad.map((b) => [b.line, b.reason.code]));
    expect(byLine).toEqual({
      5: 'ROW_BAD_NUMBER',
      10: 'ROW_HIGH_BELOW_LOW',
      15: 'ROW_OUT_OF_SESSION',
      21: 'ROW_DUPLICATE',
      31: 'ROW_BAD_TIME',
      41: 'ROW_TOO_FEW_COLUMNS',
      51: 'ROW_NEGATIVE_VOLUME',
      61: 'ROW_OUT_OF_SESSION',
      71: 'ROW_OUTSIDE_RANGE',
    });
    expect(r.badRows).toBe(9);
    expect(r.bad.find((b) => b.line === 5)!.reason.message).toBe('最低价 不是数字："abc"');
    expect(r.bad.find((b) => b.line === 21)!.reason.params).toMatchObject({ first: 20 });
    // 1,035 bars: 8 replaced by bad lines, the duplicate adds none.
    expect(r.rows).toBe(1035 - 8);
    expect(t.store.loadBars('SHFE.rb2005', '1m').length).toBe(1027);
  });

  it('refuses a file that is not market data, saying why, and writes nothing', async () => {
    const readme = tempFile(t.dir, 'readme.txt', '这是一个说明文件。\nThis file explains how to install the terminal.\nNothing here is a price.\n');
    const positions = tempFile(t.dir, 'positions.csv', '合约,方向,持仓,均价\nrb2505,多,3,3512\nrb2505,空,1,3520\ncu2503,多,2,75010\n');
    const onlyClose = tempFile(t.dir, 'close.csv', 'date,close\n2019-06-03,3350\n2019-06-04,3360\n2019-06-05,3370\n');
    const png = tempFile(t.dir, 'chart.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    const empty = tempFile(t.dir, 'empty.csv', '');
    expect((await refused(importFile(t.store, readme, { symbol: 'rb2005' }))).code).toBe('NOT_MARKET_DATA');
    expect((await refused(importFile(t.store, positions, { symbol: 'rb2005' }))).code).toBe('NO_TIME_COLUMN');
    const e = await refused(importFile(t.store, onlyClose, { symbol: 'rb2005' }));
    expect(e.code).toBe('NO_PRICE_COLUMNS');
    expect(e.message).toBe('未找到价格列：缺少开盘价、最高价、最低价');
    expect(e.english).toBe('No price columns: open, high, low missing');
    expect((await refused(importFile(t.store, png, { symbol: 'rb2005' }))).code).toBe('FILE_BINARY');
    expect((await refused(importFile(t.store, empty, { symbol: 'rb2005' }))).code).toBe('FILE_EMPTY');
    expect((await refused(importFile(t.store, `${t.dir}/missing.csv`))).code).toBe('FILE_NOT_FOUND');
    expect(t.store.series()).toEqual([]);
  });

  it('asks for the symbol when the file does not tell it', async () => {
    const anon = tempFile(t.dir, 'export.csv', fs.readFileSync(fixture('plain_cn_rb2005_1m.csv')));
    const preview = previewImport(contracts(), anon);
    expect(preview.symbol).toBeUndefined();
    expect(preview.notes.map((n) => n.code)).toContain('UNKNOWN_SYMBOL');
    expect((await refused(importFile(t.store, anon))).code).toBe('UNKNOWN_SYMBOL');
    expect((await refused(importFile(t.store, anon, { symbol: 'xx2505' }))).code).toBe('BAD_SYMBOL');
  });

  it('refuses a mapping under which no row can be read, before reading the file through', async () => {
    const preview = previewImport(contracts(), fixture('vnpy_rb2005_1m.csv'));
    // A user correction that points open and high at the symbol and exchange columns.
    const mapping = { ...preview.mapping, columns: { ...preview.mapping.columns, open: 0, high: 1 } };
    const e = await refused(importFile(t.store, fixture('vnpy_rb2005_1m.csv'), { mapping, period: '1m' }));
    expect(e.code).toBe('MOSTLY_BAD');
    expect(e.message).toContain('第 2 行');
    expect(t.store.series()).toEqual([]);
  });

  it('stops a file that turns into garbage after its first rows, and writes nothing', async () => {
    const lines = fs.readFileSync(fixture('vnpy_rb2005_1m.csv'), 'utf8').split('\n');
    const garbage = Array.from({ length: 3000 }, (_, i) => `rb2005,SHFE,2019-06-10 09:${String(i % 60).padStart(2, '0')}:00,#,#,#,#,0,0,0`);
    const file = tempFile(t.dir, 'garbage.csv', [...lines.slice(0, 51), ...garbage].join('\n'));
    const e = await refused(importFile(t.store, file));
    expect(e.code).toBe('MOSTLY_BAD');
    expect(e.params).toMatchObject({ line: 52 });
    expect(t.store.series()).toEqual([]);
  });

  it('a cancelled import leaves the store as it was', async () => {
    await importFile(t.store, fixture('vnpy_rb2005_1m.csv'));
    const before = rowsOf(t.store.loadBars('SHFE.rb2005', '1m'));
    const ctl = new AbortController();
    const p = importFile(t.store, fixture('tqsdk_rb2005_1m.csv'), {
      signal: ctl.signal,
      onProgress: () => ctl.abort(),
    });
    expect((await refused(p)).code).toBe('CANCELLED');
    expect(rowsOf(t.store.loadBars('SHFE.rb2005', '1m'))).toEqual(before);
    expect(t.db.prepare('SELECT COUNT(*) FROM market_stage').pluck().get()).toBe(0);
  });
});

describe('importers: idempotence, merging, big files', () => {
  it('importing the same file twice leaves one copy', async () => {
    const a = await importFile(t.store, fixture('tdx_rb2005_1m.txt'));
    const b = await importFile(t.store, fixture('tdx_rb2005_1m.txt'));
    expect(a.series[0]).toMatchObject({ added: 1035, unchanged: 0 });
    expect(b.series[0]).toMatchObject({ added: 0, replaced: 0, unchanged: 1035 });
    expect(t.store.loadBars('SHFE.rb2005', '1m').length).toBe(1035);
  });

  it('overlapping imports from different layouts merge into one series', async () => {
    // TqSdk's first 1,000 bars (2019-05-15 to 2019-05-21) and the three days of the 文华 file do not overlap;
    // the vnpy file holds the same three days as 文华 with the same values.
    await importFile(t.store, fixture('tqsdk_rb2005_1m.csv'));
    await importFile(t.store, fixture('wh6_rb2005_1m.csv'), { symbol: 'rb2005' });
    const r = await importFile(t.store, fixture('vnpy_rb2005_1m.csv'));
    expect(r.series[0]).toMatchObject({ added: 0, unchanged: 1035 });
    const all = rowsOf(t.store.loadBars('SHFE.rb2005', '1m'));
    expect(all.length).toBe(2035);
    expect(all).toEqual([...rowsOf(realRb2005()).slice(0, 1000), ...rowsOf(realRb2005(), FROM, TO)]);
  });

  it('streams a large file in bounded memory (spilling to the staging table) with the same result', async () => {
    // The whole real rb2005 year in vnpy's layout, GBK-encoded, imported with a small memory limit.
    const src = realRb2005();
    let text = 'symbol,exchange,datetime,open,high,low,close,volume,turnover,open_interest\n';
    for (let i = 0; i < src.length; i++) {
      text += `rb2005,SHFE,${formatShanghai(src.time[i]!)},${src.open[i]},${src.high[i]},${src.low[i]},${src.close[i]},${src.volume[i]},0,${src.openInterest[i]}\n`;
    }
    const file = tempFile(t.dir, '螺纹全年.csv', iconv.encode(text, 'gbk'));
    const progress: number[] = [];
    const r = await importFile(t.store, file, { memoryLimitRows: 5_000, onProgress: (p) => progress.push(p.bytes) });
    expect(r.rows).toBe(51_510);
    expect(progress.at(-1)).toBe(fs.statSync(file).size);
    expect(rowsOf(t.store.loadBars('SHFE.rb2005', '1m'))).toEqual(rowsOf(src));
    expect(t.db.prepare('SELECT COUNT(*) FROM market_stage').pluck().get()).toBe(0);
  });

  it('imports rows that are not in time order, keeping the first of duplicate times', async () => {
    const lines = fs.readFileSync(fixture('vnpy_rb2005_1m.csv'), 'utf8').trim().split('\n');
    const body = lines.slice(1);
    const shuffled = [...body.slice(500), ...body.slice(0, 500), body[10]!.replace(/,(\d+)$/, ',1')];
    const file = tempFile(t.dir, 'shuffled.csv', [lines[0], ...shuffled].join('\n'));
    const r = await importFile(t.store, file);
    expect(r.bad.map((b) => [b.line, b.reason.code])).toEqual([[1037, 'ROW_DUPLICATE']]);
    expect(rowsOf(t.store.loadBars('SHFE.rb2005', '1m'))).toEqual(rowsOf(realRb2005(), FROM, TO));
  });
});
