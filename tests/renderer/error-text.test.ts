import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api/handlers';
import type { UpdatePublisher } from '../../src/main/api/publisher';
import type { ApiService } from '../../src/main/api/service';
import { Terminal } from '../../src/main/engine/terminal';
import { errorBodyOf } from '../../src/shared/ipc/define';
import { failureToast, toastString } from '../../src/renderer/src/app/toast-text';
import { ClientError } from '../../src/renderer/src/client/client';
import { errorText } from '../../src/renderer/src/i18n/error-text';
import { inProcessClient, type TestClient } from './client-helpers';

const DUAL_MA = path.resolve(import.meta.dirname, '..', '..', 'strategies', 'dual-ma.ts');

/** A request's refusal as the renderer receives it (a ClientError), or a failure if the request went through. */
async function refusal(p: Promise<unknown>): Promise<ClientError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ClientError);
  return e as ClientError;
}

/**
 * The engine's refusals in the UI's language: the engine sends a code with its catalog and parameters beside its
 * Chinese message, and the renderer words them from the shared tables when it shows them. The engine and its API
 * are the real ones.
 */
describe('engine errors in the UI language', () => {
  let terminal: Terminal;
  let publisher: UpdatePublisher;
  let api: ApiService;
  let client: TestClient;

  beforeEach(() => {
    terminal = new Terminal({ profileDir: fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-errtext-')), autoPlay: false, demoStrategy: false });
    ({ api, publisher } = createApi(terminal));
    client = inProcessClient(api);
  });

  afterEach(() => {
    publisher.stop();
    terminal.close();
  });

  it('words a backtest over days without data from the backtester’s table', async () => {
    const settings = { strategyFile: DUAL_MA, symbols: ['SHFE.rb2605'], period: '1m', from: 20250102, to: 20250103 };
    const e = await refusal(client.call('backtest.run', { settings }));
    expect(e).toMatchObject({ code: 'NO_DATA', catalog: 'backtest', field: 'from' });
    expect(errorText(e, 'en')).toBe('No 1m data for SHFE.rb2605 from 2025-01-02 to 2025-01-03');
    expect(errorText(e, 'zh')).toBe('SHFE.rb2605 1m 在 2025-01-02 至 2025-01-03 之间没有数据');
    // The Chinese message is unchanged, for logs and the CLI.
    expect(e.message).toBe(errorText(e, 'zh'));
  });

  it('words a data manager refusal from the data table, and tells its NO_DATA from the backtester’s', async () => {
    const missing = path.join(os.tmpdir(), 'qihuo-no-such-file.csv');
    const e = await refusal(client.call('data.importPreview', { file: missing }));
    expect(e).toMatchObject({ code: 'FILE_NOT_FOUND', catalog: 'data', params: { file: missing } });
    expect(errorText(e, 'en')).toBe(`File not found: ${missing}`);
    expect(errorText(e, 'zh')).toBe(`文件不存在：${missing}`);

    // A chart of a contract without stored bars: the data table's NO_DATA, whose template differs from the backtester's.
    const chart = await refusal(client.call('market.bars', { symbol: 'SHFE.ag2606', period: '5m' }));
    expect(chart).toMatchObject({ code: 'NO_DATA', catalog: 'data', field: 'symbol' });
    expect(errorText(chart, 'en')).toBe('No data for SHFE.ag2606 5m');
    expect(errorText(chart, 'zh')).toBe('SHFE.ag2606 5m 无数据');
  });

  it('words an order request refused with an engine reason, in the toast as well, following a language switch', async () => {
    const e = await refusal(client.call('order.cancel', { orderId: 'nope' }));
    expect(e).toMatchObject({ code: 'ORDER_NOT_FOUND', catalog: 'reason', params: { orderId: 'nope' }, field: 'orderId' });
    expect(errorText(e, 'en')).toBe('Order nope not found');
    expect(errorText(e, 'zh')).toBe('委托 nope 不存在');

    // The toast keeps the refusal, not its text: shown again after a switch, it is in the new language.
    const toast = failureToast('what.cancel', e);
    expect(toastString(toast, 'en')).toBe('Cancel failed: Order nope not found');
    expect(toastString(toast, 'zh')).toBe('撤单失败：委托 nope 不存在');
  });

  it('keeps the catalog and parameters over the Electron bridge', async () => {
    // The main process answers as src/main/index.ts does; Electron copies the answer with the structured clone, and
    // the IPC transport makes a ClientError of it.
    const answer = await api.call('data.continuous', { product: 'zz', basis: 'openInterest' }).then(
      () => expect.fail('the request went through'),
      (e: unknown) => structuredClone({ error: errorBodyOf(e) }),
    );
    const e = ClientError.of(answer.error);
    expect(e).toMatchObject({ code: 'BAD_SYMBOL', catalog: 'data', params: { detail: 'unknown product "zz"' } });
    expect(errorText(e, 'en')).toBe('Invalid symbol: unknown product "zz"');
    expect(errorText(e, 'zh')).toBe('合约代码无效：unknown product "zz"');
  });

  it('shows the engine’s own message for an error without a catalog', async () => {
    const e = await refusal(client.call('market.bars', { symbol: 'zz9999', period: '1m' }));
    expect(e.code).toBe('UNKNOWN_CONTRACT');
    expect(e.catalog).toBeUndefined();
    expect(errorText(e, 'en')).toBe(e.message);
    expect(errorText(e, 'zh')).toBe(e.message);
  });
});
