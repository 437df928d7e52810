import type { Bar } from '../../../shared/model/types';
import type { SessionSpec } from '../../engine/sessions';
import { BarGenerator } from '../bar-generator';

/**
 * A strategy's own bar period, whatever the engine feeds it: bars already of `period` pass straight through, and
 * shorter bars whose period divides it (1m, or 5m for 15m bars) are built up into `period` bars by a BarGenerator on
 * the contract's sessions (so a 15-minute bar never spans a session break, and a daily bar starts with the night
 * session). Anything else is a clear error.
 */
export class PeriodBars {
  private generator: BarGenerator | undefined;

  constructor(
    readonly period: string,
    private readonly sessions: SessionSpec,
    private readonly onBar: (bar: Bar) => void,
  ) {}

  update(bar: Bar): void {
    if (bar.period === this.period) {
      this.onBar(bar);
      return;
    }
    if (this.generator?.from !== bar.period) this.generator = this.generatorFrom(bar);
    this.generator.updateBar(bar);
  }

  private generatorFrom(bar: Bar): BarGenerator {
    try {
      return new BarGenerator({ symbol: bar.symbol, period: this.period, from: bar.period, sessions: this.sessions, onBar: this.onBar });
    } catch {
      throw new Error(
        `this strategy builds ${this.period} bars from ${this.period} bars or shorter ones whose period divides it, but it was given ${bar.period} bars: run it on 1m or ${this.period} data`,
      );
    }
  }
}
