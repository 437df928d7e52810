import { decimalsOf } from '../../../shared/model/price';
import { formatShanghaiTime } from '../../../shared/model/time';

/** Formats for the tables: prices at the contract's tick decimals, money with two, thousands separated. */
const groupers = new Map<number, Intl.NumberFormat>();
function grouper(decimals: number): Intl.NumberFormat {
  let f = groupers.get(decimals);
  if (f === undefined) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    groupers.set(decimals, f);
  }
  return f;
}

export function fmtPrice(price: number | undefined, tick: number | undefined): string {
  if (price === undefined || !Number.isFinite(price) || price === 0) return '—';
  // Without the contract's tick, show the price as it is (no invented decimals).
  return tick === undefined ? String(Number(price.toFixed(6))) : price.toFixed(decimalsOf(tick));
}

/** An average price: at the tick's decimals when it lies on a tick, else with two decimals (3126.5 for rb). */
export function fmtAvgPrice(price: number | undefined, tick: number | undefined): string {
  if (price === undefined || !Number.isFinite(price) || price === 0) return '—';
  if (tick !== undefined && Math.abs(price / tick - Math.round(price / tick)) < 1e-6) return price.toFixed(decimalsOf(tick));
  return price.toFixed(Math.max(2, tick === undefined ? 2 : decimalsOf(tick)));
}

export function fmtMoney(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  // -0.00 reads as a loss that is not there.
  const r = Math.round(v * 100) / 100;
  return grouper(2).format(r === 0 ? 0 : r);
}

export function fmtInt(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  return grouper(0).format(Math.round(v));
}

export function fmtSigned(v: number | undefined, decimals: number): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  const s = v.toFixed(decimals);
  return v > 0 ? `+${s}` : Number(s) === 0 ? (0).toFixed(decimals) : s;
}

export function fmtPct(ratio: number | undefined, decimals = 2): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${fmtSigned(ratio * 100, decimals)}%`;
}

export function fmtRatio(ratio: number | undefined, decimals = 2): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(decimals)}%`;
}

/** Large figures as traders read them: 1.23亿, 4567万 (zh) or 1.23B, 45.67M (en). */
export function fmtBig(v: number | undefined, lang: 'zh' | 'en'): string {
  if (v === undefined || !Number.isFinite(v) || v === 0) return '—';
  const a = Math.abs(v);
  if (lang === 'zh') {
    if (a >= 1e8) return `${(v / 1e8).toFixed(2)}亿`;
    if (a >= 1e4) return `${(v / 1e4).toFixed(2)}万`;
    return v.toFixed(0);
  }
  if (a >= 1e9) return `${(v / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
  if (a >= 1e3) return `${(v / 1e3).toFixed(1)}K`;
  return v.toFixed(0);
}

/** How long a run took, in seconds: tenths from a second up, hundredths below (a short backtest is not "0.0"). */
export function fmtSeconds(ms: number): string {
  return ms >= 1000 ? (ms / 1000).toFixed(1) : (Math.max(ms, 10) / 1000).toFixed(2);
}

export function fmtTime(t: number | undefined): string {
  return t === undefined || !(t > 0) ? '—' : formatShanghaiTime(t);
}

/** Up is red and down is green, as Chinese markets show them. */
export function trendClass(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v) || Math.abs(v) < 1e-9) return '';
  return v > 0 ? 'up' : 'down';
}

/** A contract's name in the UI's language: 螺纹2605, Rebar 2605 (a contract from an older engine has no English one). */
export function contractName(c: { readonly name: string; readonly nameEn?: string } | undefined, lang: 'zh' | 'en'): string {
  if (c === undefined) return '';
  return lang === 'en' && c.nameEn ? c.nameEn : c.name;
}
