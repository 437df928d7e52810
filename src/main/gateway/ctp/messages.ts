import type { Lang } from '../../../shared/ipc/settings';
import { CTP_ERRORS } from './ctp-api.gen';

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
