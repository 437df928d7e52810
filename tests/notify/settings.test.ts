import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/data/db';
import { SqliteTradingStore } from '../../src/main/data/trading-store';
import { AlertService } from '../../src/main/notify/alert-service';
import { KeyFileCipher, SecretStore } from '../../src/main/secrets';
import { requests } from '../../src/shared/ipc/contract';
import { ApiError } from '../../src/shared/ipc/define';
import type { AlertSetParams } from '../../src/shared/ipc/alerts';
import { makeEngine, tick } from '../helpers/engine';
import { DINGTALK_SECRET, DINGTALK_URL, FEISHU_SECRET, FEISHU_URL, WECOM_URL, MemoryKv, RecordingServer, VirtualTime, channel, harness, localFetch, type Harness } from './support';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-alerts-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let h: Harness | undefined;
afterEach(async () => {
  h?.service.close();
  await h?.server.close();
  h = undefined;
});

const DINGTALK_TOKEN = new URL(DINGTALK_URL).searchParams.get('access_token')!;

function refusal(f: () => unknown): ApiError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('accepted');
}

describe('alerts.get and alerts.set', () => {
  it('answers channels with the URL masked and the secret only as whether one is set', async () => {
    h = await harness();
    const [d, w] = h.service.set({ save: [channel({ kind: 'dingtalk', url: DINGTALK_URL, secret: DINGTALK_SECRET, name: '钉钉交易群' }), channel({ kind: 'wecom', url: WECOM_URL })] });
    expect(d).toMatchObject({ kind: 'dingtalk', name: '钉钉交易群', url: 'oapi.dingtalk.com …9c0b', hasSecret: true, enabled: true, lang: 'zh' });
    expect(w).toMatchObject({ kind: 'wecom', url: 'qyapi.weixin.qq.com …a9d3', hasSecret: false });
    const answer = JSON.stringify(h.service.get());
    expect(answer).not.toContain(DINGTALK_TOKEN.slice(0, 8));
    expect(answer).not.toContain(DINGTALK_SECRET);
    expect(answer).not.toContain('693a91f6');
  });

  it('a blank URL or secret on update keeps the stored one; clearSecret removes the secret', async () => {
    h = await harness();
    const [d] = h.service.set({ save: [channel({ kind: 'dingtalk', url: DINGTALK_URL, secret: DINGTALK_SECRET })] });
    const [renamed] = h.service.set({ save: [{ id: d!.id, kind: 'dingtalk', name: '改名', url: '', secret: '', events: ['fill'], enabled: true }] });
    expect(renamed).toMatchObject({ id: d!.id, name: '改名', url: 'oapi.dingtalk.com …9c0b', hasSecret: true, events: ['fill'] });
    // The kept URL and secret are the ones a message goes out with.
    expect((await h.service.test({ id: d!.id })).ok).toBe(true);
    const sent = h.server.received[0]!;
    expect(sent.query.get('access_token')).toBe(DINGTALK_TOKEN);
    expect(sent.query.has('sign')).toBe(true);

    const [cleared] = h.service.set({ save: [{ id: d!.id, kind: 'dingtalk', name: '改名', clearSecret: true, events: ['fill'], enabled: true }] });
    expect(cleared!.hasSecret).toBe(false);
    h.time.t += 60_000;
    await h.service.test({ id: d!.id });
    expect(h.server.received[1]!.query.has('sign')).toBe(false);
  });

  it('refuses URLs that are not the vendor\'s robot, naming the field and the expected form', async () => {
    h = await harness();
    const cases: [AlertSetParams, string, RegExp][] = [
      [{ save: [channel({ kind: 'dingtalk', url: 'https://oapi.dingtalk.com.evil.example/robot/send?access_token=abcdef123456' })] }, 'save.0.url', /钉钉机器人地址格式应为 https:\/\/oapi\.dingtalk\.com\/robot\/send\?access_token=/],
      [{ save: [channel({ kind: 'dingtalk', url: WECOM_URL })] }, 'save.0.url', /钉钉机器人地址格式应为/],
      [{ save: [channel({ kind: 'wecom', url: 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7b3c' })] }, 'save.0.url', /企业微信群机器人地址格式应为 https:\/\/qyapi/],
      [{ save: [channel({ kind: 'feishu', url: 'https://open.feishu.cn/open-apis/bot/v1/hook/abc' })] }, 'save.0.url', /飞书机器人地址格式应为/],
      [{ save: [channel({ kind: 'webhook', url: 'ftp://example.com/x' })] }, 'save.0.url', /只支持 http:\/\/ 或 https:\/\//],
      [{ save: [channel({ kind: 'wecom', url: WECOM_URL, secret: 'SECabc' })] }, 'save.0.secret', /企业微信群机器人没有加签密钥/],
      [{ save: [channel({ kind: 'dingtalk', url: DINGTALK_URL, secret: 'abc123' })] }, 'save.0.secret', /钉钉加签密钥以 SEC 开头/],
      [{ save: [channel({ kind: 'feishu', url: FEISHU_URL, name: '  ' })] }, 'save.0.name', /请填写通道名称/],
    ];
    for (const [params, field, message] of cases) {
      // The contract refuses it before it reaches the service ...
      const parsed = requests['alerts.set'].params.safeParse(params);
      expect(parsed.success, field).toBe(false);
      expect(parsed.error!.issues[0]!.path.join('.')).toBe(field);
      expect(parsed.error!.issues[0]!.message).toMatch(message);
      // ... and the service on its own too.
      const e = refusal(() => h!.service.set(params));
      expect(e.code).toBe('INVALID_PARAMS');
      expect(e.field).toBe(field);
      expect(e.message).toMatch(message);
    }
    expect(h.service.get()).toEqual([]);
  });

  it('a bad entry changes nothing; unknown ids, a missing URL and twin names are refused', async () => {
    h = await harness();
    const [d] = h.service.set({ save: [channel({ kind: 'dingtalk', url: DINGTALK_URL, name: '主群' })] });
    const before = h.service.get();
    const missing = refusal(() => h!.service.set({ save: [channel({ kind: 'feishu', url: FEISHU_URL, name: '新群' }), { kind: 'feishu', name: '没地址', events: [], enabled: true }] }));
    expect([missing.code, missing.field]).toEqual(['INVALID_PARAMS', 'save.1.url']);
    const unknown = refusal(() => h!.service.set({ save: [{ ...channel({ kind: 'feishu', url: FEISHU_URL }), id: 'nope' }] }));
    expect([unknown.code, unknown.field, unknown.message]).toEqual(['NOT_FOUND', 'save.0.id', '告警通道 nope 不存在 (no alert channel nope)']);
    const twins = refusal(() => h!.service.set({ save: [channel({ kind: 'feishu', url: FEISHU_URL, name: '主群' })] }));
    expect(twins.message).toContain('告警通道名称「主群」重复');
    // Changing the kind keeps the URL only if it fits the new kind.
    const kind = refusal(() => h!.service.set({ save: [{ id: d!.id, kind: 'feishu', name: '主群', events: [], enabled: true }] }));
    expect(kind.field).toBe('save.0.url');
    expect(h.service.get()).toEqual(before);

    expect(h.service.set({ remove: [d!.id, 'never-was'] })).toEqual([]);
    await expect(h.service.test({ id: d!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('secrets in the profile', () => {
  it('URLs and secrets are never in the SQLite file in plain text, and come back after a restart', async () => {
    const profile = path.join(dir, 'profile');
    fs.mkdirSync(profile);
    const cipher = new KeyFileCipher(path.join(dir, 'keys', 'secret.key'));
    const server = await RecordingServer.start();
    server.reply = (r) => ({ status: 200, body: r.path.startsWith('/open-apis') ? '{"code":0,"msg":"success"}' : '{"errcode":0,"errmsg":"ok"}' });
    const open = () => {
      const db = openDatabase(path.join(profile, 'terminal.db'));
      const time = new VirtualTime();
      const service = new AlertService({
        settings: new SqliteTradingStore(db, 'sim'),
        secrets: new SecretStore(db, cipher),
        log: () => {},
        fetch: localFetch(server.origin),
        now: time.now,
        sleep: time.sleep,
      });
      return { db, service };
    };

    const first = open();
    first.service.set({
      save: [channel({ kind: 'dingtalk', url: DINGTALK_URL, secret: DINGTALK_SECRET, name: '钉钉' }), channel({ kind: 'feishu', url: FEISHU_URL, secret: FEISHU_SECRET, name: '飞书' })],
    });
    first.service.close();
    first.db.pragma('wal_checkpoint(TRUNCATE)');
    first.db.close();

    const forbidden = [DINGTALK_URL, DINGTALK_TOKEN, DINGTALK_TOKEN.slice(-16), DINGTALK_SECRET, FEISHU_URL, '8c2f3a9e-5b1d-4e7a-9c3f-2d6b8e1a4f70', FEISHU_SECRET];
    for (const f of fs.readdirSync(profile)) {
      const bytes = fs.readFileSync(path.join(profile, f));
      for (const s of forbidden) expect(bytes.includes(Buffer.from(s, 'utf8')), `${f} holds ${s.slice(0, 12)}… in plain text`).toBe(false);
    }

    // After a restart the channels are back, and a fill goes out with the stored URL and a valid signature.
    const second = open();
    expect(second.service.get().map((c) => [c.name, c.url, c.hasSecret])).toEqual([
      ['钉钉', 'oapi.dingtalk.com …9c0b', true],
      ['飞书', 'open.feishu.cn …4f70', true],
    ]);
    const t = makeEngine();
    second.service.attach(t.engine.bus);
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3500 }));
    t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3500, volume: 1 });
    await second.service.flush();
    expect(server.received.map((r) => r.path).sort()).toEqual(['/open-apis/bot/v2/hook/8c2f3a9e-5b1d-4e7a-9c3f-2d6b8e1a4f70', '/robot/send']);
    expect(server.received.find((r) => r.path === '/robot/send')!.query.get('access_token')).toBe(DINGTALK_TOKEN);
    second.service.close();
    second.db.close();
    await server.close();
  });

  it('a channel whose URL cannot be decrypted (another machine\'s key) is reported, and the others still load', async () => {
    const profile = path.join(dir, 'moved');
    fs.mkdirSync(profile);
    const db = openDatabase(path.join(profile, 'terminal.db'));
    const kv = new SqliteTradingStore(db, 'sim');
    const opts = { settings: kv, log: () => {} };
    new AlertService({ ...opts, secrets: new SecretStore(db, new KeyFileCipher(path.join(dir, 'a.key'))) }).set({ save: [channel({ kind: 'feishu', url: FEISHU_URL })] });
    // A damaged entry beside it in the stored list.
    kv.setValue('alerts.channels', JSON.stringify([...(JSON.parse(kv.getValue('alerts.channels')!) as unknown[]), { id: 'x', kind: 'pager' }]));

    const logs: string[] = [];
    const other = new AlertService({ settings: kv, secrets: new SecretStore(db, new KeyFileCipher(path.join(dir, 'b.key'))), log: (_l, _s, m) => logs.push(m) });
    const [c] = other.get();
    expect(c!.problem).toMatch(/cannot be read back/);
    expect(c!.url).toBe('');
    expect(other.problems).toHaveLength(2);
    expect(logs.join('\n')).toContain('告警通道 #2 设置无效，已忽略');
    expect(await other.test({ id: c!.id })).toMatchObject({ ok: false });
    // Entering the URL again fixes it.
    const [fixed] = other.set({ save: [{ id: c!.id, kind: 'feishu', name: c!.name, url: FEISHU_URL, events: ['fill'], enabled: true }] });
    expect(fixed!.problem).toBeUndefined();
    expect(fixed!.url).toBe('open.feishu.cn …4f70');
    db.close();
  });

  it('the settings list holds no URL or secret: those go to the secret store', async () => {
    const kv = new MemoryKv();
    const service = new AlertService({ settings: kv, secrets: kv, log: () => {} });
    service.set({ save: [channel({ kind: 'dingtalk', url: DINGTALK_URL, secret: DINGTALK_SECRET })] });
    const settings = kv.getValue('alerts.channels')!;
    expect(settings).not.toContain(DINGTALK_TOKEN);
    expect(settings).not.toContain(DINGTALK_SECRET);
    const [c] = JSON.parse(settings) as { id: string }[];
    expect(kv.get(`alerts:${c!.id}:url`)).toBe(DINGTALK_URL);
    expect(kv.get(`alerts:${c!.id}:secret`)).toBe(DINGTALK_SECRET);
  });
});
