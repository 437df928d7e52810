// A CTP account through the terminal's API, as the account settings screen and the trading screen use it: saved with
// its secrets encrypted, connected to ctp-sim, made active, traded, disconnected.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api/handlers';
import type { ApiService } from '../../src/main/api/service';
import type { UpdatePublisher } from '../../src/main/api/publisher';
import { Terminal } from '../../src/main/engine/terminal';
import { KeyFileCipher } from '../../src/main/secrets';
import type { UpdateBatch } from '../../src/shared/ipc/contract';
import type { RequestName, RequestParams, RequestResult } from '../../src/shared/ipc/contract';
import { BROKER, MD_FRONT, TRADE_FRONT, fastSim, listedCode, newUser, quote, sim, waitUntil } from './harness';

let running: { t: Terminal; publisher: UpdatePublisher }[] = [];
afterEach(() => {
  for (const r of running) {
    r.publisher.stop();
    r.t.close();
  }
  running = [];
});
beforeAll(() => fastSim());

function open(): { t: Terminal; api: ApiService; batches: UpdateBatch[]; call: <K extends RequestName>(m: K, p: RequestParams<K>) => Promise<RequestResult<K>> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-live-'));
  const t = new Terminal({ profileDir: dir, autoPlay: false, demoStrategy: false, secretCipher: new KeyFileCipher(path.join(dir, 'test.key')) });
  const { api, publisher } = createApi(t);
  running.push({ t, publisher });
  const batches: UpdateBatch[] = [];
  api.subscribe((event, payload) => {
    if (event === 'update') batches.push(payload as UpdateBatch);
  });
  return { t, api, batches, call: (m, p) => api.call(m, p) as never };
}

describe('a CTP account in the terminal', () => {
  it('is saved with its secrets encrypted, connects, becomes the active account and trades', async () => {
    const { t, call, batches } = open();
    const user = newUser('t');
    const password = `pw-${user}-秘密`;
    const saved = await call('accounts.save', {
      id: 'sim-broker',
      name: '本地模拟',
      preset: 'ctp-sim',
      brokerId: BROKER,
      userId: user,
      password,
      appId: 'simnow_client_test',
      authCode: '0000000000000000',
      productInfo: '',
      tradeFronts: [TRADE_FRONT],
      marketFronts: [MD_FRONT],
    });
    expect(saved).toMatchObject({ id: 'sim-broker', hasPassword: true, hasAuthCode: true });
    expect(JSON.stringify(await call('accounts.list', {}))).not.toContain(password);
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(path.join(t.options.profileDir, 'terminal.db')).includes(Buffer.from(password))).toBe(false);

    // Saving again without the password keeps the stored one.
    const { hasPassword: _p, hasAuthCode: _a, ...plain } = saved;
    await call('accounts.save', { ...plain, tradeFronts: [TRADE_FRONT], marketFronts: [MD_FRONT] });
    expect((await call('accounts.list', {}))[0]).toMatchObject({ hasPassword: true });

    await call('accounts.connect', { id: 'sim-broker' });
    await waitUntil(() => t.accounts.get('sim-broker')?.gateway.isReady === true, 8000, 'login through the terminal');
    const status = await call('accounts.status', { id: 'sim-broker' });
    expect(status[0]!.trade.state).toBe('connected');

    expect(await call('accounts.activate', { id: 'sim-broker' })).toEqual({ accountId: 'ctp:sim-broker', mode: 'live' });
    expect(batches.some((b) => b.accountId === 'ctp:sim-broker')).toBe(true);
    // A live account's funds move at the broker, not from the terminal.
    await expect(call('account.transfer', { amount: 10_000 })).rejects.toMatchObject({ code: 'TRANSFER_LIVE' });
    // 结算单: the broker's statement of the last settled day, kept and shown as the broker wrote it.
    const gw = t.accounts.get('sim-broker')!.gateway;
    await waitUntil(() => t.accounts.get('sim-broker')!.store.statement().days.length > 0, 10_000, "the broker's settlement statement");
    const statement = await call('account.statement', {});
    expect(statement.tradingDay).toBe(t.contracts.calendar.prev(gw.tradingDay));
    expect(statement.brokerText).toContain('交易结算单（模拟）');
    expect(statement.brokerText).toContain(`资金账户: ${user}`);

    const code = listedCode('rb');
    await call('market.watch', { add: [`SHFE.${code}`] });
    await waitUntil(() => t.accounts.get('sim-broker')!.md.subscriptions().includes(`SHFE.${code}`), 5000, 'subscription');
    sim.injectQuote(quote(code, 3500, { AskPrice1: 3501, AskVolume1: 10 }));
    await waitUntil(() => t.active.market.get(`SHFE.${code}`)?.last === 3500, 5000, 'quote');

    // After login the broker's balance becomes the account's: what a trader sees before placing an order.
    await waitUntil(() => t.active.accountSnapshot().balance > 0, 5000, "the broker's balance");
    const snap = await call('snapshot.get', {});
    expect([snap.accountId, snap.mode]).toEqual(['ctp:sim-broker', 'live']);
    const broker = t.accounts.get('sim-broker')!.gateway.brokerAccount()!;
    expect(snap.account.preBalance).toBeCloseTo(broker.preBalance, 6);
    const { orders } = await call('order.send', { symbol: `SHFE.${code}`, side: 'buy', offset: 'open', type: 'limit', price: 3501, volume: 1 });
    await waitUntil(() => t.active.oms.get(orders[0]!.id)?.status === 'filled', 5000, `fill at the broker (${JSON.stringify(t.active.oms.get(orders[0]!.id))})`);
    const after = await call('snapshot.get', {});
    expect(after.positions).toEqual([expect.objectContaining({ symbol: `SHFE.${code}`, direction: 'long', volume: 1 })]);
    expect(after.trades).toHaveLength(1);
    // The simulated account was not touched.
    expect(t.engine.oms.orders.size).toBe(0);

    // 改单 at the broker: the cancel is confirmed later, and only then does the new order go out.
    const { orders: [resting] } = await call('order.send', { symbol: `SHFE.${code}`, side: 'buy', offset: 'open', type: 'limit', price: 3400, volume: 2 });
    await waitUntil(() => t.active.oms.get(resting!.id)?.status === 'submitted', 5000, 'the order resting at the broker');
    await call('order.replace', { orderId: resting!.id, price: 3410 });
    expect(t.active.oms.allWorking().map((o) => o.id)).toEqual([resting!.id]);
    await waitUntil(() => t.active.oms.allWorking().some((o) => o.price === 3410 && o.status === 'submitted'), 5000, 'the new order resting at the broker');
    expect(t.active.oms.get(resting!.id)!.status).toBe('cancelled');
    const again = t.active.oms.allWorking();
    expect(again.map((o) => [o.side, o.offset, o.price, o.volume])).toEqual([['buy', 'open', 3410, 2]]);
    await call('order.cancel', { orderId: again[0]!.id });
    await waitUntil(() => t.active.oms.allWorking().length === 0, 5000, 'the cancel');

    // The same strategy API on the live account: an instance that buys one lot at the ask on its first quote.
    const file = await call('strategy.upload', {
      fileName: 'first-tick.ts',
      source: [
        "import { Strategy, type Tick } from '@qihuo/strategy';",
        'export default class FirstTick extends Strategy {',
        '  private done = false;',
        '  override onTick(tick: Tick): void {',
        '    if (this.done) return;',
        '    this.done = true;',
        '    this.buy(tick.ask, 1);',
        '  }',
        '}',
      ].join('\n'),
    });
    expect(file.error).toBeUndefined();
    await call('strategy.add', { name: 'live1', fileId: file.id, symbols: [`SHFE.${code}`], account: 'ctp:sim-broker' });
    expect((await call('strategy.start', { name: 'live1' })).account).toBe('ctp:sim-broker');
    sim.injectQuote(quote(code, 3502, { AskPrice1: 3503, AskVolume1: 10 }));
    await waitUntil(() => t.active.oms.allWorking().length === 0 && t.accounts.get('sim-broker')!.store.tradesSince(0).some((x) => x.source === 'live1'), 5000, 'the strategy fill');
    const inst = (await call('strategy.instances', {})).find((i) => i.name === 'live1')!;
    expect(inst.positions[`SHFE.${code}`]).toBe(1);

    await call('accounts.disconnect', { id: 'sim-broker' });
    expect(t.activeMode).toBe('paper');
    expect((await call('snapshot.get', {})).accountId).toBe('sim');
    // Its strategy waits, stopped, for the account.
    const waiting = (await call('strategy.instances', {})).find((i) => i.name === 'live1')!;
    expect(waiting.status).toBe('stopped');
    expect(waiting.error?.message).toMatch(/未连接/);
    await expect(call('strategy.start', { name: 'live1' })).rejects.toThrow(/not connected/);
  }, 30_000);

  it('says why an account cannot be saved or connected', async () => {
    const { call } = open();
    await expect(
      call('accounts.save', {
        id: 'x',
        name: '',
        preset: 'custom',
        brokerId: '9999',
        userId: 'u1',
        password: 'p',
        appId: '',
        authCode: '',
        productInfo: '',
        tradeFronts: ['182.254.243.31:40001'],
        marketFronts: ['tcp://1.2.3.4:1'],
      }),
    ).rejects.toMatchObject({ code: 'INVALID_PARAMS', field: 'tradeFronts.0' });
    await expect(call('accounts.connect', { id: 'nobody' })).rejects.toThrow(/没有账户 nobody/);
    await expect(call('accounts.activate', { id: 'nobody' })).rejects.toThrow(/未连接/);
  });
});
