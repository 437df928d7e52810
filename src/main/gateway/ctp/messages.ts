import type { Lang } from '../../../shared/ipc/settings';
import { CTP_ERRORS } from './ctp-api.gen';

/**
 * What the CTP gateway tells a trader, in Chinese first and in English. Each failure of the login sequence has its
 * own message that says what to check.
 */
const TEMPLATES = {
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
  STEP_NOT_SENT: { zh: '{step}请求未发出（{code}），{seconds} 秒后重试', en: '{stepEn}: request not sent ({code}); retrying in {seconds} s' },
  DISCONNECTED_BY_USER: { zh: '已断开', en: 'Disconnected' },
  ADDON_MISSING: { zh: 'CTP 接口不可用：{detail}', en: 'CTP API unavailable: {detail}' },
} as const;

export type CtpMessageCode = keyof typeof TEMPLATES;

export function ctpMessage(code: CtpMessageCode, params: Readonly<Record<string, string | number>> = {}, lang: Lang = 'zh'): string {
  return TEMPLATES[code][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

const DISCONNECT_REASONS: Readonly<Record<number, readonly [string, string]>> = {
  0: ['主动断开', 'closed by the client'],
  0x1001: ['网络读失败', 'network read failure'],
  0x1002: ['网络写失败', 'network write failure'],
  0x2001: ['接收心跳超时', 'heartbeat receive timeout'],
  0x2002: ['发送心跳失败', 'heartbeat send failure'],
  0x2003: ['收到错误报文', 'bad packet received'],
};

/** OnFrontDisconnected's reason as text: 网络读失败 (0x1001). */
export function disconnectReason(reason: number, lang: Lang = 'zh'): string {
  const known = DISCONNECT_REASONS[reason];
  const hex = `0x${reason.toString(16)}`;
  return known ? `${known[lang === 'zh' ? 0 : 1]} ${hex}` : `${lang === 'zh' ? '原因' : 'reason'} ${hex}`;
}

/** A request's return code as text: -1 网络连接失败, -2, -3 flow control. */
export function requestCodeText(code: number, lang: Lang = 'zh'): string {
  const zh: Record<number, string> = { [-1]: '网络连接失败', [-2]: '未处理请求超过许可数', [-3]: '每秒发送请求数超过许可数' };
  const en: Record<number, string> = { [-1]: 'network connection failure', [-2]: 'too many requests in flight', [-3]: 'too many requests per second' };
  return `${(lang === 'zh' ? zh : en)[code] ?? ''} ${code}`.trim();
}

/** CTP's error as the broker's own Chinese text with its id: 「CTP:资金不足（CTP 31 INSUFFICIENT_MONEY）」. */
export function ctpErrorText(errorId: number, errorMsg: string): string {
  const name = CTP_ERRORS[errorId]?.[0];
  const msg = errorMsg.trim() || CTP_ERRORS[errorId]?.[1] || '';
  return `${msg}（CTP ${errorId}${name ? ` ${name}` : ''}）`;
}
