import type { StatementBody } from '../../shared/model/statement';
import type { DailyPerformance, Order, Position, StopOrder, Trade } from '../../shared/model/types';
import type { Recorder } from '../engine/recorder';
import type { RestoredState } from '../engine/trading-engine';
import type { AccountState } from '../trading/portfolio';
import type { PositionState } from '../trading/positions';
import type { Db } from './db';

interface OrderRow {
  order_id: string;
  symbol: string;
  side: Order['side'];
  offset: Order['offset'];
  type: Order['type'];
  price: number;
  volume: number;
  filled_volume: number;
  avg_price: number;
  status: Order['status'];
  status_msg: string;
  status_reason: string | null;
  source: string;
  gateway_order_id: string;
  parent_id: string | null;
  reference: string | null;
  stop_price: number | null;
  trading_day: number;
  create_time: number;
  update_time: number;
}

interface TradeRow {
  trade_id: string;
  order_id: string;
  symbol: string;
  side: Trade['side'];
  offset: Trade['offset'];
  price: number;
  volume: number;
  commission: number;
  close_profit: number;
  trade_time: number;
  trading_day: number;
  source: string;
}

/** A day's stored statements (see StatementView), the terminal's own with the day's fills. */
export interface StoredStatement {
  readonly days: readonly number[];
  readonly tradingDay?: number;
  readonly body?: StatementBody;
  readonly trades?: readonly Trade[];
  readonly brokerText?: string;
}

/**
 * The engine's SQLite recorder for one account: every order change, fill and settlement is written in one
 * transaction before the engine emits its event, so what a client was told is on disk.
 */
export class SqliteTradingStore implements Recorder {
  private readonly upsertOrder;
  private readonly insertTrade;
  private readonly upsertPosition;
  private readonly upsertAccount;
  private readonly insertPerformance;
  private readonly upsertStop;
  private readonly upsertQuote;
  private readonly upsertStatement;
  private readonly upsertBrokerStatement;
  private readonly fillTx;
  private readonly settleTx;

  constructor(
    private readonly db: Db,
    readonly accountId: string,
  ) {
    this.upsertOrder = db.prepare(`
      INSERT INTO "order" (account_id, order_id, symbol, side, offset, type, price, volume, filled_volume, avg_price, status,
        status_msg, status_reason, source, gateway_order_id, parent_id, reference, stop_price, trading_day, create_time, update_time)
      VALUES (@account_id, @order_id, @symbol, @side, @offset, @type, @price, @volume, @filled_volume, @avg_price, @status,
        @status_msg, @status_reason, @source, @gateway_order_id, @parent_id, @reference, @stop_price, @trading_day, @create_time, @update_time)
      ON CONFLICT (account_id, order_id) DO UPDATE SET filled_volume = excluded.filled_volume, avg_price = excluded.avg_price,
        status = excluded.status, status_msg = excluded.status_msg, status_reason = excluded.status_reason,
        gateway_order_id = excluded.gateway_order_id, update_time = excluded.update_time`);
    this.insertTrade = db.prepare(`
      INSERT INTO trade (account_id, trade_id, order_id, symbol, side, offset, price, volume, commission, close_profit, trade_time, trading_day, source)
      VALUES (@account_id, @trade_id, @order_id, @symbol, @side, @offset, @price, @volume, @commission, @close_profit, @trade_time, @trading_day, @source)`);
    this.upsertPosition = db.prepare(`
      INSERT INTO position (account_id, symbol, direction, volume, today_volume, yd_volume, today_cost, yd_open_cost, yd_position_cost, last_price, update_time)
      VALUES (@account_id, @symbol, @direction, @volume, @today_volume, @yd_volume, @today_cost, @yd_open_cost, @yd_position_cost, @last_price, @update_time)
      ON CONFLICT (account_id, symbol, direction) DO UPDATE SET volume = excluded.volume, today_volume = excluded.today_volume,
        yd_volume = excluded.yd_volume, today_cost = excluded.today_cost, yd_open_cost = excluded.yd_open_cost,
        yd_position_cost = excluded.yd_position_cost, last_price = excluded.last_price, update_time = excluded.update_time`);
    this.upsertAccount = db.prepare(`
      INSERT INTO account (account_id, trading_day, pre_balance, deposit, withdraw, close_profit, commission, max_balance, update_time)
      VALUES (@account_id, @trading_day, @pre_balance, @deposit, @withdraw, @close_profit, @commission, @max_balance, @update_time)
      ON CONFLICT (account_id) DO UPDATE SET trading_day = excluded.trading_day, pre_balance = excluded.pre_balance,
        deposit = excluded.deposit, withdraw = excluded.withdraw, close_profit = excluded.close_profit,
        commission = excluded.commission, max_balance = excluded.max_balance, update_time = excluded.update_time`);
    this.insertPerformance = db.prepare(`
      INSERT OR REPLACE INTO performance (account_id, strategy, date, pre_balance, equity, daily_pnl, close_profit, position_profit,
        commission, daily_return, drawdown, max_equity, trade_count, turnover)
      VALUES (@account_id, '', @date, @pre_balance, @equity, @daily_pnl, @close_profit, @position_profit, @commission,
        @daily_return, @drawdown, @max_equity, @trade_count, @turnover)`);
    this.upsertStop = db.prepare(`
      INSERT INTO stop_order (account_id, stop_id, symbol, status, body) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (account_id, stop_id) DO UPDATE SET status = excluded.status, body = excluded.body`);
    this.upsertQuote = db.prepare(`
      INSERT INTO quote_state (account_id, symbol, last, pre_settlement) VALUES (?, ?, ?, ?)
      ON CONFLICT (account_id, symbol) DO UPDATE SET last = excluded.last, pre_settlement = excluded.pre_settlement`);
    this.upsertStatement = db.prepare(`
      INSERT INTO settlement_statement (account_id, trading_day, body) VALUES (?, ?, ?)
      ON CONFLICT (account_id, trading_day) DO UPDATE SET body = excluded.body`);
    this.upsertBrokerStatement = db.prepare(`
      INSERT INTO settlement_statement (account_id, trading_day, broker_text) VALUES (?, ?, ?)
      ON CONFLICT (account_id, trading_day) DO UPDATE SET broker_text = excluded.broker_text`);
    this.fillTx = db.transaction((order: Readonly<Order>, trade: Trade, position: PositionState, account: Readonly<AccountState>) => {
      this.writeOrder(order);
      this.insertTrade.run(tradeRow(this.accountId, trade));
      this.writePosition(position, trade.time);
      this.writeAccount(account, trade.time);
    });
    this.settleTx = db.transaction((perf: DailyPerformance, positions: readonly PositionState[], account: Readonly<AccountState>, statement: StatementBody) => {
      const now = Date.now();
      this.upsertStatement.run(this.accountId, statement.tradingDay, JSON.stringify(statement));
      this.insertPerformance.run({
        account_id: this.accountId,
        date: perf.tradingDay,
        pre_balance: perf.preBalance,
        equity: perf.balance,
        daily_pnl: perf.netPnl,
        close_profit: perf.closeProfit,
        position_profit: perf.positionProfit,
        commission: perf.commission,
        daily_return: perf.dailyReturn,
        drawdown: perf.drawdown,
        max_equity: perf.maxBalance,
        trade_count: perf.tradeCount,
        turnover: perf.turnover,
      });
      for (const p of positions) {
        this.writePosition(p, now);
        if (p.direction === 'long') this.upsertQuote.run(this.accountId, p.contract.symbol, p.lastPrice > 0 ? p.lastPrice : null, p.lastPrice > 0 ? p.lastPrice : null);
      }
      this.writeAccount(account, now);
    });
  }

  /** Ensures the account row exists (a new profile starts with its initial balance on disk). */
  initAccount(account: Readonly<AccountState>): void {
    this.writeAccount(account, Date.now());
  }

  orderChanged(order: Readonly<Order>): void {
    this.writeOrder(order);
  }

  fill(order: Readonly<Order>, trade: Trade, position: PositionState, account: Readonly<AccountState>): void {
    this.fillTx(order, trade, position, account);
  }

  stopOrderChanged(stop: Readonly<StopOrder>): void {
    this.upsertStop.run(this.accountId, stop.id, stop.symbol, stop.status, JSON.stringify(stop));
  }

  /** Positions set from outside a fill (a broker's correction), with the account, in one transaction. */
  positionsChanged(positions: readonly PositionState[], account: Readonly<AccountState>): void {
    this.db.transaction(() => {
      const now = Date.now();
      for (const p of positions) this.writePosition(p, now);
      this.writeAccount(account, now);
    })();
  }

  accountChanged(account: Readonly<AccountState>): void {
    this.writeAccount(account, Date.now());
  }

  settled(performance: DailyPerformance, positions: readonly PositionState[], account: Readonly<AccountState>, statement: StatementBody): void {
    this.settleTx(performance, positions, account, statement);
  }

  /** A live account's settlement statement as its broker sent it (kept beside the terminal's own for that day). */
  saveBrokerStatement(tradingDay: number, text: string): void {
    this.upsertBrokerStatement.run(this.accountId, tradingDay, text);
  }

  /**
   * The 结算单 of a trading day (the newest when none is given) with the day's fills, and the days that have one.
   * A stored body that no longer parses is an error that names the day, not a blank statement.
   */
  statement(tradingDay?: number): StoredStatement {
    const days = (this.db.prepare('SELECT trading_day FROM settlement_statement WHERE account_id = ? ORDER BY trading_day DESC').all(this.accountId) as {
      trading_day: number;
    }[]).map((r) => r.trading_day);
    const day = tradingDay ?? days[0];
    if (day === undefined) return { days };
    const row = this.db.prepare('SELECT body, broker_text FROM settlement_statement WHERE account_id = ? AND trading_day = ?').get(this.accountId, day) as
      | { body: string | null; broker_text: string | null }
      | undefined;
    if (row === undefined) return { days };
    let body: StatementBody | undefined;
    if (row.body !== null) {
      try {
        body = JSON.parse(row.body) as StatementBody;
      } catch (e) {
        throw new Error(`the stored settlement statement of ${day} is damaged: ${(e as Error).message}`);
      }
    }
    const trades = (this.db.prepare('SELECT * FROM trade WHERE account_id = ? AND trading_day = ? ORDER BY id').all(this.accountId, day) as TradeRow[]).map(tradeFromRow);
    return {
      days,
      tradingDay: day,
      ...(body !== undefined ? { body, trades } : {}),
      ...(row.broker_text !== null ? { brokerText: row.broker_text } : {}),
    };
  }

  private writeOrder(o: Readonly<Order>): void {
    this.upsertOrder.run({
      account_id: this.accountId,
      order_id: o.id,
      symbol: o.symbol,
      side: o.side,
      offset: o.offset,
      type: o.type,
      price: o.price,
      volume: o.volume,
      filled_volume: o.traded,
      avg_price: o.avgPrice,
      status: o.status,
      status_msg: o.statusMsg,
      status_reason: o.statusReason === undefined ? null : JSON.stringify(o.statusReason),
      source: o.source,
      gateway_order_id: o.gatewayOrderId,
      parent_id: o.parentId ?? null,
      reference: o.reference ?? null,
      stop_price: o.stopPrice ?? null,
      trading_day: o.tradingDay,
      create_time: o.createdAt,
      update_time: o.updatedAt,
    });
  }

  private writePosition(p: PositionState, time: number): void {
    this.upsertPosition.run({
      account_id: this.accountId,
      symbol: p.contract.symbol,
      direction: p.direction,
      volume: p.volume,
      today_volume: p.todayVolume,
      yd_volume: p.ydVolume,
      today_cost: p.todayCost,
      yd_open_cost: p.ydOpenCost,
      yd_position_cost: p.ydPositionCost,
      last_price: p.lastPrice > 0 ? p.lastPrice : null,
      update_time: time,
    });
  }

  private writeAccount(a: Readonly<AccountState>, time: number): void {
    this.upsertAccount.run({
      account_id: this.accountId,
      trading_day: a.tradingDay,
      pre_balance: a.preBalance,
      deposit: a.deposit,
      withdraw: a.withdraw,
      close_profit: a.closeProfit,
      commission: a.commission,
      max_balance: a.maxBalance,
      update_time: time,
    });
  }

  /** The stored account, or undefined for a new profile. */
  load(): RestoredState | undefined {
    const acc = this.db.prepare('SELECT * FROM account WHERE account_id = ?').get(this.accountId) as
      | { trading_day: number; pre_balance: number; deposit: number; withdraw: number; close_profit: number; commission: number; max_balance: number }
      | undefined;
    if (acc === undefined) return undefined;
    const positions = (this.db.prepare('SELECT * FROM position WHERE account_id = ? AND volume > 0').all(this.accountId) as {
      symbol: string;
      direction: Position['direction'];
      volume: number;
      today_volume: number;
      yd_volume: number;
      today_cost: number;
      yd_open_cost: number;
      yd_position_cost: number;
      last_price: number | null;
    }[]).map((r) => ({
      position: {
        symbol: r.symbol,
        direction: r.direction,
        volume: r.volume,
        todayVolume: r.today_volume,
        ydVolume: r.yd_volume,
        frozen: 0,
        frozenToday: 0,
        frozenYd: 0,
        avgOpenPrice: 0,
        avgPrice: 0,
        lastPrice: r.last_price ?? 0,
        floatProfit: 0,
        positionProfit: 0,
        margin: 0,
        multiplier: 0,
      },
      todayCost: r.today_cost,
      ydOpenCost: r.yd_open_cost,
      ydPositionCost: r.yd_position_cost,
    }));
    const orders = (this.db
      .prepare(`SELECT * FROM "order" WHERE account_id = ? AND (trading_day >= ? OR status IN ('submitting', 'submitted', 'partFilled')) ORDER BY id`)
      .all(this.accountId, acc.trading_day) as OrderRow[]).map(orderFromRow);
    const stopOrders = (this.db.prepare(`SELECT body FROM stop_order WHERE account_id = ? AND status = 'waiting'`).all(this.accountId) as { body: string }[]).map(
      (r) => JSON.parse(r.body) as StopOrder,
    );
    const maxSeq = (sql: string): number => ((this.db.prepare(sql).get(this.accountId) as { n: number | null }).n ?? 0);
    const quotes = (this.db.prepare('SELECT symbol, last, pre_settlement FROM quote_state WHERE account_id = ?').all(this.accountId) as {
      symbol: string;
      last: number | null;
      pre_settlement: number | null;
    }[]).map((q) => ({ symbol: q.symbol, last: q.last ?? 0, preSettlement: q.pre_settlement ?? 0 }));
    const tradeIds = (this.db.prepare('SELECT trade_id FROM trade WHERE account_id = ? AND trading_day >= ?').all(this.accountId, acc.trading_day) as {
      trade_id: string;
    }[]).map((r) => r.trade_id);
    return {
      account: {
        accountId: this.accountId,
        tradingDay: acc.trading_day,
        preBalance: acc.pre_balance,
        deposit: acc.deposit,
        withdraw: acc.withdraw,
        closeProfit: acc.close_profit,
        commission: acc.commission,
        frozenMargin: 0,
        frozenCommission: 0,
        maxBalance: acc.max_balance,
      },
      positions,
      orders,
      stopOrders,
      orderSeq: maxSeq(`SELECT MAX(CAST(order_id AS INTEGER)) AS n FROM "order" WHERE account_id = ?`),
      tradeSeq: maxSeq(`SELECT MAX(CAST(SUBSTR(trade_id, 2) AS INTEGER)) AS n FROM trade WHERE account_id = ? AND trade_id LIKE 'T%'`),
      stopSeq: maxSeq(`SELECT MAX(CAST(SUBSTR(stop_id, 2) AS INTEGER)) AS n FROM stop_order WHERE account_id = ?`),
      quotes,
      tradeIds,
    };
  }

  /** Trades of one trading day and later, oldest first. */
  tradesSince(tradingDay: number): Trade[] {
    return (this.db.prepare('SELECT * FROM trade WHERE account_id = ? AND trading_day >= ? ORDER BY id').all(this.accountId, tradingDay) as TradeRow[]).map(tradeFromRow);
  }

  allTrades(): Trade[] {
    return this.tradesSince(0);
  }

  performance(): DailyPerformance[] {
    return (this.db.prepare(`SELECT * FROM performance WHERE account_id = ? AND strategy = '' ORDER BY date`).all(this.accountId) as {
      date: number;
      pre_balance: number;
      equity: number;
      daily_pnl: number;
      close_profit: number;
      position_profit: number;
      commission: number;
      daily_return: number;
      drawdown: number;
      max_equity: number;
      trade_count: number;
      turnover: number;
    }[]).map((r) => ({
      accountId: this.accountId,
      tradingDay: r.date,
      preBalance: r.pre_balance,
      balance: r.equity,
      closeProfit: r.close_profit,
      positionProfit: r.position_profit,
      commission: r.commission,
      netPnl: r.daily_pnl,
      dailyReturn: r.daily_return,
      drawdown: r.drawdown,
      maxBalance: r.max_equity,
      tradeCount: r.trade_count,
      turnover: r.turnover,
    }));
  }

  getValue(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM kv WHERE key = ?').get(`${this.accountId}:${key}`) as { value: string } | undefined)?.value;
  }

  setValue(key: string, value: string): void {
    this.db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(`${this.accountId}:${key}`, value);
  }
}

function orderFromRow(r: OrderRow): Order {
  return {
    id: r.order_id,
    symbol: r.symbol,
    side: r.side,
    offset: r.offset,
    type: r.type,
    price: r.price,
    volume: r.volume,
    traded: r.filled_volume,
    avgPrice: r.avg_price,
    status: r.status,
    statusMsg: r.status_msg,
    ...(r.status_reason !== null ? { statusReason: JSON.parse(r.status_reason) as NonNullable<Order['statusReason']> } : {}),
    createdAt: r.create_time,
    updatedAt: r.update_time,
    tradingDay: r.trading_day,
    source: r.source,
    gatewayOrderId: r.gateway_order_id,
    ...(r.parent_id !== null ? { parentId: r.parent_id } : {}),
    ...(r.reference !== null ? { reference: r.reference } : {}),
    ...(r.stop_price !== null ? { stopPrice: r.stop_price } : {}),
  };
}

function tradeRow(accountId: string, t: Trade): Record<string, unknown> {
  return {
    account_id: accountId,
    trade_id: t.id,
    order_id: t.orderId,
    symbol: t.symbol,
    side: t.side,
    offset: t.offset,
    price: t.price,
    volume: t.volume,
    commission: t.commission,
    close_profit: t.closeProfit,
    trade_time: t.time,
    trading_day: t.tradingDay,
    source: t.source,
  };
}

function tradeFromRow(r: TradeRow): Trade {
  return {
    id: r.trade_id,
    orderId: r.order_id,
    symbol: r.symbol,
    side: r.side,
    offset: r.offset,
    price: r.price,
    volume: r.volume,
    time: r.trade_time,
    tradingDay: r.trading_day,
    commission: r.commission,
    closeProfit: r.close_profit,
    source: r.source,
  };
}
