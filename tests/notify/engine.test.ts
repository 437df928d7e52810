import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadStrategyFile } from '../../src/main/strategy/loader';
import { StrategyRuntime } from '../../src/main/strategy/runtime';
import { shanghaiToEpoch } from '../../src/shared/model/time';
import type { Order } from '../../src/shared/model/types';
import { makeEngine, tick, type TestEngine } from '../helpers/engine';
import { AlertService } from '../../src/main/notify/alert-service';
import { DINGTALK_URL, FEISHU_URL, WECOM_URL, MemoryKv, RecordingServer, VirtualTime, channel, closedPortOrigin, harness, localFetch, type Harness, type Received } from './support';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-notify-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let h: Harness | undefined;
afterEach(async () => {
  h?.service.close();
  await h?.server.close();
  h = undefined;
});

function trade(t: TestEngine, side: Order['side'], offset: Order['offset'], price: number, volume: number): Order[] {
  t.engine.onTick(tick('rb2505', price, { bid: price, ask: price, bidVolume: 1000, askVolume: 1000 }));
  return t.engine.sendOrder({ symbol: 'rb2505', side, offset, type: 'limit', price, volume });
}

/** Feishu's plain text of each message the robot received. */
function feishuTexts(received: readonly Received[]): string[] {
  return received.map((r) => (r.body['content'] as { text: string }).text);
}

const FEISHU_OK = { status: 200, body: '{"code":0,"msg":"success"}' } as const;

describe('what the engine pushes', () => {
  it('a risk refusal and a rejected order go to the channels that take them', async () => {
    h = await harness();
    h.server.reply = (r) => (r.path.startsWith('/open-apis') ? FEISHU_OK : { status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    h.service.set({
      save: [channel({ kind: 'feishu', url: FEISHU_URL, name: '风控群', events: ['risk'] }), channel({ kind: 'wecom', url: WECOM_URL, name: '交易群', events: ['rejected'] })],
    });
    // 20,000 of capital: rb at 3500 takes 3500 * 10 * 8% = 2,800 of margin a lot (2021 preset), so 10 lots cannot open.
    const t = makeEngine({ capital: 20_000 });
    h.service.attach(t.engine.bus);
    const [refused] = trade(t, 'buy', 'open', 3500, 10);
    expect(refused!.statusReason?.code).toBe('INSUFFICIENT_MARGIN');
    const [rejected] = trade(t, 'sell', 'close', 3500, 1);
    expect(rejected!.statusReason?.code).toBe('CLOSE_EXCEEDS_POSITION');
    await h.service.flush();

    const feishu = h.server.received.filter((r) => r.path.startsWith('/open-apis'));
    const wecom = h.server.received.filter((r) => r.path.startsWith('/cgi-bin'));
    expect(feishu).toHaveLength(1);
    expect(wecom).toHaveLength(1);
    const risk = feishuTexts(feishu)[0]!;
    expect(risk).toMatch(/^【期货提醒】风控拒单 SHFE\.rb2505 买开 10手 @3500\n原因 可用资金不足：需要 [\d.]+，可用 [\d.]+ · 来源 手动 · 2025-03-03 09:30:00$/);
    const content = (wecom[0]!.body['markdown'] as { content: string }).content;
    expect(content).toContain('废单 SHFE.rb2505 卖平 1手 @3500');
    expect(content).toContain('原因 平仓量 1 超过可平量 0');
  });

  it('a strategy that throws is reported with its name, file and line', async () => {
    h = await harness();
    h.server.reply = () => FEISHU_OK;
    const file = path.join(dir, 'thrower.ts');
    fs.writeFileSync(
      file,
      [
        "import { Strategy, type Tick } from '@qihuo/strategy';",
        'export default class Thrower extends Strategy {',
        '  override onTick(t: Tick): void {',
        "    if (t.last > 3600) throw new RangeError('price out of my model');",
        '  }',
        '}',
      ].join('\n'),
    );
    const t = makeEngine();
    const runtime = new StrategyRuntime(t.engine);
    runtime.add(loadStrategyFile(file), { name: '突破一号', symbols: ['rb2505'] });
    runtime.start('突破一号');
    h.service.set({ save: [channel({ kind: 'feishu', url: FEISHU_URL, events: ['strategyError'] })] });
    h.service.attach(t.engine.bus);
    t.engine.log('error', 'engine', 'something of the engine itself');
    t.engine.onTick(tick('rb2505', 3500));
    t.engine.onTick(tick('rb2505', 3601));
    expect(runtime.get('突破一号').status).toBe('error');
    await h.service.flush();

    const texts = feishuTexts(h.server.received);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/^【期货提醒】策略出错 突破一号\n策略出错已停止: .*thrower\.ts:4.*RangeError: price out of my model/);
  });

  it('a gateway drop is one alert however many reconnect steps follow, and its return another', async () => {
    h = await harness();
    h.server.reply = () => FEISHU_OK;
    h.service.set({ save: [channel({ kind: 'feishu', url: FEISHU_URL, events: ['gateway'] })] });
    const t = makeEngine();
    h.service.attach(t.engine.bus, t.engine.gatewayStatuses());
    // As the CTP gateway reports a dropped front: connecting while it reconnects, step by step.
    t.engine.status({ gateway: 'sim', state: 'connecting', message: '交易前置断开：网络读失败，正在重连' });
    t.engine.status({ gateway: 'sim', state: 'connecting', message: '正在登录' });
    t.engine.status({ gateway: 'sim', state: 'error', message: '交易前置 10 秒无法连接' });
    t.sim.connect(t.engine);
    await h.service.flush();
    t.sim.disconnect();
    await h.service.flush();

    // The drop and the return came in the same turn: one message of two alerts; the later disconnect on its own.
    expect(feishuTexts(h.server.received)).toEqual([
      [
        '【期货提醒】2 条',
        '1. 交易通道断开 sim',
        '   交易前置断开：网络读失败，正在重连 · 2025-03-03 09:31:00',
        '2. 交易通道已恢复 sim',
        '   模拟撮合 · 2025-03-03 09:31:00',
      ].join('\n'),
      '【期货提醒】交易通道断开 sim\n已断开 · 2025-03-03 09:31:00',
    ]);
  });

  it('a gateway that fails to connect at all is reported as a failed connection', async () => {
    h = await harness();
    h.server.reply = () => FEISHU_OK;
    h.service.set({ save: [channel({ kind: 'feishu', url: FEISHU_URL, events: ['gateway'] })] });
    const t = makeEngine();
    h.service.attach(t.engine.bus, t.engine.gatewayStatuses());
    t.engine.status({ gateway: 'ctp:9999', state: 'connecting', message: '正在连接交易前置' });
    t.engine.status({ gateway: 'ctp:9999', state: 'error', message: '登录失败：不合法的登录' });
    t.engine.status({ gateway: 'ctp:9999', state: 'error', message: '登录失败：不合法的登录' });
    await h.service.flush();
    expect(feishuTexts(h.server.received)).toEqual(['【期货提醒】交易通道连接失败 ctp:9999\n登录失败：不合法的登录 · 2025-03-03 09:31:00']);
  });

  it('the daily settlement summary carries the day, equity and P&L of the settlement', async () => {
    h = await harness();
    h.server.reply = () => FEISHU_OK;
    h.service.set({ save: [channel({ kind: 'feishu', url: FEISHU_URL, events: ['settlement'] })] });
    const t = makeEngine();
    h.service.attach(t.engine.bus);
    trade(t, 'buy', 'open', 3500, 2);
    t.engine.onTick(tick('rb2505', 3520, { bid: 3520, ask: 3521 }));
    t.clock.set(shanghaiToEpoch(2025, 3, 3, 15, 30));
    t.engine.rollTradingDay(20250304);
    await h.service.flush();

    const perf = t.recorder.daily[0]!;
    // Marked at 3520: +400 on the position, 7.00 of commission.
    expect(perf.netPnl).toBeCloseTo(400 - 7, 6);
    expect(feishuTexts(h.server.received)).toEqual([
      '【期货提醒】日结 2025-03-03 权益 1,000,393.00\n当日盈亏 +393.00 (+0.04%) · 平仓盈亏 0.00 · 持仓盈亏 +400.00 · 手续费 7.00 · 成交 1笔',
    ]);
  });

  it('a disabled channel and a channel without the event get nothing', async () => {
    h = await harness();
    h.server.reply = () => FEISHU_OK;
    h.service.set({
      save: [channel({ kind: 'feishu', url: FEISHU_URL, name: 'off', enabled: false }), channel({ kind: 'feishu', url: FEISHU_URL, name: 'no fills', events: ['settlement'] })],
    });
    const t = makeEngine();
    h.service.attach(t.engine.bus);
    trade(t, 'buy', 'open', 3500, 1);
    await h.service.flush();
    expect(h.server.received).toEqual([]);
  });
});

describe('the engine goes on while a channel is down', () => {
  it('trades on while the robot does not answer, and the alerts follow when it does', async () => {
    h = await harness();
    h.server.reply = (_, n) => (n === 1 ? { hang: true } : FEISHU_OK);
    h.service.set({ save: [channel({ kind: 'feishu', url: FEISHU_URL, events: ['fill'] })] });
    const t = makeEngine();
    h.service.attach(t.engine.bus);
    trade(t, 'buy', 'open', 3500, 1);
    // Let the first message reach the robot, which holds it.
    while (h.server.received.length === 0) await new Promise((r) => setTimeout(r, 5));
    for (let i = 1; i <= 20; i++) expect(trade(t, 'buy', 'open', 3500 + i, 1)[0]!.status).toBe('filled');
    const pos = t.engine.portfolio.position(t.engine.contracts.resolve('rb2505'), 'long');
    expect(pos.volume).toBe(21);
    expect(h.server.received).toHaveLength(1);
    expect(h.service.get()[0]!.stats.queued).toBe(20);

    h.server.release(FEISHU_OK);
    await h.service.flush();
    const texts = feishuTexts(h.server.received);
    expect(texts.join('\n').match(/成交 SHFE\.rb2505 买开 1手/g)).toHaveLength(21);
    expect(h.server.received.length).toBe(2);
  });

  it('a channel that cannot be reached holds up neither the engine nor the other channels', async () => {
    const down = await closedPortOrigin();
    const up = await RecordingServer.start();
    up.reply = () => FEISHU_OK;
    // DingTalk goes to a closed port, Feishu to the recording server.
    h = await harness({
      fetch: (url, init) => (url.includes('dingtalk') ? localFetch(down)(url, init) : localFetch(up.origin)(url, init)),
    });
    h.service.set({ save: [channel({ kind: 'dingtalk', url: DINGTALK_URL, events: ['fill'] }), channel({ kind: 'feishu', url: FEISHU_URL, events: ['fill'] })] });
    const t = makeEngine();
    h.service.attach(t.engine.bus);
    for (let i = 0; i < 5; i++) trade(t, 'buy', 'open', 3500 + i, 1);
    await h.service.flush();

    expect(t.recorder.trades).toHaveLength(5);
    expect(feishuTexts(up.received).join('\n').match(/成交 SHFE\.rb2505/g)).toHaveLength(5);
    const [dingtalk, feishu] = h.service.get();
    expect(dingtalk!.stats).toMatchObject({ sent: 0, failed: 5 });
    expect(feishu!.stats).toMatchObject({ sent: 5, failed: 0 });
    expect(h.logs.length).toBeGreaterThan(0);
    for (const log of h.logs) {
      expect(log.source).toBe('alerts');
      expect(log.message).not.toContain('access_token');
      expect(log.message).not.toContain(new URL(DINGTALK_URL).searchParams.get('access_token')!.slice(-12));
    }
    await up.close();
  });

  it('its own failure lines never come back as alerts', async () => {
    const t = makeEngine();
    const logs: string[] = [];
    t.engine.bus.on('log', (e) => logs.push(`${e.level} ${e.source}`));
    const time = new VirtualTime();
    const kv = new MemoryKv();
    // Logging through the engine, as the terminal wires it, with every event switched on.
    const service = new AlertService({ settings: kv, secrets: kv, log: (l, s, m) => t.engine.log(l, s, m), fetch: localFetch(await closedPortOrigin()), now: time.now, sleep: time.sleep });
    service.set({ save: [channel({ kind: 'feishu', url: FEISHU_URL })] });
    service.attach(t.engine.bus);
    trade(t, 'buy', 'open', 3500, 1);
    await service.flush();
    expect(logs).toEqual(['warn alerts']);
    expect(service.get()[0]!.stats).toMatchObject({ sent: 0, failed: 1, queued: 0 });
    service.close();
  });
});
