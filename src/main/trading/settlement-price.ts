import { roundToTick } from '../../shared/model/price';
import type { Contract } from '../../shared/model/types';
import { shanghaiMinuteOfDay } from '../../shared/model/time';
import { dayCloseMinute, type SessionSpec } from '../engine/sessions';

/**
 * A contract's settlement price (结算价) by its exchange's rule, from the day's trades as they come: SHFE, INE, DCE,
 * CZCE and GFEX settle at the day's volume-weighted average price (the night session included), CFFEX at the last
 * hour's (the hour before the day session closes; without trades in it, the hour before that, and so on back), each
 * rounded to the tick; a contract without trades at all settles at its last price.
 */
export class SettlementPrice {
  /** CFFEX: the day in hours counted back from the close (0: the last hour), each hour's amount and volume. */
  private readonly byHour: { amount: number; volume: number }[] | undefined;
  private readonly close: number;
  private amount = 0;
  private volume = 0;

  constructor(private readonly contract: Pick<Contract, 'exchange' | 'priceTick'> & SessionSpec) {
    this.close = dayCloseMinute(contract);
    this.byHour = contract.exchange === 'CFFEX' ? Array.from({ length: Math.ceil(this.close / 60) }, () => ({ amount: 0, volume: 0 })) : undefined;
  }

  /** A trade of `volume` lots at `price` at `time` (epoch ms). */
  add(time: number, price: number, volume: number): void {
    if (!(volume > 0) || !(price > 0)) return;
    this.amount += price * volume;
    this.volume += volume;
    const hours = this.byHour;
    if (hours !== undefined) {
      const hour = hours[Math.floor((this.close - 1 - shanghaiMinuteOfDay(time)) / 60)];
      if (hour !== undefined) {
        hour.amount += price * volume;
        hour.volume += volume;
      }
    }
  }

  /** The settlement price of the trades added, or `lastPrice` where none were. */
  price(lastPrice: number): number {
    const hour = this.byHour?.find((h) => h.volume > 0);
    const [amount, volume] = hour !== undefined ? [hour.amount, hour.volume] : [this.amount, this.volume];
    return volume > 0 ? roundToTick(amount / volume, this.contract.priceTick) : lastPrice;
  }

  /** A new trading day. */
  reset(): void {
    this.amount = 0;
    this.volume = 0;
    for (const h of this.byHour ?? []) {
      h.amount = 0;
      h.volume = 0;
    }
  }
}
