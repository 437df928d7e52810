import type { SessionSpec } from '../../engine/sessions';
import { parsePeriod } from '../../data/period';
import { shanghaiMinuteOfDay } from '../../../shared/model/time';

/**
 * Minutes from the end of `bar` to the close of the trading day (15:00, or 15:15 for bond futures), for a bar of the
 * day sessions; Infinity for a night-session bar, whose day still has a day session to come; 0 for a daily bar.
 * Intraday strategies use it to be flat before the close: `minutesToDayClose(this.contract(), bar) <= 5`.
 */
export function minutesToDayClose(sessions: SessionSpec, bar: { readonly time: number; readonly period: string }): number {
  const spec = parsePeriod(bar.period);
  if (spec === undefined) throw new RangeError(`minutesToDayClose: unknown bar period "${bar.period}"`);
  if (spec.kind === 'day') return 0;
  let open = Infinity;
  let close = 0;
  for (const r of sessions.daySessions) {
    if (r.start < open) open = r.start;
    if (r.end > close) close = r.end;
  }
  const end = shanghaiMinuteOfDay(bar.time) + spec.minutes;
  return end > open && end <= close ? close - end : Infinity;
}
