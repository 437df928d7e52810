import type { ProductSpec } from '../../../shared/model/types';

/**
 * Sina Finance's public futures quote endpoints, the ones open-source data libraries (akshare and others) use:
 *   daily:  /futures/api/jsonp.php/var%20_RB02024_12_31=/InnerFuturesNewService.getDailyKLine?symbol=RB0&type=2024_12_31
 *   minute: /futures/api/jsonp.php/var%20_RB0_1=/InnerFuturesNewService.getFewMinLine?symbol=RB0&type=1
 * `RB0` is Sina's main-contract series (主力连续) of a product. The answer is JSONP after a script comment:
 *   /*<script>location.href='//sina.com';</script>*\/
 *   var _RB0_1=([{"d":"2019-12-20 22:59:00","o":"3539.000","h":"3544.000","l":"3539.000","c":"3541.000","v":"21566","p":"2639234"}]);
 * with d the date (daily) or date and time (minute, the bar's END time), o h l c prices, v volume, p open interest,
 * s the settlement (daily). The minute endpoint returns only the latest bars (about a thousand).
 */
export const SINA_BASE_URL = 'https://stock2.finance.sina.com.cn';

export type SinaPeriod = '1d' | '1m';

/** Sina's code of a product's main-contract series: the product in upper case and 0 (RB0, TA0, IF0). */
export function sinaMainCode(product: Pick<ProductSpec, 'product'>): string {
  return `${product.product.toUpperCase()}0`;
}

export function sinaUrl(base: string, code: string, period: SinaPeriod, now: Date = new Date()): string {
  const root = base.replace(/\/+$/, '');
  if (period === '1d') {
    // The date in the callback name and `type` only defeats caches; the answer is the whole history.
    const stamp = `${now.getFullYear()}_${now.getMonth() + 1}_${now.getDate()}`;
    return `${root}/futures/api/jsonp.php/var%20_${code}${stamp}=/InnerFuturesNewService.getDailyKLine?symbol=${encodeURIComponent(code)}&type=${stamp}`;
  }
  return `${root}/futures/api/jsonp.php/var%20_${code}_1=/InnerFuturesNewService.getFewMinLine?symbol=${encodeURIComponent(code)}&type=1`;
}

export interface SinaBar {
  /** As Sina writes it: 2019-12-20 (daily) or 2019-12-20 22:59:00 (minute, bar end). */
  readonly d: string;
  readonly o: string;
  readonly h: string;
  readonly l: string;
  readonly c: string;
  readonly v: string;
  readonly p: string;
}

export class SinaFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SinaFormatError';
  }
}

/** Parses a JSONP answer; an answer of `null` (an unknown code) is an empty list. */
export function parseSinaResponse(text: string): SinaBar[] {
  const eq = text.indexOf('=(');
  const open = eq >= 0 ? eq + 1 : text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close <= open) throw new SinaFormatError(`no JSONP call in the answer (${JSON.stringify(text.slice(0, 80))})`);
  const body = text.slice(open + 1, close).trim();
  if (body === 'null' || body === '' || body === '""') return [];
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    throw new SinaFormatError(`the JSONP body is not JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) throw new SinaFormatError('the JSONP body is not a list of bars');
  return data.map((item, i) => {
    if (typeof item !== 'object' || item === null) throw new SinaFormatError(`bar ${i} is not an object`);
    const r = item as Record<string, unknown>;
    const field = (k: string): string => {
      const v = r[k];
      if (typeof v === 'string') return v;
      if (typeof v === 'number') return String(v);
      if (k === 'p' || k === 'v') return '0';
      throw new SinaFormatError(`bar ${i} has no "${k}"`);
    };
    return { d: field('d'), o: field('o'), h: field('h'), l: field('l'), c: field('c'), v: field('v'), p: field('p') };
  });
}
