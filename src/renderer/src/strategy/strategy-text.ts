import type { Signal } from '../../../shared/model/types';
import type { StrategyInstanceInfo, StrategyProblemInfo } from '../../../shared/ipc/strategy';
import { formatShanghai } from '../../../shared/model/time';
import type { Translate } from '../i18n/translate';

const SIDE_OFFSET = /^(stop:)?(buy|sell):(open|close|closeToday|closeYesterday|auto)$/;

/** A signal as a trader reads it: "10:31 买开 rb2605 1 手 @ 3120" (a stop order says 条件单). */
export function signalText(s: Signal | undefined, t: Translate): string {
  if (s === undefined) return '—';
  const m = SIDE_OFFSET.exec(s.action);
  const what = m ? `${m[1] ? t('strat.stopOrder') : ''}${t(`side.${m[2] as 'buy' | 'sell'}`)}${t(`offset.${m[3] as 'open' | 'close' | 'closeToday' | 'closeYesterday' | 'auto'}`)}` : s.action;
  const time = formatShanghai(s.time, false).slice(11);
  return `${time} ${what} ${s.symbol.split('.').pop()} ${s.volume} @ ${Number(s.price.toFixed(4))}`;
}

/** Net position per contract: "rb2605 +1 · cu2603 −2", or 空仓 / flat. */
export function positionsText(info: StrategyInstanceInfo, t: Translate): string {
  const parts = Object.entries(info.positions)
    .filter(([, v]) => v !== 0)
    .map(([k, v]) => `${k.split('.').pop()} ${v > 0 ? '+' : '−'}${Math.abs(v)}`);
  return parts.length ? parts.join(' · ') : t('strat.flat');
}

/** A problem with where it is: "bad.ts:3:7 Expected ..." (the line is what the trader looks for). */
export function problemLine(p: StrategyProblemInfo | undefined): string {
  if (p === undefined) return '';
  const file = p.file.split(/[\\/]/).pop() ?? p.file;
  const at = p.line !== undefined ? `:${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : '';
  return `${file}${at} ${p.message}`;
}
