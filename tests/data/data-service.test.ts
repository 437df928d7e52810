import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataProgress } from '../../src/shared/ipc/data';
import { ApiError } from '../../src/shared/ipc/define';
import { ApiService, type HandlerMap } from '../../src/main/api/service';
import { dataHandlers, DataService } from '../../src/main/data/data-service';
import { ensureSampleLoaded } from '../../src/main/data/sample';
import { readSampleCsv } from '../../src/main/gateway/feeds/bar-columns';
import { resourcePath } from '../../src/main/resources';
import { formatShanghai } from '../../src/shared/model/time';
import { contracts, fixture, realRb2005, rowsOf, tempFile, tempStore, type TempStore } from './helpers';

let t: TempStore;
let service: DataService;
let api: ApiService;
const progress: DataProgress[] = [];

beforeEach(() => {
  t = tempStore();
  service = new DataService(t.db, contracts());
  progress.length = 0;
  // The data requests through the API's own validation, as the renderer and the CLI reach them.
  api = new ApiService(dataHandlers(service, (p) => progress.push(p)) as unknown as HandlerMap);
});
afterEach(() => t.close());

async function apiError(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('expected an error');
}

describe('data requests', () => {
  it('previews, imports with progress, reports coverage, exports, and deletes', async () => {
    const preview = (await api.call('data.importPreview', { file: fixture('tdx_rb2005_1m.txt') })) as { format: string; symbol: string; bars: { time: number }[] };
    expect(preview).toMatchObject({ format: 'tdx', symbol: 'SHFE.rb2005' });
    expect(formatShanghai(preview.bars[0]!.time)).toBe('2019-05-31 21:00:00');

    const result = (await api.call('data.import', { file: fixture('tdx_rb2005_1m.txt'), jobId: 'j1' })) as { rows: number };
    expect(result.rows).toBe(1035);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ jobId: 'j1', job: 'import', unit: 'bytes', rows: 1035, badRows: 0 });
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);

    const cov = (await api.call('data.coverage', { symbol: 'rb2005', gaps: true })) as { count: number; missingDays: number }[];
    expect(cov).toMatchObject([{ symbol: 'SHFE.rb2005', period: '1m', count: 1035, missingDays: 0, tradingDays: 3 }]);

    const file = path.join(t.dir, 'out', 'rb2005_15m.csv');
    const exported = (await api.call('data.export', { symbol: 'SHFE.rb2005', period: '15m', file, from: 20190604, to: 20190604 })) as { rows: number };
    // 15-minute bars of one trading day: 8 at night, 5 + 4 + 6 in the day (10:15 pause, lunch).
    expect(exported.rows).toBe(8 + 5 + 4 + 6);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('datetime,open,high,low,close,volume,open_interest');
    expect(lines[1]!.startsWith('2019-06-03 21:00:00,')).toBe(true);

    // The exported file imports back as the same bars.
    const again = (await api.call('data.import', { file, symbol: 'SHFE.rb2005' })) as { series: { period: string; rows: number }[] };
    expect(again.series).toMatchObject([{ period: '15m', rows: 23 }]);
    expect(rowsOf(service.store.loadBars('SHFE.rb2005', '15m'))).toEqual(rowsOf(service.store.load('SHFE.rb2005', '15m', 20190604, 20190604)));

    expect(await api.call('data.delete', { symbol: 'SHFE.rb2005', period: '15m' })).toEqual({ chunks: 1 });
    expect(service.store.has('SHFE.rb2005', '15m')).toBe(false);
  });

  it('refuses malformed requests naming the field, and bad input with the data manager’s own message', async () => {
    const e1 = await apiError(api.call('data.import', { file: fixture('vnpy_rb2005_1m.csv'), period: 'abc' }));
    expect(e1).toMatchObject({ code: 'INVALID_PARAMS', field: 'period' });
    const e2 = await apiError(api.call('data.export', { symbol: 'SHFE.rb2005', period: '1m', file: path.join(t.dir, 'x.csv') }));
    expect(e2).toMatchObject({ code: 'NO_DATA', message: 'SHFE.rb2005 1m 无数据' });
    const e3 = await apiError(api.call('data.importPreview', { file: path.join(t.dir, 'nope.csv') }));
    expect(e3.code).toBe('FILE_NOT_FOUND');
    const e4 = await apiError(api.call('data.coverage', { symbol: 'zz9999' }));
    expect(e4.code).toBe('BAD_SYMBOL');
    expect(fs.existsSync(path.join(t.dir, 'x.csv'))).toBe(false);
  });

  it('cancels a running import by its job id; nothing is written', async () => {
    const src = realRb2005();
    let text = 'datetime,open,high,low,close,volume,open_interest\n';
    for (let i = 0; i < src.length; i++) text += `${formatShanghai(src.time[i]!)},${src.open[i]},${src.high[i]},${src.low[i]},${src.close[i]},${src.volume[i]},${src.openInterest[i]}\n`;
    const file = tempFile(t.dir, 'rb2005_all.csv', text);
    let cancelled: unknown;
    const importing = service.import({ file, jobId: 'big' }, (p) => {
      if (cancelled === undefined && p.done < p.total) cancelled = service.cancel({ jobId: 'big' });
    });
    await expect(service.import({ file, jobId: 'big' })).rejects.toMatchObject({ code: 'JOB_RUNNING' });
    await expect(importing).rejects.toMatchObject({ code: 'CANCELLED', message: '已取消，未写入任何数据' });
    expect(cancelled).toEqual({ cancelled: true });
    expect(service.store.series()).toEqual([]);
    expect(service.cancel({ jobId: 'big' })).toEqual({ cancelled: false });
  });

  it('builds a product’s continuous series only from stored contracts', async () => {
    const e = await apiError(api.call('data.continuous', { product: 'rb' }));
    expect(e).toMatchObject({ code: 'NO_CONTRACTS', message: 'rb 没有已存储的合约数据，无法生成主力连续和指数' });
    service.store.writeBars('SHFE.rb2005', '1m', realRb2005());
    const r = (await api.call('data.continuous', { product: 'rb' })) as { main: string; rolls: { to: string }[] };
    expect(r.main).toBe('KQ.m@SHFE.rb');
    expect(r.rolls.map((x) => x.to)).toEqual(['SHFE.rb2005']);
    expect(service.store.loadBars('KQ.m@SHFE.rb', '1m').length).toBe(51_510);
  });
});

describe('the bundled sample', () => {
  it('loads into a new profile once, as SHFE.rb2005 and the 2026 main contracts', () => {
    expect(ensureSampleLoaded(t.db, contracts())).toEqual(['SHFE.rb2005', 'SHFE.rb2605', 'SHFE.cu2603', 'SHFE.ni2603']);
    expect(ensureSampleLoaded(t.db, contracts())).toEqual([]);
    expect(t.store.series().map((s) => `${s.symbol} ${s.period} ${s.count}`)).toEqual([
      'SHFE.cu2603 1m 7200',
      'SHFE.ni2603 1m 7200',
      'SHFE.rb2005 1m 51510',
      'SHFE.rb2605 1m 5400',
    ]);
    const cu = readSampleCsv(resourcePath('market', 'cu_main_1min_2026-01.csv'), contracts().calendar);
    expect(rowsOf(t.store.loadBars('SHFE.cu2603', '1m'))).toEqual(rowsOf(cu));
  });
});
