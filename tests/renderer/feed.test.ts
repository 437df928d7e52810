import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api/handlers';
import { UpdatePublisher } from '../../src/main/api/publisher';
import type { ApiService } from '../../src/main/api/service';
import { Terminal } from '../../src/main/engine/terminal';
import type { UpdateBatch } from '../../src/shared/ipc/contract';
import type { Order } from '../../src/shared/model/types';
import { Feed } from '../../src/renderer/src/state/feed';
import { createStores, type Stores } from '../../src/renderer/src/state/stores';
import { inProcessClient, type TestClient } from './client-helpers';

/**
 * How the renderer's stores follow the engine: a snapshot, then update batches; batches that arrive before the
 * snapshot's answer never roll it back; a reconnect resyncs. The engine, its API and its batches are the real ones.
 */
describe('renderer feed: snapshot and update batches', () => {
  let terminal: Terminal;
  let api: ApiService;
  let publisher: UpdatePublisher;
  let batches: UpdateBatch[];
  let client: TestClient;
  let stores: Stores;
  let rejected: Order[];
  let feed: Feed;

  beforeEach(() => {
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-feed-'));
    terminal = new Terminal({ profileDir, autoPlay: false, demoStrategy: false });
    const built = createApi(terminal);
    api = built.api;
    // The test flushes batches itself, in the order it wants them delivered.
    built.publisher.stop();
    batches = [];
    publisher = new UpdatePublisher(terminal.engine, (b) => batches.push(b));
    for (let i = 0; i < 40; i++) terminal.replay.step();
    publisher.flush();
    batches = [];
    client = inProcessClient(api);
    stores = createStores();
    rejected = [];
    feed = new Feed(client, stores, { onRejected: (o) => rejected.push(o) });
    feed.start();
  });

  afterEach(() => {
    feed.stop();
    publisher.stop();
    terminal.close();
  });

  const quote = () => terminal.engine.market.get('SHFE.rb2605')!.tick!;
  const send = (o: { price: number; volume?: number; side?: 'buy' | 'sell'; offset?: 'open' | 'close' }) =>
    terminal.engine.sendOrder({ symbol: 'SHFE.rb2605', side: o.side ?? 'buy', offset: o.offset ?? 'open', type: 'limit', price: o.price, volume: o.volume ?? 1, source: 'manual' });
  const flushOne = (): UpdateBatch => {
    publisher.flush();
    const b = batches.pop();
    if (b === undefined) throw new Error('no batch');
    return b;
  };
  const synced = () => new Promise<void>((resolve) => {
    const check = (): void => (stores.session.getState().ready ? resolve() : void setTimeout(check, 5));
    check();
  });

  it('applies batches that came before the snapshot answer without rolling the snapshot back', async () => {
    const [order] = send({ price: quote().bid - 20 });
    const resting = flushOne();
    expect(resting.orders?.[0]?.status).toBe('submitted');
    expect(resting.account?.frozenMargin).toBeGreaterThan(0);
    terminal.engine.cancelOrder(order!.id);

    const release = client.holdAnswers();
    client.setConnection('open');
    await new Promise((r) => setTimeout(r, 10));
    // The older batch arrives while the snapshot (taken after the cancel) is on its way.
    client.deliver(resting);
    expect(stores.session.getState().ready).toBe(false);
    release();
    await synced();

    expect(stores.orders.getState().byId.get(order!.id)?.status).toBe('cancelled');
    expect(stores.account.getState().account?.frozenMargin).toBe(0);
    expect(stores.market.getState().ticks['SHFE.rb2605']?.last).toBe(quote().last);
  });

  it('follows fills, positions and refusals batch by batch, telling each refusal once', async () => {
    client.setConnection('open');
    await synced();
    send({ price: quote().ask + 2, volume: 2 });
    client.deliver(flushOne());
    const pos = [...stores.positions.getState().byKey.values()];
    expect(pos.map((p) => [p.symbol, p.direction, p.volume])).toEqual([['SHFE.rb2605', 'long', 2]]);
    expect(stores.trades.getState().list).toHaveLength(1);
    expect(stores.account.getState().account?.margin).toBeGreaterThan(0);

    const [bad] = send({ price: quote().ask, volume: 0 });
    const refusal = flushOne();
    client.deliver(refusal);
    client.deliver(refusal);
    expect(rejected.map((o) => o.id)).toEqual([bad!.id]);
    expect(rejected[0]!.statusReason?.code).toBe('VOLUME_NOT_POSITIVE');

    // Closing the whole position removes its row.
    send({ price: quote().bid - 2, volume: 2, side: 'sell', offset: 'close' });
    client.deliver(flushOne());
    expect(stores.positions.getState().byKey.size).toBe(0);
    expect(stores.trades.getState().list.length).toBeGreaterThanOrEqual(2);
  });

  it('wakes only the stores a batch has something for: a quote batch leaves orders and trades alone', async () => {
    client.setConnection('open');
    await synced();
    const woken = new Set<string>();
    for (const [name, store] of Object.entries(stores)) store.subscribe(() => woken.add(name));
    terminal.replay.step();
    terminal.replay.step();
    const quotes = flushOne();
    expect(quotes.ticks?.length).toBeGreaterThan(0);
    client.deliver(quotes);
    expect([...woken].sort()).toEqual(['account', 'clock', 'market']);
    woken.clear();
    send({ price: quote().bid - 20 });
    client.deliver(flushOne());
    expect(woken.has('orders')).toBe(true);
    expect(woken.has('trades')).toBe(false);
    expect(woken.has('market')).toBe(false);
  });

  it('resyncs from a fresh snapshot after a reconnect, with what happened while down', async () => {
    client.setConnection('open');
    await synced();
    client.setConnection('reconnecting');
    expect(stores.session.getState().ready).toBe(false);
    send({ price: quote().ask + 2 });
    // Batches of the outage never reach the client: the snapshot must carry the fill.
    flushOne();
    client.setConnection('open');
    await synced();
    expect([...stores.positions.getState().byKey.values()].map((p) => p.volume)).toEqual([1]);
    expect(stores.trades.getState().list).toHaveLength(1);
    expect(stores.session.getState().syncs).toBe(2);
  });

  it('lists the strategy instances after the snapshot and keeps them current from the batches', async () => {
    terminal.strategies.add('ma', 'builtin:dual-ma.ts', ['rb2605']);
    client.setConnection('open');
    await synced();
    await new Promise((r) => setTimeout(r, 20));
    expect(stores.strategies.getState().byName.get('ma')?.status).toBe('created');
    const v = stores.strategies.getState().version;
    const started = terminal.strategies.start('ma');
    client.deliver({ clock: Date.now(), strategies: [started] });
    expect(stores.strategies.getState().byName.get('ma')?.status).toBe('running');
    expect(stores.strategies.getState().version).toBe(v + 1);
    // A quote batch leaves the strategies' store alone.
    client.deliver({ clock: Date.now(), ticks: [quote()] });
    expect(stores.strategies.getState().version).toBe(v + 1);
  });

  it('fetches a new snapshot when a batch says another account became the active one', async () => {
    const calls: string[] = [];
    const call = client.call.bind(client);
    client.call = ((m: never, p: never) => {
      calls.push(m);
      return call(m, p);
    }) as typeof client.call;
    client.setConnection('open');
    await synced();
    expect(calls.filter((c) => c === 'snapshot.get')).toHaveLength(1);
    // The batch that announces the switch is not applied over the old account's state: a snapshot replaces it.
    client.deliver({ accountId: 'ctp:other', orders: [] });
    await new Promise((r) => setTimeout(r, 20));
    expect(calls.filter((c) => c === 'snapshot.get')).toHaveLength(2);
    expect(stores.session.getState().syncs).toBe(2);
    // The same account again asks for nothing.
    client.deliver({ accountId: stores.account.getState().accountId });
    await new Promise((r) => setTimeout(r, 20));
    expect(calls.filter((c) => c === 'snapshot.get')).toHaveLength(2);
  });
});
