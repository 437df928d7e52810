import type { Bar } from '../../../shared/model/types';
import type { SessionSpec } from '../../engine/sessions';
import { BarGenerator } from '../bar-generator';

/**
 * A strategy's own bar period, whatever the engine feeds it: bars already of `period` pass straight through, and
 * 1-minute bars are built up into `period` bars by a BarGenerator on the contract's sessions (so a 15-minute bar never
 * spans a session break, and a daily bar starts with the night session). Anything else is a clear error.
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
    if (bar.period !== '1m') {
      throw new Error(`this strategy builds ${this.period} bars from 1-minute bars, but it was given ${bar.period} bars: run it on 1m or ${this.period} data`);
    }
    this.generator ??= new BarGenerator({ symbol: bar.symbol, period: this.period, sessions: this.sessions, onBar: this.onBar });
    this.generator.updateBar(bar);
  }
}
