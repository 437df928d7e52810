import type { Lang } from './settings';

/**
 * The alert channels' kinds, events and labels, and the checks of a channel's URL and signing secret. Kept free of
 * zod so the renderer can import it (the settings screen checks a URL as it is typed): building a zod schema runs
 * zod's eval probe, which the page's Content-Security-Policy refuses.
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
