import type { BacktestResult } from '../../../shared/ipc/backtest';

/** A saved JSON report read back, checked to be one before it is drawn (a wrong file is named, not drawn half). */
export function parseReport(text: string): { result: BacktestResult } | { error: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  const r = v as Partial<BacktestResult> | null;
  const missing = ['settings', 'statistics', 'daily', 'trades', 'roundTrips', 'prices', 'strategy'].filter((k) => r === null || typeof r !== 'object' || !(k in r));
  if (missing.length) return { error: `missing ${missing.join(', ')}` };
  if (!Array.isArray(r!.daily) || !Array.isArray(r!.trades) || !Array.isArray(r!.roundTrips) || !Array.isArray(r!.prices)) return { error: 'daily, trades, roundTrips and prices must be lists' };
  // Kept apart from the history: a report read from a file has no run id (it may not be in this profile).
  const { id: _id, ...rest } = r as BacktestResult;
  const defaults: Pick<BacktestResult, 'problems' | 'cancelled' | 'elapsedMs' | 'createdAt'> = { problems: [], cancelled: false, elapsedMs: 0, createdAt: 0 };
  return { result: { ...defaults, ...rest } };
}
