import type { PosDirection } from '../../shared/model/enums';
import type { Contract } from '../../shared/model/types';

/** Which commission rate a fill pays: opening, closing earlier lots, or closing lots opened the same trading day. */
export type FeeKind = 'open' | 'close' | 'closeToday';

export function commissionOf(c: Contract, kind: FeeKind, price: number, volume: number): number {
  // Chosen by comparison, not read as commission[kind]: a load keyed by a different string on each call is slow.
  const rate = kind === 'open' ? c.commission.open : kind === 'close' ? c.commission.close : c.commission.closeToday;
  return c.commission.byVolume ? rate * volume : rate * price * c.multiplier * volume;
}

export function marginRate(c: Contract, direction: PosDirection): number {
  return direction === 'long' ? c.marginLong : c.marginShort;
}

export function marginOf(c: Contract, direction: PosDirection, price: number, volume: number): number {
  return price * c.multiplier * volume * marginRate(c, direction);
}
