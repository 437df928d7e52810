import type { PosDirection, Side } from '../../../shared/model/enums';
import type { Position, Tick } from '../../../shared/model/types';
import type { OrderParams } from '../ticket/ticket-model';

/** The side that closes (or, for a reverse, opens against) a position: a long is sold, a short bought. */
export const closingSide = (d: PosDirection): Side => (d === 'long' ? 'sell' : 'buy');

export const closableOf = (p: Position): number => Math.max(0, p.volume - p.frozen);

/**
 * A close of what is closable at the opposite price (对手价), as 快期's one-click close does; without a quote, a
 * market order (the engine sends SHFE/INE ones as FAK at the limit price). The engine splits a SHFE/INE close into
 * close-yesterday and close-today.
 */
export function closeRequest(p: Position, tick: Tick | undefined, volume = closableOf(p)): OrderParams | undefined {
  if (volume <= 0) return undefined;
  const side = closingSide(p.direction);
  const price = tick === undefined ? 0 : side === 'sell' ? tick.bid : tick.ask;
  if (!(price > 0)) return { symbol: p.symbol, side, offset: 'close', type: 'market', price: 0, volume };
  return { symbol: p.symbol, side, offset: 'close', type: 'limit', price, volume };
}

/** The opening half of a reverse: the same side and volume as the close, as a new position the other way. */
export function reverseOpenRequest(close: OrderParams): OrderParams {
  return { ...close, offset: 'open' };
}
