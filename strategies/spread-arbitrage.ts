import { Bollinger, Strategy, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * 跨品种/跨期价差套利 Spread mean reversion between two contracts (the first and second contract of the instance).
 *
 * On each minute both contracts have a bar for, the spread is price1 - price2 ('difference', for calendar spreads) or
 * price1 / price2 ('ratio', across products), and its z-score is (spread - mean) / standard deviation over `window`
 * minutes. Flat: z above `entryZ` sells the spread (short `lots1` of the first, buy `lots2` of the second); z below
 * -`entryZ` buys it. The spread is closed, both legs together, once |z| is back under `exitZ`. Orders are market orders
 * filled at the next bar's open.
 */
export default class SpreadArbitrage extends Strategy<{ mode: string; window: number; entryZ: number; exitZ: number; lots1: number; lots2: number }> {
  static override meta = {
    name: { zh: '价差套利', en: 'Spread arbitrage' },
    description: { zh: '两个合约价差的 Z 值偏离时反向建仓，回归时平仓', en: 'Trade the z-score of the spread between two contracts back to its mean' },
    symbols: 2,
  };
  static override params: readonly ParamSpec[] = [
    { name: 'mode', type: 'enum', default: 'difference', options: ['difference', 'ratio'], label: { zh: '价差算法', en: 'Spread as' } },
    { name: 'window', type: 'int', default: 120, min: 10, max: 5000, step: 10, label: { zh: '均值窗口', en: 'Mean window' } },
    { name: 'entryZ', type: 'float', default: 2, min: 0.5, max: 5, step: 0.1, label: { zh: '开仓 Z 值', en: 'Entry z-score' } },
    { name: 'exitZ', type: 'float', default: 0.5, min: 0, max: 3, step: 0.1, label: { zh: '平仓 Z 值', en: 'Exit z-score' } },
    { name: 'lots1', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '第一腿手数', en: 'Leg 1 lots' } },
    { name: 'lots2', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '第二腿手数', en: 'Leg 2 lots' } },
  ];

  private spread!: Bollinger;
  private last1: Bar | undefined;
  private last2: Bar | undefined;
  /** +1 long the spread, -1 short it, 0 flat. */
  private side = 0;

  override onInit(): void {
    const p = this.params;
    if (p.exitZ >= p.entryZ) throw new RangeError(`the exit z-score (${p.exitZ}) must be below the entry z-score (${p.entryZ})`);
    this.spread = new Bollinger(p.window, 1);
  }

  override onBar(bar: Bar): void {
    const [first, second] = this.symbols;
    if (bar.symbol === first) this.last1 = bar;
    else if (bar.symbol === second) this.last2 = bar;
    const a = this.last1;
    const b = this.last2;
    if (a === undefined || b === undefined || a.time !== b.time) return;
    const { mode, entryZ, exitZ, lots1, lots2 } = this.params;
    const value = mode === 'ratio' ? a.close / b.close : a.close - b.close;
    this.spread.update(value);
    if (!this.spread.ready || this.spread.std === 0) return;
    const z = (value - this.spread.middle) / this.spread.std;
    let side = this.side;
    if (side === 0 && z > entryZ) side = -1;
    else if (side === 0 && z < -entryZ) side = 1;
    else if (side !== 0 && Math.abs(z) < exitZ) side = 0;
    if (side === this.side) return;
    this.side = side;
    this.setTarget(side * lots1, a.close, { type: 'market', symbol: first! });
    this.setTarget(-side * lots2, b.close, { type: 'market', symbol: second! });
  }
}
