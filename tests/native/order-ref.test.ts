// OrderRefs: growing within a session as CTP requires, and never given twice in a day, across re-logins and restarts.
import { describe, expect, it } from 'vitest';
import { OrderRefAllocator } from '../../src/main/gateway/ctp/order-ref';

describe('OrderRef allocation', () => {
  it('continues above the front\'s MaxOrderRef, the clock and every earlier ref, session after session', () => {
    let clock = 1_700_000_000 * 100;
    const refs = new OrderRefAllocator(() => clock);
    refs.startSession('1');
    const first = [refs.next(), refs.next(), refs.next()].map(Number);
    expect(first).toEqual([clock + 1, clock + 2, clock + 3]);
    // A re-login: the front restarts MaxOrderRef, the clock has hardly moved.
    refs.startSession('1');
    const second = Number(refs.next());
    expect(second).toBeGreaterThan(first[2]!);
    // A front that remembers a larger MaxOrderRef wins.
    refs.startSession(String(second + 1000));
    expect(Number(refs.next())).toBe(second + 1001);
    // A restart of the app a second later: a new allocator starts from the clock, above everything given before.
    clock += 100;
    const restarted = new OrderRefAllocator(() => clock);
    restarted.startSession('1');
    expect(Number(restarted.next())).toBeGreaterThan(first[2]!);
    expect(refs.next()).toMatch(/^\d{1,12}$/);
  });
});
