import type { PosDirection } from '../../shared/model/enums';
import type { Contract, Position } from '../../shared/model/types';
import { marginRate } from './fees';

/**
 * One side (long or short) of one contract, split into today's and yesterday's lots as Chinese exchanges count them.
 * Costs are kept as sums (price * multiplier * volume), so averages never drift: when a bucket empties its cost is
 * reset to exactly 0.
 *
 * - today's lots: cost at their open prices.
 * - yesterday's lots: cost at their open prices (for 浮动盈亏 and 开仓均价) and at the last settlement price (for
 *   持仓盈亏, margin and 盯市 close P&L), as a broker's mark-to-market statement does.
 */
export class PositionState {
  todayVolume = 0;
  ydVolume = 0;
  frozenToday = 0;
  frozenYd = 0;
  todayCost = 0;
  ydOpenCost = 0;
  ydPositionCost = 0;
  lastPrice = Number.NaN;
  private readonly sign: number;
  private readonly mult: number;

  constructor(
    readonly contract: Contract,
    readonly direction: PosDirection,
  ) {
    this.sign = direction === 'long' ? 1 : -1;
    this.mult = contract.multiplier;
  }

  get volume(): number {
    return this.todayVolume + this.ydVolume;
  }
  get availableToday(): number {
    return this.todayVolume - this.frozenToday;
  }
  get availableYd(): number {
    return this.ydVolume - this.frozenYd;
  }
  get available(): number {
    return this.availableToday + this.availableYd;
  }

  open(price: number, volume: number): void {
    this.todayVolume += volume;
    this.todayCost += price * this.mult * volume;
  }

  /** Closes today's lots at `price`; returns the close P&L (against their open prices). */
  closeToday(price: number, volume: number): number {
    if (volume > this.todayVolume) throw new RangeError(`close today ${volume} > today's position ${this.todayVolume}`);
    const cost = this.todayVolume === volume ? this.todayCost : (this.todayCost / this.todayVolume) * volume;
    this.todayVolume -= volume;
    this.todayCost = this.todayVolume === 0 ? 0 : this.todayCost - cost;
    return this.sign * (price * this.mult * volume - cost);
  }

  /** Closes yesterday's lots at `price`; returns the mark-to-market close P&L (against the last settlement). */
  closeYd(price: number, volume: number): number {
    if (volume > this.ydVolume) throw new RangeError(`close yesterday ${volume} > yesterday's position ${this.ydVolume}`);
    const whole = this.ydVolume === volume;
    const posCost = whole ? this.ydPositionCost : (this.ydPositionCost / this.ydVolume) * volume;
    const openCost = whole ? this.ydOpenCost : (this.ydOpenCost / this.ydVolume) * volume;
    this.ydVolume -= volume;
    this.ydPositionCost = this.ydVolume === 0 ? 0 : this.ydPositionCost - posCost;
    this.ydOpenCost = this.ydVolume === 0 ? 0 : this.ydOpenCost - openCost;
    return this.sign * (price * this.mult * volume - posCost);
  }

  /** 持仓盈亏 at the last price; 0 while no price is known. */
  positionProfit(): number {
    const v = this.volume;
    if (v === 0 || !(this.lastPrice > 0)) return 0;
    return this.sign * (this.lastPrice * this.mult * v - this.todayCost - this.ydPositionCost);
  }

  /** 浮动盈亏 at the last price, against the open prices. */
  floatProfit(): number {
    const v = this.volume;
    if (v === 0 || !(this.lastPrice > 0)) return 0;
    return this.sign * (this.lastPrice * this.mult * v - this.todayCost - this.ydOpenCost);
  }

  /** Margin on the position cost: today's lots at their open price, earlier lots at the last settlement. */
  margin(): number {
    return (this.todayCost + this.ydPositionCost) * marginRate(this.contract, this.direction);
  }

  /** Daily settlement: every lot becomes yesterday's, valued at the settlement price. */
  settle(settlementPrice: number): void {
    this.ydVolume += this.todayVolume;
    this.ydOpenCost += this.todayCost;
    this.todayVolume = 0;
    this.todayCost = 0;
    this.ydPositionCost = settlementPrice * this.mult * this.ydVolume;
    this.frozenToday = 0;
    this.frozenYd = 0;
    if (this.ydVolume === 0) this.ydOpenCost = 0;
    this.lastPrice = settlementPrice;
  }

  snapshot(): Position {
    const v = this.volume;
    const m = this.mult;
    return {
      symbol: this.contract.symbol,
      direction: this.direction,
      volume: v,
      todayVolume: this.todayVolume,
      ydVolume: this.ydVolume,
      frozen: this.frozenToday + this.frozenYd,
      frozenToday: this.frozenToday,
      frozenYd: this.frozenYd,
      avgOpenPrice: v === 0 ? 0 : (this.todayCost + this.ydOpenCost) / (v * m),
      avgPrice: v === 0 ? 0 : (this.todayCost + this.ydPositionCost) / (v * m),
      lastPrice: Number.isNaN(this.lastPrice) ? 0 : this.lastPrice,
      floatProfit: this.floatProfit(),
      positionProfit: this.positionProfit(),
      margin: this.margin(),
      multiplier: m,
    };
  }

  /** Restores a stored position (the inverse of snapshot for the fields that are state). */
  restore(p: Position, ydOpenCost: number, ydPositionCost: number, todayCost: number): void {
    this.todayVolume = p.todayVolume;
    this.ydVolume = p.ydVolume;
    this.todayCost = todayCost;
    this.ydOpenCost = ydOpenCost;
    this.ydPositionCost = ydPositionCost;
    this.lastPrice = p.lastPrice > 0 ? p.lastPrice : Number.NaN;
  }
}
