import { z } from 'zod';
import { request } from './define';
import { LANGS, type Lang } from './settings';

/**
 * Alerts pushed to a trader's phone: DingTalk (钉钉) custom robots, WeCom (企业微信) group robots, Feishu (飞书) custom
 * bots and a generic JSON webhook. A channel's URL carries its access token and is kept only encrypted; clients get
 * it masked (host and the token's last 4 characters).
 */

export const ALERT_CHANNEL_KINDS = ['dingtalk', 'wecom', 'feishu', 'webhook'] as const;
export type AlertChannelKind = (typeof ALERT_CHANNEL_KINDS)[number];

/** What can be pushed; each channel picks its own. */
export const ALERT_EVENTS = ['fill', 'rejected', 'risk', 'strategyError', 'gateway', 'settlement'] as const;
export type AlertEventKind = (typeof ALERT_EVENTS)[number];

export const ALERT_CHANNEL_LABELS: Readonly<Record<AlertChannelKind, Readonly<Record<Lang, string>>>> = {
  dingtalk: { zh: '钉钉机器人', en: 'DingTalk robot' },
  wecom: { zh: '企业微信群机器人', en: 'WeCom group robot' },
  feishu: { zh: '飞书机器人', en: 'Feishu bot' },
  webhook: { zh: '通用 Webhook', en: 'Generic webhook' },
};

export const ALERT_EVENT_LABELS: Readonly<Record<AlertEventKind, Readonly<Record<Lang, string>>>> = {
  fill: { zh: '成交', en: 'Fills' },
  rejected: { zh: '废单', en: 'Rejected orders' },
  risk: { zh: '风控拒单', en: 'Risk refusals' },
  strategyError: { zh: '策略出错', en: 'Strategy errors' },
  gateway: { zh: '连接断开/恢复', en: 'Gateway disconnects and reconnects' },
  settlement: { zh: '日结汇总', en: 'Daily settlement' },
};

interface UrlRule {
  readonly re: RegExp;
  readonly example: string;
}

/** The address each vendor's robot settings page shows, exactly as it is copied from there. */
const URL_RULES: Readonly<Record<Exclude<AlertChannelKind, 'webhook'>, UrlRule>> = {
  dingtalk: { re: /^https:\/\/oapi\.dingtalk\.com\/robot\/send\?access_token=[A-Za-z0-9_-]{8,}$/, example: 'https://oapi.dingtalk.com/robot/send?access_token=...' },
  wecom: { re: /^https:\/\/qyapi\.weixin\.qq\.com\/cgi-bin\/webhook\/send\?key=[A-Za-z0-9_-]{8,}$/, example: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...' },
  feishu: { re: /^https:\/\/open\.(?:feishu\.cn|larksuite\.com)\/open-apis\/bot\/v2\/hook\/[A-Za-z0-9_-]{8,}$/, example: 'https://open.feishu.cn/open-apis/bot/v2/hook/...' },
};

/** Why a URL cannot be the given kind's webhook, in Chinese and English; undefined when it can. */
export function alertUrlProblem(kind: AlertChannelKind, url: string): string | undefined {
  if (kind === 'webhook') {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return `Webhook 地址无效：应以 http:// 或 https:// 开头 (not a URL)`;
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return `Webhook 地址只支持 http:// 或 https:// (only http and https URLs)`;
    return undefined;
  }
  const rule = URL_RULES[kind];
  if (rule.re.test(url)) return undefined;
  const label = ALERT_CHANNEL_LABELS[kind];
  return `${label.zh}地址格式应为 ${rule.example} (a ${label.en} URL looks like ${rule.example})`;
}

/** Why a signing secret does not fit the kind; undefined when it does. */
export function alertSecretProblem(kind: AlertChannelKind, secret: string): string | undefined {
  if (kind === 'wecom') return '企业微信群机器人没有加签密钥，请留空 (WeCom group robots take no signing secret)';
  if (kind === 'dingtalk' && !/^SEC[0-9A-Za-z]+$/.test(secret)) {
    return '钉钉加签密钥以 SEC 开头，请从机器人安全设置中复制 (a DingTalk signing secret starts with SEC)';
  }
  if (/\s/.test(secret)) return '密钥中不能有空白字符 (the secret has whitespace in it)';
  return undefined;
}

/**
 * A channel as the settings screen saves it. Without an id it is a new channel. A blank or absent url or secret on
 * an existing channel keeps the stored one; clearSecret removes the stored secret.
 */
export const alertChannelInputSchema = z
  .strictObject({
    id: z.string().trim().min(1).max(64).optional(),
    kind: z.enum(ALERT_CHANNEL_KINDS),
    name: z.string().trim().min(1, { message: '请填写通道名称 (name required)' }).max(64),
    url: z.string().trim().max(2048).optional(),
    secret: z.string().trim().max(256).optional(),
    clearSecret: z.boolean().optional(),
    events: z.array(z.enum(ALERT_EVENTS)).max(ALERT_EVENTS.length),
    enabled: z.boolean(),
    /** The language of its messages (default Chinese). */
    lang: z.enum(LANGS).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.url) {
      const problem = alertUrlProblem(c.kind, c.url);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, path: ['url'] });
    }
    if (c.secret) {
      const problem = alertSecretProblem(c.kind, c.secret);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, path: ['secret'] });
    }
  });
export type AlertChannelInput = z.output<typeof alertChannelInputSchema>;

export const MAX_ALERT_CHANNELS = 20;

export const alertSetParamsSchema = z.strictObject({
  save: z.array(alertChannelInputSchema).max(MAX_ALERT_CHANNELS).optional(),
  remove: z.array(z.string().trim().min(1).max(64)).max(100).optional(),
});
export type AlertSetParams = z.output<typeof alertSetParamsSchema>;

export const alertTestParamsSchema = z.strictObject({ id: z.string().trim().min(1).max(64) });
export type AlertTestParams = z.output<typeof alertTestParamsSchema>;

/** How a channel has been doing since the terminal started. */
export interface AlertChannelStats {
  readonly sent: number;
  /** Alerts given up on after the retries, or refused by the vendor. */
  readonly failed: number;
  /** Alerts dropped because more came than the vendor's rate limit lets through. */
  readonly dropped: number;
  readonly queued: number;
  readonly lastSentAt?: number;
  /** The last failure, without the URL or token. */
  readonly lastError?: string;
}

/** A channel as clients see it: the URL masked, the secret only as whether one is set. */
export interface AlertChannelSummary {
  readonly id: string;
  readonly kind: AlertChannelKind;
  readonly name: string;
  /** e.g. `oapi.dingtalk.com …3f9a` */
  readonly url: string;
  readonly hasSecret: boolean;
  readonly events: readonly AlertEventKind[];
  readonly enabled: boolean;
  readonly lang: Lang;
  readonly stats: AlertChannelStats;
  /** Why the channel cannot send (its stored URL cannot be read back, say), for the settings screen. */
  readonly problem?: string;
}

export interface AlertTestResult {
  readonly ok: boolean;
  /** 发送成功, or what went wrong: the vendor's error code and message, an HTTP status, a network error. */
  readonly message: string;
  /** The vendor's error code (errcode or code) when it gave one. */
  readonly code?: number;
}

export const alertRequests = {
  'alerts.get': request<AlertChannelSummary[]>()(z.strictObject({})),
  /** Adds, updates and removes channels; answers them all. Nothing changes if any entry is invalid. */
  'alerts.set': request<AlertChannelSummary[]>()(alertSetParamsSchema),
  /** Sends a test message to one channel (enabled or not) and answers what the vendor said. */
  'alerts.test': request<AlertTestResult>()(alertTestParamsSchema),
} as const;
