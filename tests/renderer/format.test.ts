// Figures as the report and the optimiser's summary write them.
import { describe, expect, it } from 'vitest';
import { fmtSeconds } from '../../src/renderer/src/i18n/format';

describe('run times', () => {
  it('reads a short backtest in hundredths of a second, a long one in tenths, and never as 0', () => {
    expect([fmtSeconds(43.6), fmtSeconds(3), fmtSeconds(999), fmtSeconds(1000), fmtSeconds(12_345)]).toEqual(['0.04', '0.01', '1.00', '1.0', '12.3']);
  });
});
