import type { GatewayState } from '../model/enums';
import type { Lang } from '../ipc/settings';
import { messageCatalog } from './template';

/**
 * What a trading gateway tells a trader about its connection, as a code with parameters, so that each client words
 * it in its own language (and words it again when the trader switches). Each failure of the CTP login sequence has
 * its own message that says what to check. Parameters that are words come in both languages (kind / kindEn).
 */
const TEMPLATES = {
  SIM_READY: { zh: '模拟撮合', en: 'Simulated matching' },
  // A link's state alone, where nothing more is known.
  LINK_DISCONNECTED: { zh: '未连接', en: 'Not connected' },
  LINK_CONNECTING: { zh: '正在连接', en: 'Connecting' },
  LINK_CONNECTED: { zh: '已连接', en: 'Connected' },
  LINK_ERROR: { zh: '连接出错', en: 'Connection error' },
  CONNECTING: { zh: '正在连接{kind}前置 {fronts}', en: 'Connecting to the {kindEn} front {fronts}' },
  UNREACHABLE: {
    zh: '无法连接{kind}前置 {fronts}：{seconds} 秒内没有响应，请检查前置地址、网络或防火墙（仍在自动重试）',
    en: 'Cannot reach the {kindEn} front {fronts}: no answer in {seconds} s; check the address, the network or a firewall (still retrying)',
  },
  DISCONNECTED: { zh: '{kind}前置连接断开（{reason}），正在重连', en: 'The {kindEn} front dropped the connection ({reasonEn}); reconnecting' },
  AUTHENTICATING: { zh: '正在进行客户端认证（看穿式认证）', en: 'Authenticating the terminal (AppID and AuthCode)' },
  LOGGING_IN: { zh: '正在登录 {broker} / {user}', en: 'Logging in {broker} / {user}' },
  CONFIRMING: { zh: '正在确认结算单', en: 'Confirming the settlement statement' },
  READY: { zh: '已登录 {broker} / {user}，交易日 {day}', en: 'Logged in {broker} / {user}, trading day {day}' },
  MD_READY: { zh: '行情已登录，交易日 {day}', en: 'Market data logged in, trading day {day}' },
  AUTH_FAILED: {
    zh: '客户端认证失败：AppID 或授权码（AuthCode）不正确，请向期货公司核对（CTP {id}：{msg}）',
    en: 'Terminal authentication failed: the AppID or AuthCode is wrong; check them with the broker (CTP {id}: {msg})',
  },
  NOT_AUTHENTICATED: {
    zh: '未通过客户端认证：该期货公司要求看穿式认证，请填写 AppID 和授权码（CTP {id}：{msg}）',
    en: 'Not authenticated: this broker requires terminal authentication; fill in the AppID and AuthCode (CTP {id}: {msg})',
  },
  WRONG_PASSWORD: {
    zh: '登录失败：资金账号或密码错误（CTP {id}：{msg}）。为免账号被锁定，不再自动重试',
    en: 'Login failed: wrong user ID or password (CTP {id}: {msg}). Not retrying, so the account is not locked',
  },
  LOGIN_LOCKED: {
    zh: '登录被禁止：连续登录失败次数过多，请联系期货公司解锁（CTP {id}：{msg}）',
    en: 'Login forbidden after too many failed attempts; ask the broker to unlock the account (CTP {id}: {msg})',
  },
  SESSION_LIMIT: {
    zh: '登录失败：该账号的在线会话数已达上限，请关闭其他交易终端后重连（CTP {id}：{msg}）',
    en: 'Login failed: too many sessions of this account are online; close other terminals and reconnect (CTP {id}: {msg})',
  },
  STEP_FAILED: { zh: '{step}失败（CTP {id}：{msg}），{seconds} 秒后重试', en: '{stepEn} failed (CTP {id}: {msg}); retrying in {seconds} s' },
  STEP_TIMEOUT: { zh: '{step}无应答，{seconds} 秒后重试', en: '{stepEn}: no answer; retrying in {seconds} s' },
  STEP_NOT_SENT: { zh: '{step}请求未发出（{code}），{seconds} 秒后重试', en: '{stepEn}: request not sent ({codeEn}); retrying in {seconds} s' },
  DISCONNECTED_BY_USER: { zh: '已断开', en: 'Disconnected' },
  ADDON_MISSING: { zh: 'CTP 接口不可用：{detail}', en: 'CTP API unavailable: {detail}' },
} as const satisfies Record<string, Record<Lang, string>>;

export type GatewayMessageCode = keyof typeof TEMPLATES;
export type GatewayMessageParams = Readonly<Record<string, string | number>>;

/** A gateway's message as its code and parameters. */
export interface GatewayMessageKey {
  readonly code: string;
  readonly params: GatewayMessageParams;
}

const catalog = messageCatalog(TEMPLATES);

export function gatewayMessage(code: GatewayMessageCode, params: GatewayMessageParams = {}, lang: Lang = 'zh'): string {
  return catalog.format(code, params, lang);
}

/** A status's message in `lang` (for logs and alerts) together with its code, which clients word in their own. */
export function gatewayWords(code: GatewayMessageCode, params: GatewayMessageParams = {}, lang: Lang = 'zh'): { message: string; messageKey: GatewayMessageKey } {
  return { message: catalog.format(code, params, lang), messageKey: { code, params } };
}

/** The words for a link's state alone. */
export const STATE_WORDS: Readonly<Record<GatewayState, GatewayMessageCode>> = {
  disconnected: 'LINK_DISCONNECTED',
  connecting: 'LINK_CONNECTING',
  connected: 'LINK_CONNECTED',
  error: 'LINK_ERROR',
};

/**
 * A gateway's connection as a trader reads it in `lang`: worded from its code where it has one this side knows, else
 * the gateway's own text, else its state.
 */
export function gatewayStatusText(s: { readonly state: GatewayState; readonly message: string; readonly messageKey?: GatewayMessageKey | undefined }, lang: Lang): string {
  const k = s.messageKey;
  if (k !== undefined && catalog.has(k.code)) return catalog.format(k.code, k.params, lang);
  return s.message || catalog.format(STATE_WORDS[s.state], {}, lang);
}
