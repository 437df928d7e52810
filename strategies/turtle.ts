import { ATR, Donchian, PeriodBars, Strategy, ceilToTick, floorToTick, type Bar, type ParamSpec, type Trade } from '@qihuo/strategy';

/**
 * 海龟 Turtle (Donchian breakout with pyramiding; vnpy's TurtleSignalStrategy), on `barPeriod` bars.
 *
 * Flat: the entry channel is the `entryWindow`-bar Donchian channel and N the `atrWindow`-bar ATR, both frozen while a
 * position is held. Buy stops at the upper band and at +0.5N, +1N, +1.5N above it add one unit each (`lots` lots, at
 * most `maxUnits` units); short stops mirror them under the lower band. Only the side whose band is nearer the close
 * is armed, so one wide bar cannot open both ways. Long: a sell stop at the higher of the `exitWindow`-bar low and
 * the last entry price minus 2N closes everything; short: the mirror.
 */
export default class Turtle extends Strategy<{ barPeriod: string; entryWindow: number; exitWindow: number; atrWindow: number; maxUnits: number; lots: number }> {
  static override meta = {
    name: { zh: '海龟交易', en: 'Turtle' },
    description: { zh: '唐奇安通道突破入场、按 ATR 加仓、短通道或 2N 止损出场', en: 'Donchian breakout, ATR pyramiding, short-channel or 2N stop exit' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'barPeriod', type: 'enum', default: '1h', options: ['1m', '5m', '15m', '30m', '1h', '1d'], label: { zh: 'K线周期', en: 'Bar period' } },
    { name: 'entryWindow', type: 'int', default: 20, min: 2, max: 200, step: 1, label: { zh: '入场通道周期', en: 'Entry channel' } },
    { name: 'exitWindow', type: 'int', default: 10, min: 2, max: 200, step: 1, label: { zh: '出场通道周期', en: 'Exit channel' } },
    { name: 'atrWindow', type: 'int', default: 20, min: 2, max: 200, step: 1, label: { zh: 'ATR(N) 周期', en: 'ATR (N) window' } },
    { name: 'maxUnits', type: 'int', default: 4, min: 1, max: 10, step: 1, label: { zh: '最多单位数', en: 'Max units' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每单位手数', en: 'Lots per unit' } },
  ];

  private bars!: PeriodBars;
  private entry!: Donchian;
  private exit!: Donchian;
  private atr!: ATR;
  private entryUp = Number.NaN;
  private entryDown = Number.NaN;
  private n = Number.NaN;
  private longStop = Number.NaN;
  private shortStop = Number.NaN;

  override onInit(): void {
    const p = this.params;
    this.entry = new Donchian(p.entryWindow);
    this.exit = new Donchian(p.exitWindow);
    this.atr = new ATR(p.atrWindow);
    this.bars = new PeriodBars(p.barPeriod, this.contract(), (bar) => this.onPeriodBar(bar));
  }

  override onBar(bar: Bar): void {
    this.bars.update(bar);
  }

  private onPeriodBar(bar: Bar): void {
    this.cancelAll();
    this.entry.update(bar);
    this.exit.update(bar);
    this.atr.update(bar);
    if (!this.entry.ready || !this.exit.ready || !this.atr.ready) return;
    const tick = this.contract().priceTick;
    const pos = this.pos();
    if (pos === 0) {
      this.entryUp = this.entry.upper;
      this.entryDown = this.entry.lower;
      this.n = this.atr.value;
      if (this.entryUp - bar.close <= bar.close - this.entryDown) this.sendUnits(1, this.entryUp, 0);
      else this.sendUnits(-1, this.entryDown, 0);
    } else if (pos > 0) {
      this.sendUnits(1, this.entryUp, pos);
      this.sell(floorToTick(Math.max(this.longStop, this.exit.lower), tick), pos, STOP);
    } else {
      this.sendUnits(-1, this.entryDown, -pos);
      this.cover(ceilToTick(Math.min(this.shortStop, this.exit.upper), tick), -pos, STOP);
    }
  }

  /** Stops for the units not yet held, at the band and every half N beyond it. */
  private sendUnits(side: 1 | -1, band: number, held: number): void {
    const { lots, maxUnits } = this.params;
    const tick = this.contract().priceTick;
    for (let unit = Math.floor(held / lots); unit < maxUnits; unit++) {
      const level = band + side * unit * 0.5 * this.n;
      if (side > 0) this.buy(ceilToTick(level, tick), lots, STOP);
      else this.short(floorToTick(level, tick), lots, STOP);
    }
  }

  override onTrade(trade: Trade): void {
    if (trade.offset !== 'open') return;
    if (trade.side === 'buy') this.longStop = trade.price - 2 * this.n;
    else this.shortStop = trade.price + 2 * this.n;
  }
}

const STOP = { stop: true } as const;
