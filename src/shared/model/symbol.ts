import { EXCHANGES, type Exchange } from './enums';

/**
 * One canonical instrument id everywhere: `EXCHANGE.code` as TqSdk writes it (SHFE.rb2505, CZCE.TA505).
 * CTP's separate InstrumentID and ExchangeID are mapped at the gateway; vnpy's `rb2505.SHFE` is accepted on input.
 */
export interface ParsedSymbol {
  readonly exchange: Exchange | undefined;
  /** Product code as the exchange writes it: lower case on SHFE/INE/DCE/GFEX, upper case on CZCE/CFFEX. */
  readonly product: string;
  /** Digits after the product: 4 (2505) or, on CZCE, 3 (505). */
  readonly monthCode: string;
  /** The exchange's own instrument id (rb2505, TA505). */
  readonly code: string;
}

const CODE_RE = /^([A-Za-z]{1,3})(\d{3,4})$/;
const EXCHANGE_SET: ReadonlySet<string> = new Set(EXCHANGES);

export function isExchange(s: string): s is Exchange {
  return EXCHANGE_SET.has(s);
}

/** Parses `SHFE.rb2505`, `rb2505.SHFE` or a bare `rb2505`; returns an error text naming what is wrong. */
export function parseSymbol(input: string): ParsedSymbol | { error: string } {
  const text = input.trim();
  if (!text) return { error: '合约代码为空 (empty instrument id)' };
  const parts = text.split('.');
  let exchange: Exchange | undefined;
  let code: string;
  if (parts.length === 1) {
    code = parts[0]!;
  } else if (parts.length === 2) {
    const [a, b] = parts as [string, string];
    const ua = a.toUpperCase();
    const ub = b.toUpperCase();
    if (isExchange(ua)) {
      exchange = ua;
      code = b;
    } else if (isExchange(ub)) {
      exchange = ub;
      code = a;
    } else {
      return { error: `"${text}" 中的交易所未知，应为 ${EXCHANGES.join('、')} 之一 (unknown exchange in "${text}")` };
    }
  } else {
    return { error: `合约代码格式错误 "${text}" (malformed instrument id "${text}")` };
  }
  const m = CODE_RE.exec(code);
  if (!m) return { error: `合约代码格式错误 "${text}"：应为品种代码加交割月份，如 rb2505 (malformed instrument id "${text}": expected a product code and a delivery month, such as rb2505)` };
  return { exchange, product: m[1]!, monthCode: m[2]!, code };
}

export function formatSymbol(exchange: Exchange, code: string): string {
  return `${exchange}.${code}`;
}

/** Splits a canonical id into exchange and the exchange's instrument id, for gateways. */
export function splitSymbol(symbol: string): { exchange: string; code: string } {
  const dot = symbol.indexOf('.');
  return dot < 0 ? { exchange: '', code: symbol } : { exchange: symbol.slice(0, dot), code: symbol.slice(dot + 1) };
}

/**
 * Delivery year and month of a month code. CZCE writes the year with one digit (TA505): it is resolved to the year
 * ending in that digit that lies from one year before to eight years after the reference trading day.
 */
export function deliveryMonth(monthCode: string, referenceDay: number): { year: number; month: number } | undefined {
  const month = Number(monthCode.slice(-2));
  if (!(month >= 1 && month <= 12)) return undefined;
  const refYear = Math.floor(referenceDay / 10000);
  if (monthCode.length === 4) {
    const yy = Number(monthCode.slice(0, 2));
    // Two-digit years: pick the century closest to the reference.
    const century = Math.floor(refYear / 100) * 100;
    let year = century + yy;
    if (year > refYear + 50) year -= 100;
    else if (year < refYear - 50) year += 100;
    return { year, month };
  }
  const digit = Number(monthCode.slice(0, 1));
  for (let y = refYear - 1; y <= refYear + 8; y++) {
    if (((y % 10) + 10) % 10 === digit) return { year: y, month };
  }
  return undefined;
}
