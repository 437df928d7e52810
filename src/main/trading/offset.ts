import type { Offset, RequestOffset, Side } from '../../shared/model/enums';
import type { Contract } from '../../shared/model/types';
import { reason, type Reason } from '../../shared/i18n/reasons';
import type { PositionPair } from './portfolio';

export interface OffsetLeg {
  readonly offset: Offset;
  readonly volume: number;
}

/**
 * Turns the offset a trader asked for into the orders an exchange accepts, as a trader's terminal does:
 * - SHFE and INE: a close must say today or yesterday. 'close' becomes close-yesterday for the lots held from
 *   earlier days and close-today for the rest: two orders when both are needed.
 * - Other exchanges close first-in, first-out whatever the flag says, so close-today and close-yesterday become
 *   'close' (the part that closes today's lots is still charged the close-today commission).
 * - 'auto' closes the opposite position as far as it is closable and opens the rest.
 * A close of more than the closable (not frozen) position is refused.
 *
 * `forNextDay`: the order is for the next trading day (entered after the close), when today's lots will have become
 * yesterday's.
 */
export function convertOffset(
  contract: Contract,
  side: Side,
  requested: RequestOffset,
  volume: number,
  positions: PositionPair | undefined,
  forNextDay = false,
): OffsetLeg[] | Reason {
  if (requested === 'open') return [{ offset: 'open', volume }];
  // A buy closes a short position; a sell closes a long one.
  const closed = side === 'buy' ? 'short' : 'long';
  const pos = positions === undefined ? undefined : closed === 'long' ? positions.long : positions.short;
  const availYd = forNextDay ? (pos?.available ?? 0) : (pos?.availableYd ?? 0);
  const availToday = forNextDay ? 0 : (pos?.availableToday ?? 0);
  const distinct = contract.closeTodayDistinct;

  if (requested === 'auto') {
    const closable = availYd + availToday;
    const closeVolume = Math.min(volume, closable);
    const legs = closeVolume > 0 ? (convertOffset(contract, side, 'close', closeVolume, positions, forNextDay) as OffsetLeg[]) : [];
    if (volume > closeVolume) legs.push({ offset: 'open', volume: volume - closeVolume });
    return legs;
  }

  if (!distinct) {
    const available = availYd + availToday;
    if (volume > available) return reason('CLOSE_EXCEEDS_POSITION', { volume, available });
    return [{ offset: 'close', volume }];
  }

  if (requested === 'closeToday') {
    if (volume > availToday) return reason('CLOSE_EXCEEDS_POSITION', { volume, available: availToday });
    return [{ offset: 'closeToday', volume }];
  }
  if (requested === 'closeYesterday') {
    if (volume > availYd) return reason('CLOSE_EXCEEDS_POSITION', { volume, available: availYd });
    return [{ offset: 'closeYesterday', volume }];
  }
  const available = availYd + availToday;
  if (volume > available) return reason('CLOSE_EXCEEDS_POSITION', { volume, available });
  const yd = Math.min(volume, availYd);
  const today = volume - yd;
  // Array literals of the legs needed, not pushes: this is on every order's path.
  if (today <= 0) return yd > 0 ? [{ offset: 'closeYesterday', volume: yd }] : [];
  if (yd <= 0) return [{ offset: 'closeToday', volume: today }];
  return [
    { offset: 'closeYesterday', volume: yd },
    { offset: 'closeToday', volume: today },
  ];
}
