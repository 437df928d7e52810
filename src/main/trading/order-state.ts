import type { OrderStatus } from '../../shared/model/enums';

/**
 * The order state machine. Every status change goes through `transitionOf`; anything not listed here is invalid
 * and is reported and ignored by the order manager, never applied.
 *
 *   submitting -> submitted | partFilled | filled | cancelled | rejected
 *   submitted  -> partFilled | filled | cancelled | rejected
 *   partFilled -> partFilled | filled | cancelled
 *   filled, cancelled, rejected: final
 */
const NEXT: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  submitting: ['submitted', 'partFilled', 'filled', 'cancelled', 'rejected'],
  submitted: ['partFilled', 'filled', 'cancelled', 'rejected'],
  partFilled: ['partFilled', 'filled', 'cancelled'],
  filled: [],
  cancelled: [],
  rejected: [],
};

export type TransitionKind = 'apply' | 'repeat' | 'invalid';

/** 'repeat' is a status reported again (CTP repeats OnRtnOrder), a no-op rather than an error. */
export function transitionOf(from: OrderStatus, to: OrderStatus): TransitionKind {
  if (NEXT[from].includes(to)) return 'apply';
  if (from === to) return 'repeat';
  return 'invalid';
}

export function allowedTransitions(from: OrderStatus): readonly OrderStatus[] {
  return NEXT[from];
}
