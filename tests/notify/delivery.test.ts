import { afterEach, describe, expect, it } from 'vitest';
import { DOWN_PAUSE_MS, MAX_QUEUE, RETRY_DELAYS_MS } from '../../src/main/notify/outbox';
import type { Order } from '../../src/shared/model/types';
import { makeEngine, tick, type TestEngine } from '../helpers/engine';
import { DINGTALK_SECRET, DINGTALK_URL, FEISHU_URL, WECOM_URL, channel, closedPortOrigin, harness, localFetch, type Harness, type Received } from './support';

let h: Harness | undefined;
afterEach(async () => {
  h?.service.close();
  await h?.server.close();
  h = undefined;
});

function buy(t: TestEngine, price = 3500, volume = 1): Order {
  t.engine.onTick(tick('rb2505', price, { bid: price, ask: price, bidVolume: 1000, askVolume: 1000 }));
  return t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price, volume })[0]!;
}

/** The most messages the robot received in any 60 seconds. */
function busiestMinute(received: readonly Received[]): number {
  let most = 0;
  for (const r of received) most = Math.max(most, received.filter((x) => x.at > r.at - 60_000 && x.at <= r.at).length);
  return most;
}

function dingtalkTexts(received: readonly Received[]): string[] {
  return received.map((r) => (r.body['markdown'] as { text: string }).text);
}

/** How many alert lines of a kind came through, over all messages. */
function count(texts: readonly string[], what: RegExp): number {
  return texts.reduce((n, text) => n + (text.match(new RegExp(what.source, 'g'))?.length ?? 0), 0);
}

/** A signed DingTalk robot taking every kind of alert, and an engine it is attached to. */
async function dingtalk(): Promise<{ h: Harness; t: TestEngine; id: string }> {
  h = await harness();
  const [c] = h.service.set({ save: [channel({ kind: 'dingtalk', url: DINGTALK_URL, secret: DINGTALK_SECRET })] });
  const t = makeEngine();
  h.service.attach(t.engine.bus);
  return { h, t, id: c!.id };
}

describe('rate limit: DingTalk takes 20 messages a minute per robot', () => {
  it('never sends more than 20 in any minute: the 19th waits for the window', async () => {
    const { h, t } = await dingtalk();
    const start = h.time.now();
    for (let i = 0; i < 25; i++) {
      buy(t);
      await h.service.flush();
    }
    expect(h.server.received).toHaveLength(25);
    expect(busiestMinute(h.server.received)).toBeLessThanOrEqual(20);
    // 18 at once (a margin under the vendor's 20, as it counts on its own clock), the rest a minute later.
    expect(h.server.received.filter((r) => r.at === start)).toHaveLength(18);
    expect(h.server.received[18]!.at).toBe(start + 60_000);
    expect(h.logs).toEqual([]);
  });

  it('merges the alerts that come while it waits into few messages, none lost', async () => {
    const { h, t } = await dingtalk();
    for (let i = 0; i < 18; i++) {
      buy(t);
      await h.service.flush();
    }
    for (let i = 0; i < 60; i++) buy(t, 3500 + i);
    await h.service.flush();
    const burst = h.server.received.slice(18);
    expect(burst.length).toBeGreaterThanOrEqual(2);
    expect(burst.length).toBeLessThanOrEqual(4);
    expect(busiestMinute(h.server.received)).toBeLessThanOrEqual(20);
    const texts = dingtalkTexts(burst);
    expect(count(texts, /成交 SHFE\.rb2505 买开 1手 @35\d\d/)).toBe(60);
    // Every price once, in order.
    const prices = texts.flatMap((x) => [...x.matchAll(/买开 1手 @(\d+)/g)].map((m) => Number(m[1])));
    expect(prices).toEqual(Array.from({ length: 60 }, (_, i) => 3500 + i));
    // A merged message is titled with its count and stays under DingTalk's size.
    for (const r of burst) {
      const md = r.body['markdown'] as { title: string; text: string };
      expect(md.title).toMatch(/^【期货提醒】\d+ 条$/);
      expect(Buffer.byteLength(md.text)).toBeLessThan(5000);
    }
  });

  it('past the queue limit drops the oldest and says how many in the next message', async () => {
    const { h, t, id } = await dingtalk();
    const burst = MAX_QUEUE + 100;
    const ids: string[] = [];
    for (let i = 0; i < burst; i++) {
      const [o] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3500, volume: 0 });
      expect(o!.status).toBe('rejected');
      ids.push(o!.id);
    }
    await h.service.flush();
    const texts = dingtalkTexts(h.server.received);
    expect(texts[0]).toContain('（另有 100 条提醒因超过发送频率限制未发送）');
    expect(count(texts, /废单 SHFE\.rb2505/)).toBe(MAX_QUEUE);
    const stats = h.service.get().find((c) => c.id === id)!.stats;
    expect(stats).toMatchObject({ sent: MAX_QUEUE, dropped: 100, failed: 0, queued: 0 });
    // The engine itself kept every order.
    expect(ids.filter((id) => t.engine.oms.get(id)?.status === 'rejected')).toHaveLength(burst);
  });
});

describe('retries and failures', () => {
  it('retries a 5xx with back-off and delivers once', async () => {
    const { h, t } = await dingtalk();
    h.server.reply = (_, n) => (n <= 2 ? { status: n === 1 ? 502 : 503, body: 'gateway' } : { status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    buy(t);
    await h.service.flush();
    expect(h.server.received).toHaveLength(3);
    expect(h.time.sleeps).toEqual(RETRY_DELAYS_MS.slice(0, 2));
    // The three attempts carried the same alert.
    expect(new Set(h.server.received.map((r) => (r.body['markdown'] as { text: string }).text)).size).toBe(1);
    expect(h.logs).toEqual([]);
    expect(h.service.get()[0]!.stats).toMatchObject({ sent: 1, failed: 0 });
  });

  it('gives up after the retries and logs it without the URL or token', async () => {
    const { h, t } = await dingtalk();
    h.server.reply = () => ({ status: 500, body: 'internal error' });
    buy(t);
    await h.service.flush();
    expect(h.server.received).toHaveLength(1 + RETRY_DELAYS_MS.length);
    expect(h.logs).toHaveLength(1);
    const log = h.logs[0]!;
    expect(log).toMatchObject({ level: 'warn', source: 'alerts' });
    expect(log.message).toContain('告警发送失败（钉钉机器人「dingtalk 群」，1 条）');
    expect(log.message).toContain('HTTP 500');
    expect(log.message).toContain('已重试 3 次');
    expectNoSecrets(log.message);
    expect(h.service.get()[0]!.stats).toMatchObject({ sent: 0, failed: 1 });
  });

  it('an error code in a 200 answer is a failure, not retried', async () => {
    const { h, t, id } = await dingtalk();
    h.server.reply = () => ({ status: 200, body: '{"errcode":310000,"errmsg":"sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]"}' });
    buy(t);
    await h.service.flush();
    expect(h.server.received).toHaveLength(1);
    expect(h.logs[0]!.message).toContain('errcode 310000: sign not match');
    expectNoSecrets(h.logs[0]!.message);

    const answer = await h.service.test({ id });
    expect(answer.ok).toBe(false);
    expect(answer.code).toBe(310000);
    expect(answer.message).toContain('sign not match');
    expect(h.service.get()[0]!.stats.lastError).toContain('errcode 310000');
  });

  it('WeCom errcode and Feishu code in a 200 answer are reported by the test button', async () => {
    h = await harness();
    const [wecom, feishu] = h.service.set({ save: [channel({ kind: 'wecom', url: WECOM_URL }), channel({ kind: 'feishu', url: FEISHU_URL })] });
    h.server.reply = (r) =>
      r.path.startsWith('/cgi-bin')
        ? { status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' }
        : { status: 200, body: '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}' };
    expect(await h.service.test({ id: wecom!.id })).toEqual({ ok: false, code: 93000, message: 'errcode 93000: invalid webhook url' });
    const f = await h.service.test({ id: feishu!.id });
    expect(f).toMatchObject({ ok: false, code: 19021 });
    expect(f.message).toContain('sign match fail');
    h.server.reply = (r) => ({ status: 200, body: r.path.startsWith('/cgi-bin') ? '{"errcode":0,"errmsg":"ok"}' : '{"code":0,"msg":"success"}' });
    expect(await h.service.test({ id: wecom!.id })).toEqual({ ok: true, message: '发送成功 (sent)' });
    const sent = h.server.received.at(-1)!;
    expect((sent.body['markdown'] as { content: string }).content).toContain('测试消息 wecom 群');
  });

  it('a vendor answer that repeats the token is passed on with the token blotted out', async () => {
    const { h, t, id } = await dingtalk();
    const token = new URL(DINGTALK_URL).searchParams.get('access_token')!;
    h.server.reply = () => ({ status: 200, body: JSON.stringify({ errcode: 300001, errmsg: `token ${token} is not exist, url ${DINGTALK_URL}` }) });
    buy(t);
    await h.service.flush();
    const answer = await h.service.test({ id });
    expect(answer).toMatchObject({ ok: false, code: 300001 });
    expect(answer.message).toBe('errcode 300001: token *** is not exist, url ***');
    expect(h.logs[0]!.message).toContain('errcode 300001: token *** is not exist');
    expectNoSecrets(h.logs[0]!.message);
    // The settings screen shows the last error too.
    expect(h.service.get()[0]!.stats.lastError).toBe('errcode 300001: token *** is not exist, url ***');
  });

  it("a 4xx is not retried", async () => {
    const { h, t } = await dingtalk();
    h.server.reply = () => ({ status: 404, body: 'not found' });
    buy(t);
    await h.service.flush();
    expect(h.server.received).toHaveLength(1);
    expect(h.logs[0]!.message).toContain('HTTP 404');
  });

  it("DingTalk's send-too-fast code holds the channel for 10 minutes, then the same alerts go out", async () => {
    const { h, t } = await dingtalk();
    h.server.reply = (_, n) => (n === 1 ? { status: 200, body: '{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}' } : { status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    buy(t, 3500);
    await h.service.flush();
    expect(h.server.received).toHaveLength(2);
    expect(h.server.received[1]!.at - h.server.received[0]!.at).toBe(10 * 60_000);
    expect((h.server.received[1]!.body['markdown'] as { text: string }).text).toContain('买开 1手 @3500');
    expect(h.logs[0]!.message).toContain('errcode 130101');
    expect(h.service.get()[0]!.stats).toMatchObject({ sent: 1, failed: 0 });
  });

  it('a network error is retried, then logged without the address; the channel rests before the next message', async () => {
    h = await harness({ fetch: localFetch(await closedPortOrigin()) });
    h.service.set({ save: [channel({ kind: 'dingtalk', url: DINGTALK_URL, secret: DINGTALK_SECRET })] });
    const t = makeEngine();
    h.service.attach(t.engine.bus);
    buy(t);
    await h.service.flush();
    expect(h.logs).toHaveLength(1);
    expect(h.logs[0]!.message).toMatch(/网络错误 \(network error\): ECONNREFUSED/);
    expectNoSecrets(h.logs[0]!.message);
    const failedAt = h.time.now();
    buy(t);
    await h.service.flush();
    expect(h.time.sleeps).toContain(DOWN_PAUSE_MS);
    expect(h.time.now() - failedAt).toBeGreaterThanOrEqual(DOWN_PAUSE_MS);
  });

  it('the test button answers at once when the minute is used up', async () => {
    const { h, t, id } = await dingtalk();
    for (let i = 0; i < 18; i++) {
      buy(t);
      await h.service.flush();
    }
    const answer = await h.service.test({ id });
    expect(answer.ok).toBe(false);
    expect(answer.message).toMatch(/^发送过于频繁，请 60 秒后再试/);
    expect(h.server.received).toHaveLength(18);
  });
});

function expectNoSecrets(text: string): void {
  const token = new URL(DINGTALK_URL).searchParams.get('access_token')!;
  expect(text).not.toContain(token);
  expect(text).not.toContain(token.slice(0, 12));
  expect(text).not.toContain('oapi.dingtalk.com');
  expect(text).not.toContain(DINGTALK_SECRET);
}
