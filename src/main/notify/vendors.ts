import crypto from 'node:crypto';
import type { AlertChannelKind } from '../../shared/ipc/alerts';
import type { Lang } from '../../shared/ipc/settings';
import { batchJson, batchMarkdown, batchText, batchTitle, type AlertBatch } from './messages';

/**
 * What each vendor's robot takes and answers. Formats follow the vendors' public robot documentation:
 * - DingTalk custom robot: POST {msgtype:'markdown', markdown:{title, text}} to oapi.dingtalk.com/robot/send?access_token=;
 *   signed robots add &timestamp=<ms>&sign=<urlencode(base64(HmacSHA256(key=secret, timestamp+"\n"+secret)))>.
 *   Answers {errcode, errmsg}; at most 20 messages a minute per robot, beyond which it is throttled for 10 minutes.
 * - WeCom group robot: POST {msgtype:'markdown', markdown:{content}} (at most 4096 bytes) to qyapi.weixin.qq.com
 *   /cgi-bin/webhook/send?key=. Answers {errcode, errmsg}; 20 messages a minute.
 * - Feishu custom bot: POST {msg_type:'text', content:{text}} to open.feishu.cn/open-apis/bot/v2/hook/<token>; signed
 *   bots add timestamp (seconds, a string) and sign = base64(HmacSHA256(key=timestamp+"\n"+secret, "")) to the body.
 *   Answers {code, msg}; 100 messages a minute and 5 a second.
 * - Generic webhook: POST {app, dropped, events:[{type, time, timeText, title, text, data}]}; with a secret, the
 *   headers X-Qihuo-Timestamp (ms) and X-Qihuo-Signature = hex HmacSHA256(key=secret, timestamp+"\n"+body).
 */

export interface WebhookTarget {
  readonly url: string;
  readonly secret: string | undefined;
}

export interface OutgoingRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type VendorAnswer =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly message: string;
      readonly code?: number;
      /** no: a refusal that will not change by trying again; backoff: try again soon; cooldown: the vendor throttles. */
      readonly retry: 'no' | 'backoff' | 'cooldown';
    };

export interface RateLimit {
  /** Messages in any 60 seconds: a little under the vendor's limit, as the vendor counts on its own clock. */
  readonly perMinute: number;
  /** The least gap between two messages. */
  readonly minGapMs: number;
  /** How long to hold a channel the vendor said is throttled. */
  readonly cooldownMs: number;
  /** The most bytes of alert text merged into one message. */
  readonly maxBytes: number;
}

export interface VendorAdapter {
  readonly kind: AlertChannelKind;
  readonly limit: RateLimit;
  build(batch: AlertBatch, lang: Lang, target: WebhookTarget, now: number): OutgoingRequest;
  /** Reads a 2xx answer. */
  read(body: string): VendorAnswer;
  /** Vendors that redirect a throttled robot (DingTalk) are held back instead of retried. */
  readonly redirectMeansThrottled: boolean;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

const hmac = (key: string | Buffer, text: string) => crypto.createHmac('sha256', key).update(text, 'utf8');

export function dingtalkSign(timestampMs: number, secret: string): string {
  return hmac(secret, `${timestampMs}\n${secret}`).digest('base64');
}

export function feishuSign(timestampSeconds: number, secret: string): string {
  return hmac(`${timestampSeconds}\n${secret}`, '').digest('base64');
}

export function webhookSign(timestampMs: number, body: string, secret: string): string {
  return hmac(secret, `${timestampMs}\n${body}`).digest('hex');
}

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(body);
    return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A 200 answer with an error code in it is a failure: the robot did not post. */
function readCode(body: string, codeField: string, msgField: string, throttled: ReadonlySet<number>): VendorAnswer {
  const json = parseJson(body);
  if (json === undefined) return { ok: false, retry: 'no', message: `应答无法解析 (unreadable answer): ${body.slice(0, 80)}` };
  const code = json[codeField];
  if (code === 0 || code === '0') return { ok: true };
  if (typeof code !== 'number') return { ok: false, retry: 'no', message: `应答缺少 ${codeField} (answer without ${codeField})` };
  const msg = typeof json[msgField] === 'string' ? (json[msgField] as string) : '';
  return { ok: false, retry: throttled.has(code) ? 'cooldown' : 'no', code, message: `${codeField} ${code}: ${msg}` };
}

const dingtalk: VendorAdapter = {
  kind: 'dingtalk',
  limit: { perMinute: 18, minGapMs: 0, cooldownMs: 10 * 60_000, maxBytes: 4000 },
  redirectMeansThrottled: true,
  build(batch, lang, target, now) {
    const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: batchTitle(batch, lang), text: batchMarkdown(batch, lang) } });
    const url = target.secret ? `${target.url}&timestamp=${now}&sign=${encodeURIComponent(dingtalkSign(now, target.secret))}` : target.url;
    return { url, headers: JSON_HEADERS, body };
  },
  // 130101: send too fast.
  read: (body) => readCode(body, 'errcode', 'errmsg', new Set([130101])),
};

const wecom: VendorAdapter = {
  kind: 'wecom',
  limit: { perMinute: 18, minGapMs: 0, cooldownMs: 60_000, maxBytes: 3600 },
  redirectMeansThrottled: false,
  build(batch, lang, target) {
    return { url: target.url, headers: JSON_HEADERS, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: batchMarkdown(batch, lang) } }) };
  },
  // 45009: api freq out of limit.
  read: (body) => readCode(body, 'errcode', 'errmsg', new Set([45009])),
};

const feishu: VendorAdapter = {
  kind: 'feishu',
  limit: { perMinute: 90, minGapMs: 250, cooldownMs: 60_000, maxBytes: 4000 },
  redirectMeansThrottled: false,
  build(batch, lang, target, now) {
    const message = { msg_type: 'text', content: { text: batchText(batch, lang) } };
    if (!target.secret) return { url: target.url, headers: JSON_HEADERS, body: JSON.stringify(message) };
    const seconds = Math.floor(now / 1000);
    return { url: target.url, headers: JSON_HEADERS, body: JSON.stringify({ timestamp: String(seconds), sign: feishuSign(seconds, target.secret), ...message }) };
  },
  // 11232: frequency limited.
  read: (body) => readCode(body, 'code', 'msg', new Set([11232])),
};

const webhook: VendorAdapter = {
  kind: 'webhook',
  limit: { perMinute: 60, minGapMs: 0, cooldownMs: 60_000, maxBytes: 32_000 },
  redirectMeansThrottled: false,
  build(batch, lang, target, now) {
    const body = JSON.stringify(batchJson(batch, lang));
    if (!target.secret) return { url: target.url, headers: JSON_HEADERS, body };
    return {
      url: target.url,
      headers: { ...JSON_HEADERS, 'x-qihuo-timestamp': String(now), 'x-qihuo-signature': webhookSign(now, body, target.secret) },
      body,
    };
  },
  read: () => ({ ok: true }),
};

export const VENDORS: Readonly<Record<AlertChannelKind, VendorAdapter>> = { dingtalk, wecom, feishu, webhook };
