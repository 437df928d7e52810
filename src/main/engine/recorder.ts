import type { StatementBody } from '../../shared/model/statement';
import type { DailyPerformance, Order, StopOrder, Trade } from '../../shared/model/types';
import type { AccountState } from '../trading/portfolio';
import type { PositionState } from '../trading/positions';

/**
 * Where the engine's state changes are kept. Paper and live trading wire the SQLite recorder, which writes each
 * change in one transaction before the engine emits its event; a backtest wires a MemoryRecorder and saves its
 * results once at the end. Persistence is wiring, never a branch in the order manager.
 */
export interface Recorder {
  orderChanged(order: Readonly<Order>): void;
  /** A fill: the order, the trade, the position and the account, together. */
  fill(order: Readonly<Order>, trade: Trade, position: PositionState, account: Readonly<AccountState>): void;
  stopOrderChanged(stop: Readonly<StopOrder>): void;
  /** A daily settlement: the performance row, every position, the account and the day's statement, together. */
  settled(performance: DailyPerformance, positions: readonly PositionState[], account: Readonly<AccountState>, statement: StatementBody): void;
  /** The account changed outside a fill or a settlement (funds moved in or out). */
  accountChanged(account: Readonly<AccountState>): void;
}

/** Keeps trades and daily performance in memory: what a backtest reports from. */
export class MemoryRecorder implements Recorder {
  readonly trades: Trade[] = [];
  readonly daily: DailyPerformance[] = [];
  orderChanged(): void {}
  fill(_order: Readonly<Order>, trade: Trade): void {
    this.trades.push(trade);
  }
  stopOrderChanged(): void {}
  settled(performance: DailyPerformance): void {
    this.daily.push(performance);
  }
  accountChanged(): void {}
}
