import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { createApi } from '../../src/main/api/handlers';
import type { ApiService } from '../../src/main/api/service';
import type { UpdatePublisher } from '../../src/main/api/publisher';
import { Terminal } from '../../src/main/engine/terminal';
import { startServer, type RunningServer } from '../../src/main/server';
import type { UpdateBatch } from '../../src/shared/ipc/contract';
import { ClientError, typedClient, type ConnectionState, type TerminalClient } from '../../src/renderer/src/client/client';
import { backoffDelay, wsTransport } from '../../src/renderer/src/client/ws-transport';
import { errorText } from '../../src/renderer/src/i18n/error-text';

const WS = NodeWebSocket as unknown as typeof WebSocket;

async function until<T>(read: () => T, ok: (v: T) => boolean, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The renderer's WebSocket transport against the real headless server. */
describe('WebSocket transport', () => {
  let terminal: Terminal;
  let api: ApiService;
  let publisher: UpdatePublisher;
  let server: RunningServer;
  let client: TerminalClient | undefined;

  beforeEach(async () => {
    terminal = new Terminal({ profileDir: fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-ws-')), replaySpeed: 600, demoStrategy: false });
    ({ api, publisher } = createApi(terminal));
    server = await startServer({ api, port: 0 });
  });

  afterEach(async () => {
    client?.close();
    publisher.stop();
    await server.close();
    terminal.close();
  });

  const url = (s: RunningServer, token = s.token) => `ws://127.0.0.1:${s.port}/ws?token=${token}`;

  it('calls typed requests and receives update batches', async () => {
    const states: ConnectionState[] = [];
    client = typedClient(wsTransport({ url: url(server), WebSocketImpl: WS }));
    client.onConnection((s) => states.push(s));
    const got: UpdateBatch[] = [];
    client.onUpdate((b) => got.push(b));
    await until(() => client!.connection.status, (s) => s === 'open', 'open');
    const snap = await client.call('snapshot.get', {});
    expect(snap.account.balance).toBe(100_000);
    expect(snap.watchlist).toContain('SHFE.rb2605');
    await until(() => got.some((b) => b.ticks?.length), (v) => v, 'a batch with ticks');
    expect(states.map((s) => s.status).slice(0, 2)).toEqual(['connecting', 'open']);
  });

  it('turns an engine error into a ClientError with its code and field', async () => {
    client = typedClient(wsTransport({ url: url(server), WebSocketImpl: WS }));
    await until(() => client!.connection.status, (s) => s === 'open', 'open');
    const e = await client.call('market.bars', { symbol: 'zz9999', period: '1m' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ClientError);
    expect((e as ClientError).code).toBe('UNKNOWN_CONTRACT');
    expect((e as ClientError).field).toBe('symbol');
  });

  it('carries a refusal’s catalog and parameters, so that the UI words it in its language', async () => {
    client = typedClient(wsTransport({ url: url(server), WebSocketImpl: WS }));
    await until(() => client!.connection.status, (s) => s === 'open', 'open');
    const fail = (p: Promise<unknown>): Promise<ClientError> => p.then(() => expect.fail('the request went through'), (x: unknown) => x as ClientError);
    const settings = { strategyFile: path.resolve(import.meta.dirname, '..', '..', 'strategies', 'dual-ma.ts'), symbols: ['SHFE.rb2605'], period: '1m', from: 20250102, to: 20250103 };

    const backtest = await fail(client.call('backtest.run', { settings }));
    expect(backtest).toBeInstanceOf(ClientError);
    expect(backtest).toMatchObject({ code: 'NO_DATA', catalog: 'backtest', field: 'from', params: { symbol: 'SHFE.rb2605', period: '1m', from: '2025-01-02', to: '2025-01-03' } });
    expect(errorText(backtest, 'en')).toBe('No 1m data for SHFE.rb2605 from 2025-01-02 to 2025-01-03');
    expect(errorText(backtest, 'zh')).toBe(backtest.message);

    const data = await fail(client.call('data.continuous', { product: 'zz', basis: 'openInterest' }));
    expect(data).toMatchObject({ code: 'BAD_SYMBOL', catalog: 'data', params: { detail: 'unknown product "zz"' } });
    expect(errorText(data, 'en')).toBe('Invalid symbol: unknown product "zz"');

    const cancel = await fail(client.call('order.cancel', { orderId: 'nope' }));
    expect(cancel).toMatchObject({ code: 'ORDER_NOT_FOUND', catalog: 'reason', field: 'orderId', params: { orderId: 'nope' } });
    expect(errorText(cancel, 'en')).toBe('Order nope not found');
    expect(errorText(cancel, 'zh')).toBe('委托 nope 不存在');
  });

  it('fails calls at once while down, reconnects with back-off when the server is back', async () => {
    client = typedClient(wsTransport({ url: url(server), WebSocketImpl: WS, baseDelayMs: 50, maxDelayMs: 200 }));
    await until(() => client!.connection.status, (s) => s === 'open', 'open');
    const { port, token } = server;
    await server.close();
    await until(() => client!.connection.status, (s) => s === 'reconnecting', 'reconnecting');
    const e = await client.call('snapshot.get', {}).catch((x: unknown) => x);
    expect((e as ClientError).code).toBe('DISCONNECTED');
    await until(() => client!.connection.attempt, (n) => n >= 2, 'a second attempt');
    server = await startServer({ api, port, token });
    await until(() => client!.connection.status, (s) => s === 'open', 'open again');
    expect((await client.call('settings.get', {})).lang).toBe('zh');
  });

  it('never opens with a wrong token, and keeps trying', async () => {
    client = typedClient(wsTransport({ url: url(server, 'x'.repeat(24)), WebSocketImpl: WS, baseDelayMs: 20, maxDelayMs: 40 }));
    await until(() => client!.connection.attempt, (n) => n >= 3, 'three attempts');
    expect(client.connection.status).toBe('connecting');
    expect(client.connection.problem).toBe('unreachable');
  });

  it('backs off exponentially with jitter, up to the ceiling', () => {
    expect(backoffDelay(1, 500, 10_000, () => 0.5)).toBe(500);
    expect(backoffDelay(3, 500, 10_000, () => 0.5)).toBe(2000);
    expect(backoffDelay(20, 500, 10_000, () => 0.5)).toBe(10_000);
    expect(backoffDelay(1, 500, 10_000, () => 0)).toBe(400);
    expect(backoffDelay(1, 500, 10_000, () => 1)).toBe(600);
  });
});
