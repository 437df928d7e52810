import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../src/shared/model/types';
import { makeEngine, tick, type TestEngine } from '../helpers/engine';
import { DINGTALK_SECRET, DINGTALK_URL, FEISHU_SECRET, FEISHU_URL, WECOM_URL, channel, harness, type Harness } from './support';

/** A limit buy or sell at a price the market quotes on both sides: it fills at once on the SimExchange. */
function trade(t: TestEngine, side: Order['side'], offset: Order['offset'], price: number, volume: number): Order[] {
  t.engine.onTick(tick('rb2505', price, { bid: price, ask: price, bidVolume: 1000, askVolume: 1000 }));
  return t.engine.sendOrder({ symbol: 'rb2505', side, offset, type: 'limit', price, volume });
}

let h: Harness | undefined;
afterEach(async () => {
  h?.service.close();
  await h?.server.close();
  h = undefined;
});

async function setup(...channels: Parameters<typeof channel>[0][]): Promise<{ h: Harness; t: TestEngine }> {
  h = await harness();
  h.service.set({ save: channels.map(channel) });
  const t = makeEngine();
  h.service.attach(t.engine.bus, t.engine.gatewayStatuses());
  return { h, t };
}

describe('DingTalk custom robot', () => {
  it('posts a markdown message of the fill, signed with timestamp and sign in the URL', async () => {
    const { h, t } = await setup({ kind: 'dingtalk', url: DINGTALK_URL, secret: DINGTALK_SECRET });
    const [order] = trade(t, 'buy', 'open', 3500, 2);
    expect(order!.status).toBe('filled');
    await h.service.flush();

    expect(h.server.received).toHaveLength(1);
    const r = h.server.received[0]!;
    expect(r.path).toBe('/robot/send');
    expect(r.query.get('access_token')).toBe(new URL(DINGTALK_URL).searchParams.get('access_token'));
    expect(r.headers['content-type']).toMatch(/application\/json/);
    // The signature, recomputed here: HMAC-SHA256 keyed by the secret over timestamp + "\n" + secret, base64.
    const timestamp = r.query.get('timestamp')!;
    expect(Number(timestamp)).toBe(r.at);
    const expected = crypto.createHmac('sha256', DINGTALK_SECRET).update(`${timestamp}\n${DINGTALK_SECRET}`).digest('base64');
    expect(r.query.get('sign')).toBe(expected);
    // ... and URL-encoded on the wire: base64's + / = never appear raw in the query.
    expect(r.rawUrl).toContain(`&sign=${encodeURIComponent(expected)}`);

    expect(r.body['msgtype']).toBe('markdown');
    const md = r.body['markdown'] as { title: string; text: string };
    expect(md.title).toBe('【期货提醒】成交 SHFE.rb2505 买开 2手 @3500');
    expect(md.text).toContain('成交 SHFE.rb2505 买开 2手 @3500');
    // Commission of rb: 1 bp of turnover, 3500 * 10 * 2 * 0.0001 = 7.00; the fill's Shanghai time.
    expect(md.text).toContain('手续费 7.00');
    expect(md.text).toContain('来源 手动');
    expect(md.text).toContain('2025-03-03 09:30:00');
  });

  it('an unsigned robot gets the URL as it was given', async () => {
    const { h, t } = await setup({ kind: 'dingtalk', url: DINGTALK_URL });
    trade(t, 'buy', 'open', 3500, 1);
    await h.service.flush();
    const r = h.server.received[0]!;
    expect(r.query.has('timestamp')).toBe(false);
    expect(r.query.has('sign')).toBe(false);
    expect(r.rawUrl).toBe(DINGTALK_URL.replace('https://oapi.dingtalk.com', ''));
  });
});

describe('WeCom group robot', () => {
  it('posts markdown content with the rejected order and its reason', async () => {
    const { h, t } = await setup({ kind: 'wecom', url: WECOM_URL });
    h.server.reply = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    const [order] = t.engine.sendOrder({ symbol: 'rb2505', side: 'sell', offset: 'open', type: 'limit', price: 3501.5, volume: 1 });
    expect(order!.status).toBe('rejected');
    await h.service.flush();

    const r = h.server.received[0]!;
    expect(r.path).toBe('/cgi-bin/webhook/send');
    expect(r.query.get('key')).toBe('693a91f6-7b3c-4bc4-97a0-0ec2f1a5a9d3');
    expect(r.body['msgtype']).toBe('markdown');
    const content = (r.body['markdown'] as { content: string }).content;
    expect(content).toContain('废单 SHFE.rb2505 卖开 1手 @3501.5');
    expect(content).toContain('原因 委托价 3501.5 不是最小变动价位 1 的整数倍');
    // WeCom's markdown takes at most 4096 bytes.
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(4096);
  });
});

describe('Feishu custom bot', () => {
  it('posts a text message with timestamp (seconds) and sign in the body', async () => {
    const { h, t } = await setup({ kind: 'feishu', url: FEISHU_URL, secret: FEISHU_SECRET });
    h.server.reply = () => ({ status: 200, body: '{"code":0,"msg":"success","data":{}}' });
    trade(t, 'buy', 'open', 3500, 3);
    trade(t, 'sell', 'closeToday', 3512, 3);
    await h.service.flush();

    // Two fills in quick succession: one message, not two.
    expect(h.server.received).toHaveLength(1);
    const r = h.server.received[0]!;
    expect(r.path).toBe('/open-apis/bot/v2/hook/8c2f3a9e-5b1d-4e7a-9c3f-2d6b8e1a4f70');
    expect(r.body['msg_type']).toBe('text');
    const timestamp = r.body['timestamp'] as string;
    expect(timestamp).toBe(String(Math.floor(r.at / 1000)));
    // Feishu signs an empty message with the key timestamp + "\n" + secret.
    const expected = crypto.createHmac('sha256', `${timestamp}\n${FEISHU_SECRET}`).update('').digest('base64');
    expect(r.body['sign']).toBe(expected);
    const text = (r.body['content'] as { text: string }).text;
    expect(text.split('\n')).toEqual([
      '【期货提醒】2 条',
      '1. 成交 SHFE.rb2505 买开 3手 @3500',
      '   手续费 10.50 · 来源 手动 · 2025-03-03 09:30:00',
      '2. 成交 SHFE.rb2505 卖平今 3手 @3512',
      // Close today of rb: 1 bp (2021 preset); profit (3512 - 3500) * 10 * 3.
      '   手续费 10.54 · 平仓盈亏 +360.00 · 来源 手动 · 2025-03-03 09:30:00',
    ]);
  });

  it('writes English for a channel set to it', async () => {
    const { h, t } = await setup({ kind: 'feishu', url: FEISHU_URL, lang: 'en' });
    h.server.reply = () => ({ status: 200, body: '{"code":0,"msg":"success"}' });
    trade(t, 'sell', 'open', 3500, 1);
    await h.service.flush();
    const r = h.server.received[0]!;
    expect(r.body['sign']).toBeUndefined();
    expect((r.body['content'] as { text: string }).text).toMatch(/^\[Futures alert\] Fill SHFE\.rb2505 Sell Open 1 lots @3500\ncommission 3\.50 · source manual/);
  });
});

describe('generic webhook', () => {
  it('posts the events as JSON, signed in headers when a secret is set', async () => {
    h = await harness();
    const secret = 'my-webhook-secret-42';
    h.service.set({ save: [channel({ kind: 'webhook', url: `${h.server.origin}/hooks/trading?src=terminal`, secret })] });
    const t = makeEngine();
    h.service.attach(t.engine.bus);
    trade(t, 'buy', 'open', 3500, 2);
    await h.service.flush();

    const r = h.server.received[0]!;
    expect(r.path).toBe('/hooks/trading');
    expect(r.query.get('src')).toBe('terminal');
    const ts = r.headers['x-qihuo-timestamp'] as string;
    expect(r.headers['x-qihuo-signature']).toBe(crypto.createHmac('sha256', secret).update(`${ts}\n${r.raw}`).digest('hex'));
    expect(r.body['app']).toBe('qihuo-terminal');
    expect(r.body['dropped']).toBe(0);
    const [event] = r.body['events'] as { type: string; title: string; timeText: string; data: { trade: Record<string, unknown> } }[];
    expect(event!.type).toBe('fill');
    expect(event!.title).toBe('成交 SHFE.rb2505 买开 2手 @3500');
    expect(event!.timeText).toBe('2025-03-03 09:30:00');
    expect(event!.data.trade).toMatchObject({ symbol: 'SHFE.rb2505', side: 'buy', offset: 'open', price: 3500, volume: 2, source: 'manual' });
  });
});
