import { z } from 'zod';
import type { GatewayMessageKey } from '../i18n/gateway-messages';
import type { GatewayState } from '../model/enums';
import { request } from './define';
import { CTP_PRESET_IDS } from './account-presets';

/**
 * A CTP trading account as the account settings screen edits it: the broker's ids, the login secrets, the terminal
 * authentication (看穿式认证: AppID and AuthCode) and the trade and market-data fronts. Field lengths are the CTP
 * structs' (BrokerID char[11], UserID char[16], Password char[41], AppID char[33], AuthCode char[17]).
 *
 * Secrets (password, authCode) are marked with `.meta({ secret: true })`: they are stored only encrypted, never
 * logged, and never sent back to a client (see CtpAccountSummary).
 */

/** tcp://host:port as brokers write fronts; ssl:// and socks:// are the other schemes CTP knows. */
const FRONT_RE = /^(tcp|ssl|socks[45]?):\/\/[^\s:/]+:\d{1,5}$/;

export const ctpFrontSchema = z
  .string()
  .trim()
  .regex(FRONT_RE, { message: '前置地址格式应为 tcp://IP:端口，例如 tcp://182.254.243.31:40001 (a front is tcp://host:port)' });

const secret = <T extends z.ZodType>(schema: T): T => schema.meta({ secret: true });

export const CTP_SECRET_FIELDS = ['password', 'authCode'] as const;
export type CtpSecretField = (typeof CTP_SECRET_FIELDS)[number];

export { CTP_PRESET_IDS, CTP_PRESETS, type CtpPreset, type CtpPresetId } from './account-presets';

const fronts = (what: string) =>
  z
    .array(ctpFrontSchema)
    .min(1, { message: `至少需要一个${what}前置地址 (at least one ${what === '交易' ? 'trade' : 'market-data'} front)` })
    .max(8);

export const ctpAccountSchema = z.strictObject({
  id: z.string().trim().min(1).max(64),
  /** The name the trader gives the account, e.g. 「中信 实盘」. */
  name: z.string().trim().max(64),
  preset: z.enum(CTP_PRESET_IDS),
  brokerId: z.string().trim().min(1, { message: '请填写期货公司代码 BrokerID (broker id required)' }).max(10),
  userId: z.string().trim().min(1, { message: '请填写资金账号 (user id required)' }).max(15),
  password: secret(z.string().min(1, { message: '请填写交易密码 (password required)' }).max(40)),
  appId: z.string().trim().max(32),
  authCode: secret(z.string().trim().max(16)),
  /** UserProductInfo sent at login; most brokers leave it empty. */
  productInfo: z.string().trim().max(10),
  tradeFronts: fronts('交易'),
  marketFronts: fronts('行情'),
});
export type CtpAccountConfig = z.infer<typeof ctpAccountSchema>;

/** What a client sends to save an account: the secrets may be left out to keep the stored ones. */
export const ctpAccountInputSchema = ctpAccountSchema.extend({
  password: secret(z.string().max(40)).optional(),
  authCode: secret(z.string().trim().max(16)).optional(),
});
export type CtpAccountInput = z.infer<typeof ctpAccountInputSchema>;

/** An account as clients see it: everything but the secrets, and whether they are set. */
export type CtpAccountSummary = Omit<CtpAccountConfig, CtpSecretField> & { readonly hasPassword: boolean; readonly hasAuthCode: boolean };

export function summarizeCtpAccount(a: CtpAccountConfig): CtpAccountSummary {
  const { password, authCode, ...rest } = a;
  return { ...rest, hasPassword: password.length > 0, hasAuthCode: authCode.length > 0 };
}

/** The account with its secrets masked, for logs and error reports. */
export function redactCtpAccount(a: CtpAccountConfig): CtpAccountConfig {
  return { ...a, password: a.password ? '******' : '', authCode: a.authCode ? '******' : '' };
}

/** One connection (trade or market data) of an account. */
export interface CtpLinkStatus {
  readonly state: GatewayState;
  /** What the trader should know, in Chinese (e.g. 登录失败：用户名或密码错误). */
  readonly message: string;
  /** The same as a code of the gateway catalog, which each client words in its own language. */
  readonly messageKey?: GatewayMessageKey;
  readonly front?: string;
}

export interface CtpConnectionStatus {
  readonly accountId: string;
  readonly trade: CtpLinkStatus;
  readonly market: CtpLinkStatus;
  readonly tradingDay?: number;
}

const accountId = z.strictObject({ id: z.string().trim().min(1).max(64) });

export const accountRequests = {
  /** Every saved account, without its secrets. */
  'accounts.list': request<CtpAccountSummary[]>()(z.strictObject({})),
  'accounts.save': request<CtpAccountSummary>()(ctpAccountInputSchema),
  'accounts.remove': request<{ removed: boolean }>()(accountId),
  'accounts.connect': request<CtpConnectionStatus>()(accountId),
  'accounts.disconnect': request<CtpConnectionStatus>()(accountId),
  /**
   * Makes an account the one the trading screen shows and trades (the simulated account is 'sim'; a CTP account must
   * be connected). Clients get an update batch with its accountId and fetch a new snapshot.
   */
  'accounts.activate': request<{ readonly accountId: string; readonly mode: 'paper' | 'live' }>()(accountId),
  /** The connection status of one account, or of all when no id is given. */
  'accounts.status': request<CtpConnectionStatus[]>()(z.strictObject({ id: z.string().trim().min(1).max(64).optional() })),
} as const;
