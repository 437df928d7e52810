import type { Period } from '../../shared/model/enums';

/** A bar period as the store and the bar generator use it: whole minutes, or one trading day. */
export type PeriodSpec = { readonly kind: 'minute'; readonly minutes: number } | { readonly kind: 'day' };

const PERIOD_RE = /^(\d{1,4})([mh])$/;

/**
 * Parses `1m`, `5m`, `90m`, `1h`, `2h` or `1d`. Returns undefined for anything else. N-hour periods are N*60 minutes;
 * the longest intraday period is one day of minutes.
 */
export function parsePeriod(text: string): PeriodSpec | undefined {
  // Asked of every bar by some (a strategy's distance to the day's close): the few spellings in use are remembered.
  const known = PARSED.get(text);
  if (known !== undefined) return known;
  const spec = parse(text);
  if (spec !== undefined && PARSED.size < 64) PARSED.set(text, Object.freeze(spec));
  return spec;
}

const PARSED = new Map<string, PeriodSpec>();

function parse(text: string): PeriodSpec | undefined {
  const t = text.trim().toLowerCase();
  if (t === '1d' || t === 'd' || t === 'day' || t === 'daily') return { kind: 'day' };
  const m = PERIOD_RE.exec(t);
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2] === 'h' ? 60 : 1);
  if (!(n >= 1 && n <= 1440)) return undefined;
  return { kind: 'minute', minutes: n };
}

/** The one spelling the store keys bars by: `1h` for sixty minutes, otherwise `Nm`, and `1d`. */
export function formatPeriod(spec: PeriodSpec): Period {
  if (spec.kind === 'day') return '1d';
  return spec.minutes === 60 ? '1h' : `${spec.minutes}m`;
}

/** Canonical spelling of a period text, or undefined if it is not a period. */
export function canonicalPeriod(text: string): Period | undefined {
  const spec = parsePeriod(text);
  return spec === undefined ? undefined : formatPeriod(spec);
}

export function periodMinutes(spec: PeriodSpec): number {
  return spec.kind === 'day' ? 1440 : spec.minutes;
}
