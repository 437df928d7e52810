import type { OrderStatus } from '../../shared/model/enums';

/**
 * The order state machine. Every status change goes through `transitionOf`; anything not listed here is invalid
 * and is reported and ignored by the order manager, never applied.
 *
 *   submitting -> submitted | partFilled | filled | cancelled | rejected
 *   submitted  -> partFilled | filled | cancelled | rejected
 *   partFilled -> partFilled | filled | cancelled
 *   filled, cancelled, rejected: final
 *
 * Written as comparisons rather than looked up in a table by status: every order changes status three or more
 * times, and a lookup keyed by a different string each time is a slow (megamorphic) property load.
 */
function allowed(from: OrderStatus, to: OrderStatus): boolean {
  switch (from) {
    case 'submitting':
      return to !== 'submitting';
    case 'submitted':
      return to === 'partFilled' || to === 'filled' || to === 'cancelled' || to === 'rejected';
    case 'partFilled':
      return to === 'partFilled' || to === 'filled' || to === 'cancelled';
    default:
      return false;
  }
}

export type TransitionKind = 'apply' | 'repeat' | 'invalid';

/** 'repeat' is a status reported again (CTP repeats OnRtnOrder), a no-op rather than an error. */
export function transitionOf(from: OrderStatus, to: OrderStatus): TransitionKind {
  if (allowed(from, to)) return 'apply';
  if (from === to) return 'repeat';
  return 'invalid';
}
