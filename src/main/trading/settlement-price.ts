import { roundToTick } from '../../shared/model/price';
import type { Contract } from '../../shared/model/types';
import { shanghaiMinuteOfDay } from '../../shared/model/time';
import { dayCloseMinute, type SessionSpec } from '../engine/sessions';

/**
 * A contract's settlement price (结算价) by its exchange's rule, from the day's trades as they come: SHFE, INE, DCE,
 * CZCE and GFEX settle at the day's volume-weighted average price (the night session included), CFFEX at the last
 * hour's (the hour before the day session closes), each rounded to the tick. A CFFEX contract without trades in the
 * last hour settles at the day's average (the exchange steps back an hour at a time: a simplification for days that
 * thin); a contract without trades at all, at its last price.
 */
export class SettlementPrice {
  private readonly lastHourOnly: boolean;
  private readonly lastHourFrom: number;
  private readonly lastHourTo: number;
  private amount = 0;
  private volume = 0;
  private lastHourAmount = 0;
  private lastHourVolume = 0;

  constructor(private readonly contract: Pick<Contract, 'exchange' | 'priceTick'> & SessionSpec) {
    this.lastHourOnly = contract.exchange === 'CFFEX';
    this.lastHourTo = dayCloseMinute(contract);
    this.lastHourFrom = this.lastHourTo - 60;
  }

  /** A trade of `volume` lots at `price` at `time` (epoch ms). */
  add(time: number, price: number, volume: number): void {
    if (!(volume > 0) || !(price > 0)) return;
    this.amount += price * volume;
    this.volume += volume;
    if (this.lastHourOnly) {
      const minute = shanghaiMinuteOfDay(time);
      if (minute >= this.lastHourFrom && minute < this.lastHourTo) {
        this.lastHourAmount += price * volume;
        this.lastHourVolume += volume;
      }
    }
  }

  /** The settlement price of the trades added, or `lastPrice` where none were. */
  price(lastPrice: number): number {
    const [amount, volume] = this.lastHourOnly && this.lastHourVolume > 0 ? [this.lastHourAmount, this.lastHourVolume] : [this.amount, this.volume];
    return volume > 0 ? roundToTick(amount / volume, this.contract.priceTick) : lastPrice;
  }

  /** A new trading day. */
  reset(): void {
    this.amount = 0;
    this.volume = 0;
    this.lastHourAmount = 0;
    this.lastHourVolume = 0;
  }
}
