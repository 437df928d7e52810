import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApi } from '../../src/main/api/handlers';
import { Terminal } from '../../src/main/engine/terminal';
import { startServer, type RunningServer } from '../../src/main/server';
import { CENT } from '../helpers/engine';
import { TestClient, wsUrl } from '../helpers/ws-client';

interface Running {
  terminal: Terminal;
  server: RunningServer;
  stop(): Promise<void>;
}

async function start(profileDir: string): Promise<Running> {
  // No demo strategy: the books checked here are the trader's own orders.
  const terminal = new Terminal({ profileDir, autoPlay: false, demoStrategy: false });
  const { api, publisher } = createApi(terminal);
  const server = await startServer({ api, port: 0 });
  return {
    terminal,
    server,
    stop: async () => {
      publisher.stop();
      await server.close();
      terminal.close();
    },
  };
}

const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
});

describe('the engine headless, over the WebSocket API', () => {
  it('trades, keeps the books straight, and finds them again after a restart', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-headless-'));
    const first = await start(profile);
    running.push(first);
    const client = await TestClient.connect(wsUrl(first.server.url));

    // Quotes move: play the replay for a while and see them arrive in update batches.
    for (let i = 0; i < 40; i++) first.terminal.replay.step();
    const withTicks = await client.waitFor((u) => (u.ticks?.length ?? 0) > 0);
    expect(withTicks.ticks![0]!.symbol).toMatch(/^SHFE\./);

    const snap = await client.call('snapshot.get', {});
    expect(snap.account.balance).toBeCloseTo(100_000, 6);
    const rb = snap.ticks.find((t) => t.symbol === 'SHFE.rb2605')!;
    expect(rb).toBeDefined();

    // A limit buy at the ask fills.
    const { orders } = await client.call('order.send', { symbol: 'rb2605', side: 'buy', offset: 'open', type: 'limit', price: rb.ask, volume: 1 });
    expect(orders).toHaveLength(1);
    expect(orders[0]!.status).toBe('filled');
    // A resting order, then cancelled.
    const resting = await client.call('order.send', { symbol: 'SHFE.rb2605', side: 'buy', offset: 'open', type: 'limit', price: rb.bid - 20, volume: 2 });
    expect(resting.orders[0]!.status).toBe('submitted');
    await client.call('order.cancel', { orderId: resting.orders[0]!.id });
    // Bad orders are refused with reasons.
    const zero = await client.call('order.send', { symbol: 'rb2605', side: 'buy', offset: 'open', type: 'limit', price: rb.ask, volume: 0 });
    expect(zero.orders[0]!.statusReason?.code).toBe('VOLUME_NOT_POSITIVE');
    const unknown = await client.call('order.send', { symbol: 'zz2605', side: 'buy', offset: 'open', type: 'limit', price: 100, volume: 1 });
    expect(unknown.orders[0]!.statusReason?.code).toBe('UNKNOWN_CONTRACT');
    const offTick = await client.call('order.send', { symbol: 'rb2605', side: 'buy', offset: 'open', type: 'limit', price: rb.ask + 0.5, volume: 1 });
    expect(offTick.orders[0]!.statusMsg).toContain('最小变动价位');

    for (let i = 0; i < 8; i++) first.terminal.replay.step();
    await client.waitFor((u) => u.trades !== undefined || u.positions !== undefined);
    const after = await client.call('snapshot.get', {});
    expect(after.trades).toHaveLength(1);
    const pos = after.positions.find((p) => p.symbol === 'SHFE.rb2605')!;
    expect([pos.direction, pos.volume, pos.todayVolume]).toEqual(['long', 1, 1]);
    expect(pos.avgOpenPrice).toBe(rb.ask);
    expect(pos.floatProfit).toBeCloseTo((pos.lastPrice - rb.ask) * 10, 6);
    const a = after.account;
    expect(a.balance).toBeCloseTo(a.staticBalance + a.closeProfit + a.positionProfit - a.commission, 6);
    expect(a.available).toBeCloseTo(a.balance - a.margin - a.frozenMargin - a.frozenCommission, 6);
    expect(a.margin).toBeGreaterThan(0);
    expect(a.commission).toBeGreaterThan(0);
    const cancelled = after.orders.find((o) => o.id === resting.orders[0]!.id)!;
    expect(cancelled.status).toBe('cancelled');

    client.close();
    await first.stop();
    running.splice(0);

    // Stop and start: orders, trades, positions and the account are still there.
    const second = await start(profile);
    running.push(second);
    const again = await TestClient.connect(wsUrl(second.server.url));
    const restored = await again.call('snapshot.get', {});
    expect(restored.trades.map((t) => t.id)).toEqual(after.trades.map((t) => t.id));
    expect(restored.orders.map((o) => [o.id, o.status])).toEqual(after.orders.map((o) => [o.id, o.status]));
    const rpos = restored.positions.find((p) => p.symbol === 'SHFE.rb2605')!;
    expect([rpos.volume, rpos.todayVolume, rpos.avgOpenPrice]).toEqual([1, 1, rb.ask]);
    expect(restored.account.commission).toBeCloseTo(a.commission, 6);
    expect(restored.account.margin).toBeCloseTo(a.margin, 6);
    expect(Math.abs(restored.account.staticBalance - a.staticBalance)).toBeLessThan(CENT);
    // The replay continues where the market was, not from the start.
    expect(restored.clock).toBeGreaterThanOrEqual(after.clock - 60_000);
    // And the numbering of orders continues.
    const next = await again.call('order.send', { symbol: 'rb2605', side: 'buy', offset: 'open', type: 'limit', price: rb.bid - 30, volume: 1 });
    expect(Number(next.orders[0]!.id)).toBeGreaterThan(Math.max(...after.orders.map((o) => Number(o.id))));
    again.close();
  });

  it('answers a malformed request with an error naming the field, and goes on', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-headless-'));
    const r = await start(profile);
    running.push(r);
    const client = await TestClient.connect(wsUrl(r.server.url));
    await expect(client.raw('order.send', { symbol: 'rb2605', side: 'up', offset: 'open', type: 'limit', price: 1, volume: 1 })).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
      field: 'side',
    });
    await expect(client.raw('order.send', { symbol: 'rb2605', side: 'buy', offset: 'open', type: 'limit', price: 'x', volume: 1 })).rejects.toMatchObject({
      field: 'price',
    });
    await expect(client.raw('order.send', { symbol: 'rb2605', side: 'buy', offset: 'open', type: 'limit', price: 1, volume: 1.5 })).rejects.toMatchObject({
      field: 'volume',
    });
    await expect(client.raw('no.such', {})).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
    await expect(client.raw('order.cancel', { orderId: '999' })).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND' });
    const snap = await client.call('snapshot.get', {});
    expect(snap.orders).toHaveLength(0);
    client.close();
  });

  it('refuses a connection without the right token', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-headless-'));
    const r = await start(profile);
    running.push(r);
    const u = new URL(r.server.url);
    for (const bad of [`ws://${u.host}/ws`, `ws://${u.host}/ws?token=wrong`, `ws://${u.host}/ws?token=${r.server.token}x`]) {
      await expect(
        new Promise((resolve, reject) => {
          const ws = new WebSocket(bad);
          ws.once('open', () => resolve('open'));
          ws.once('unexpected-response', (_q, res) => reject(new Error(String(res.statusCode))));
          ws.once('error', reject);
        }),
      ).rejects.toThrow('401');
    }
    expect(u.hostname).toBe('127.0.0.1');
  });
});
