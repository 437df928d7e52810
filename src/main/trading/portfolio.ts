import type { Offset, PosDirection } from '../../shared/model/enums';
import { positionDirectionOf } from '../../shared/model/enums';
import type { Account, Contract, Order, Position } from '../../shared/model/types';
import { commissionOf, marginOf } from './fees';
import { LiveIndex } from './live-index';
import { removeItem } from './lists';
import { PositionState } from './positions';

export interface PositionPair {
  readonly long: PositionState;
  readonly short: PositionState;
}

/**
 * What the last fill did to the money. One object, written by each fill and read at once by the engine: a backtest
 * books hundreds of thousands of fills, and a new object for each is garbage the moment it is read.
 */
export interface FillEffect {
  commission: number;
  closeProfit: number;
}

/** The money and position volume a working order holds back, released as it fills or ends. */
interface Freeze {
  /** The order's id. */
  readonly id: string;
  readonly contract: Contract;
  /** Per lot, for opening orders. */
  readonly marginPerLot: number;
  readonly commissionPerLot: number;
  /** For closing orders: the position closed, and the lots still held back from its yesterday's and today's. */
  readonly position: PositionState | undefined;
  yd: number;
  today: number;
  remaining: number;
}

export interface AccountState {
  accountId: string;
  tradingDay: number;
  preBalance: number;
  deposit: number;
  withdraw: number;
  closeProfit: number;
  commission: number;
  frozenMargin: number;
  frozenCommission: number;
  /** The highest end-of-day balance so far, for drawdown. */
  maxBalance: number;
}

/**
 * Positions and the account of one trading account: every fill, freeze and settlement goes through here, so that
 * 动态权益 = 静态权益 + 平仓盈亏 + 持仓盈亏 - 手续费 and 可用 = 动态权益 - 保证金 - 冻结 hold after any sequence.
 */
export class Portfolio {
  readonly positions = new Map<string, PositionPair>();
  /** The same pairs as a list: the account's sums walk it on every opening order's margin check. */
  private readonly pairs: PositionPair[] = [];
  /** The pair `mark` or `pair` found last: bars, ticks and orders of one contract come one after another. */
  private markSymbol = '';
  private markPair: PositionPair | undefined;
  /** What each working order holds back, by order id. */
  private readonly freezes = new LiveIndex<Freeze>();
  readonly account: AccountState;

  constructor(accountId: string, initialBalance: number, tradingDay = 0) {
    this.account = {
      accountId,
      tradingDay,
      preBalance: initialBalance,
      deposit: 0,
      withdraw: 0,
      closeProfit: 0,
      commission: 0,
      frozenMargin: 0,
      frozenCommission: 0,
      maxBalance: initialBalance,
    };
  }

  pair(contract: Contract): PositionPair {
    if (contract.symbol === this.markSymbol && this.markPair !== undefined) return this.markPair;
    let p = this.positions.get(contract.symbol);
    if (p === undefined) {
      p = { long: new PositionState(contract, 'long'), short: new PositionState(contract, 'short') };
      this.positions.set(contract.symbol, p);
      this.pairs.push(p);
    }
    this.markSymbol = contract.symbol;
    this.markPair = p;
    return p;
  }

  /** Both sides of a contract, if it has been traded since the last settlement that found it flat. */
  find(symbol: string): PositionPair | undefined {
    if (symbol !== this.markSymbol) {
      this.markPair = this.positions.get(symbol);
      this.markSymbol = symbol;
    }
    return this.markPair;
  }

  position(contract: Contract, direction: PosDirection): PositionState {
    const p = this.pair(contract);
    return direction === 'long' ? p.long : p.short;
  }

  /** Sets the last price of both sides of a contract (the hot path of every tick and bar). */
  mark(symbol: string, price: number): void {
    const p = this.find(symbol);
    if (p !== undefined) {
      p.long.lastPrice = price;
      p.short.lastPrice = price;
    }
  }

  /**
   * Holds back what a new working order needs: margin and commission for an open, position volume for a close.
   * `marginPrice` is the price the margin is reckoned at (the limit price, or the limit-up/down price for a market
   * order). A close of type 'close' holds yesterday's lots first, as the exchanges close first-in, first-out.
   */
  freeze(order: Order, contract: Contract, marginPrice: number, volume = order.volume): void {
    if (order.offset === 'open') {
      const direction = positionDirectionOf(order.side, 'open');
      const marginPerLot = marginOf(contract, direction, marginPrice, 1);
      const commissionPerLot = commissionOf(contract, 'open', marginPrice, 1);
      this.hold({ id: order.id, contract, marginPerLot, commissionPerLot, position: undefined, yd: 0, today: 0, remaining: volume });
      this.account.frozenMargin += marginPerLot * volume;
      this.account.frozenCommission += commissionPerLot * volume;
      return;
    }
    const pos = this.position(contract, positionDirectionOf(order.side, order.offset));
    const yd = ydOfClose(order.offset, volume, pos.availableYd);
    const today = volume - yd;
    pos.frozenYd += yd;
    pos.frozenToday += today;
    this.hold({ id: order.id, contract, marginPerLot: 0, commissionPerLot: 0, position: pos, yd, today, remaining: volume });
  }

  private hold(f: Freeze): void {
    if (f.remaining > 0) this.freezes.add(f);
  }

  /** Releases what an order still holds (it was cancelled, rejected or expired). */
  release(orderId: string): void {
    const f = this.freezes.get(orderId);
    if (f === undefined) return;
    this.account.frozenMargin -= f.marginPerLot * f.remaining;
    this.account.frozenCommission -= f.commissionPerLot * f.remaining;
    if (f.position !== undefined) {
      f.position.frozenYd -= f.yd;
      f.position.frozenToday -= f.today;
    }
    this.freezes.remove(f);
    if (Math.abs(this.account.frozenMargin) < 1e-6) this.account.frozenMargin = 0;
    if (Math.abs(this.account.frozenCommission) < 1e-6) this.account.frozenCommission = 0;
  }

  /** What the last fill cost and earned (see FillEffect). */
  readonly lastFill: FillEffect = { commission: 0, closeProfit: 0 };

  /**
   * Applies a fill of `volume` lots of `order` at `price` to positions and the account; returns the position it
   * changed (its commission and closed profit are in `lastFill`).
   */
  fill(order: Order, contract: Contract, price: number, volume: number): PositionState {
    const a = this.account;
    const f = this.freezes.get(order.id);
    if (order.offset === 'open') {
      const pos = this.position(contract, positionDirectionOf(order.side, 'open'));
      pos.open(price, volume);
      if (pos.lastPrice !== pos.lastPrice) pos.lastPrice = price;
      const commission = commissionOf(contract, 'open', price, volume);
      a.commission += commission;
      if (f !== undefined) {
        const n = Math.min(volume, f.remaining);
        f.remaining -= n;
        a.frozenMargin -= f.marginPerLot * n;
        a.frozenCommission -= f.commissionPerLot * n;
        if (f.remaining === 0) this.freezes.remove(f);
      }
      this.lastFill.commission = commission;
      this.lastFill.closeProfit = 0;
      return pos;
    }
    const pos = this.position(contract, positionDirectionOf(order.side, order.offset));
    // Which lots this fill closes: the order's frozen split, yesterday's first.
    let yd: number;
    let today: number;
    if (f !== undefined) {
      yd = Math.min(volume, f.yd);
      today = volume - yd;
      f.yd -= yd;
      f.today -= today;
      f.remaining -= volume;
      pos.frozenYd -= yd;
      pos.frozenToday -= today;
      if (f.remaining <= 0) this.freezes.remove(f);
    } else {
      yd = ydOfClose(order.offset, volume, pos.ydVolume);
      today = volume - yd;
    }
    let closeProfit = 0;
    let commission = 0;
    if (yd > 0) {
      closeProfit += pos.closeYd(price, yd);
      commission += commissionOf(contract, 'close', price, yd);
    }
    if (today > 0) {
      closeProfit += pos.closeToday(price, today);
      commission += commissionOf(contract, 'closeToday', price, today);
    }
    a.closeProfit += closeProfit;
    a.commission += commission;
    this.lastFill.commission = commission;
    this.lastFill.closeProfit = closeProfit;
    return pos;
  }

  positionProfit(): number {
    const pairs = this.pairs;
    let s = 0;
    for (let i = 0; i < pairs.length; i++) {
      const p = pairs[i]!;
      s += p.long.positionProfit() + p.short.positionProfit();
    }
    return s;
  }

  floatProfit(): number {
    const pairs = this.pairs;
    let s = 0;
    for (let i = 0; i < pairs.length; i++) {
      const p = pairs[i]!;
      s += p.long.floatProfit() + p.short.floatProfit();
    }
    return s;
  }

  margin(): number {
    const pairs = this.pairs;
    let s = 0;
    for (let i = 0; i < pairs.length; i++) {
      const p = pairs[i]!;
      s += p.long.margin() + p.short.margin();
    }
    return s;
  }

  /**
   * Funds in (amount > 0, 入金) or out (出金): the static balance moves by the amount, and so does the peak the
   * drawdown is measured from, as money moved is not a gain or a loss.
   */
  transfer(amount: number): void {
    const a = this.account;
    if (amount > 0) a.deposit += amount;
    else a.withdraw -= amount;
    a.maxBalance += amount;
  }

  staticBalance(): number {
    const a = this.account;
    return a.preBalance + a.deposit - a.withdraw;
  }

  balance(): number {
    const a = this.account;
    return this.staticBalance() + a.closeProfit + this.positionProfit() - a.commission;
  }

  available(): number {
    const a = this.account;
    return this.balance() - this.margin() - a.frozenMargin - a.frozenCommission;
  }

  snapshotAccount(): Account {
    const a = this.account;
    const positionProfit = this.positionProfit();
    const staticBalance = this.staticBalance();
    const balance = staticBalance + a.closeProfit + positionProfit - a.commission;
    const margin = this.margin();
    return {
      accountId: a.accountId,
      tradingDay: a.tradingDay,
      preBalance: a.preBalance,
      deposit: a.deposit,
      withdraw: a.withdraw,
      staticBalance,
      closeProfit: a.closeProfit,
      positionProfit,
      floatProfit: this.floatProfit(),
      commission: a.commission,
      balance,
      margin,
      frozenMargin: a.frozenMargin,
      frozenCommission: a.frozenCommission,
      available: balance - margin - a.frozenMargin - a.frozenCommission,
      riskRatio: balance > 0 ? margin / balance : 0,
    };
  }

  /** Positions with lots, or frozen lots, in them. */
  openPositions(): Position[] {
    const out: Position[] = [];
    for (const p of this.positions.values()) {
      if (p.long.volume > 0) out.push(p.long.snapshot());
      if (p.short.volume > 0) out.push(p.short.snapshot());
    }
    return out;
  }

  /**
   * Daily settlement: positions are marked to their settlement prices and become yesterday's lots, the day's P&L
   * goes into the balance, which becomes the next day's 上日权益.
   * Returns the balance carried over.
   */
  settle(settlementPrices: ReadonlyMap<string, number>, nextTradingDay: number): number {
    const balance = this.balance();
    for (const [symbol, p] of this.positions) {
      if (p.long.volume === 0 && p.short.volume === 0) {
        this.positions.delete(symbol);
        removeItem(this.pairs, p);
        this.markSymbol = '';
        this.markPair = undefined;
        continue;
      }
      const price = settlementPrices.get(symbol) ?? p.long.lastPrice;
      p.long.settle(price);
      p.short.settle(price);
    }
    this.freezes.clear();
    const a = this.account;
    a.preBalance = balance;
    a.deposit = 0;
    a.withdraw = 0;
    a.closeProfit = 0;
    a.commission = 0;
    a.frozenMargin = 0;
    a.frozenCommission = 0;
    a.tradingDay = nextTradingDay;
    if (balance > a.maxBalance) a.maxBalance = balance;
    return balance;
  }
}

/** How many of a close's `volume` lots are yesterday's (those go first; the rest are today's). */
function ydOfClose(offset: Offset, volume: number, ydAvailable: number): number {
  if (offset === 'closeToday') return 0;
  if (offset === 'closeYesterday') return volume;
  return Math.min(volume, Math.max(0, ydAvailable));
}
