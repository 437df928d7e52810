import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, type OrderStatus } from '../../src/shared/model/enums';
import { transitionOf } from '../../src/main/trading/order-state';

// The whole table, written out: each row is a status an order can be in, each entry what may follow it.
const VALID: Record<OrderStatus, OrderStatus[]> = {
  submitting: ['submitted', 'partFilled', 'filled', 'cancelled', 'rejected'],
  submitted: ['partFilled', 'filled', 'cancelled', 'rejected'],
  partFilled: ['partFilled', 'filled', 'cancelled'],
  filled: [],
  cancelled: [],
  rejected: [],
};

describe('order state machine', () => {
  for (const from of ORDER_STATUSES) {
    for (const to of ORDER_STATUSES) {
      const valid = VALID[from].includes(to);
      const expected = valid ? 'apply' : from === to ? 'repeat' : 'invalid';
      it(`${from} -> ${to} is ${expected}`, () => {
        expect(transitionOf(from, to)).toBe(expected);
      });
    }
  }

  it('no final status has a way out', () => {
    for (const s of ['filled', 'cancelled', 'rejected'] as const) {
      for (const to of ORDER_STATUSES) expect(transitionOf(s, to)).not.toBe('apply');
    }
  });
});
