import { describe, expect, it } from 'vitest';
import { nurseryMb } from '../../src/main/backtest/nursery';

const GB = 1024 ** 3;

describe('the young generation of backtest threads', () => {
  it('gives a lone backtest 128 MB semi-spaces on an ordinary PC, less on a small one', () => {
    expect(nurseryMb(1, 8 * GB)).toBe(128);
    expect(nurseryMb(1, 16 * GB)).toBe(128);
    expect(nurseryMb(1, 2 * GB)).toBe(64);
  });

  it('shrinks it so that an optimisation on every core keeps within an eighth of the memory', () => {
    // 16 GB over 8 threads: 256 MB each, three semi-spaces of 64 MB fit.
    expect(nurseryMb(8, 16 * GB)).toBe(64);
    // Threads side by side get 64 MB at most, however much memory there is.
    expect(nurseryMb(2, 64 * GB)).toBe(64);
    // 8 GB over 8 threads: 128 MB each, three of 32 MB fit.
    expect(nurseryMb(8, 8 * GB)).toBe(32);
    for (const [threads, memory] of [
      [8, 8 * GB],
      [4, 4 * GB],
      [16, 32 * GB],
    ] as const) {
      expect(threads * 3 * nurseryMb(threads, memory) * 1024 ** 2).toBeLessThanOrEqual(memory / 8);
    }
  });

  it('never gives less than V8 gives a thread by itself', () => {
    expect(nurseryMb(64, 4 * GB)).toBe(16);
  });
});
