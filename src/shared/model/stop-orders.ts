/**
 * How many stop orders that triggered or were cancelled the screen keeps beside the waiting ones (the latest): a
 * strategy that trails its stop replaces it every bar, and the 条件单 table need not grow without end.
 */
export const FINISHED_STOPS_SHOWN = 200;

/** The stops a screen shows, in the order given (oldest first): every waiting one, and the latest finished ones. */
export function stopsShown<T extends { readonly status: string }>(stops: Iterable<T>): T[] {
  const all = [...stops];
  let leaveOut = -FINISHED_STOPS_SHOWN;
  for (const s of all) if (s.status !== 'waiting') leaveOut++;
  return leaveOut <= 0 ? all : all.filter((s) => s.status === 'waiting' || leaveOut-- <= 0);
}

/** Whether a stop fires when the price rises to its trigger (a buy stop, a take-profit sell) rather than falls to it. */
export function triggersAbove(s: { readonly side: 'buy' | 'sell'; readonly trigger?: 'above' | 'below' | undefined }): boolean {
  return s.trigger !== undefined ? s.trigger === 'above' : s.side === 'buy';
}

/**
 * What a stop is for: one of a 止盈止损 pair is a take-profit when it fires on its position's side of the market (a
 * long's sell above it, a short's buy below it) and a stop-loss otherwise; any other stop is just a stop.
 */
export function stopKind(s: { readonly side: 'buy' | 'sell'; readonly trigger?: 'above' | 'below' | undefined; readonly bracket?: string | undefined }): 'stopLoss' | 'takeProfit' | 'stop' {
  if (s.bracket === undefined) return 'stop';
  return (s.side === 'sell') === triggersAbove(s) ? 'takeProfit' : 'stopLoss';
}
