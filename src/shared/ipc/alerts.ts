import { z } from 'zod';
import { request } from './define';
import { ALERT_CHANNEL_KINDS, ALERT_EVENTS, alertSecretProblem, alertUrlProblem, type AlertChannelKind, type AlertEventKind } from './alert-rules';
import { LANGS, type Lang } from './settings';

/**
 * Alerts pushed to a trader's phone: DingTalk (钉钉) custom robots, WeCom (企业微信) group robots, Feishu (飞书) custom
 * bots and a generic JSON webhook. A channel's URL carries its access token and is kept only encrypted; clients get
 * it masked (host and the token's last 4 characters).
 */

export {
  ALERT_CHANNEL_KINDS,
  ALERT_CHANNEL_LABELS,
  ALERT_EVENT_LABELS,
  ALERT_EVENTS,
  alertSecretProblem,
  alertUrlProblem,
  type AlertChannelKind,
  type AlertEventKind,
} from './alert-rules';

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
