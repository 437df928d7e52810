import type { Offset, OrderType, Side } from '../../shared/model/enums';
import { isOnTick } from '../../shared/model/price';
import type { Contract, Order } from '../../shared/model/types';
import { reason, type Reason } from '../../shared/i18n/reasons';
import { commissionOf, marginOf } from './fees';
import type { Portfolio } from './portfolio';
import { DEFAULT_RISK_CONFIG, riskConfigSchema, type RiskConfig } from '../../shared/ipc/risk';

export { DEFAULT_RISK_CONFIG, riskConfigSchema, type RiskConfig } from '../../shared/ipc/risk';

/** Every rule off but price and volume validity and margin: what a backtest of a strategy wants by default. */
export const BACKTEST_RISK_CONFIG: RiskConfig = {
  maxPositionPerContract: 0,
  maxOpenOrdersPerContract: 0,
  checkMargin: true,
  maxDailyLossRatio: 0,
  maxDrawdownRatio: 0,
  maxOrdersPerSecond: 0,
  maxCancelsPerContractPerDay: 0,
  selfTradeCheck: false,
};

export interface PriceBand {
  readonly limitUp: number;
  readonly limitDown: number;
}

export class RiskManager {
  private config: RiskConfig;
  private secondStart = 0;
  private ordersThisSecond = 0;
  private readonly cancels = new Map<string, number>();

  constructor(config: RiskConfig = DEFAULT_RISK_CONFIG) {
    this.config = { ...config };
  }

  get settings(): RiskConfig {
    return this.config;
  }

  configure(config: Partial<RiskConfig>): void {
    this.config = riskConfigSchema.parse({ ...this.config, ...config });
  }

  /** Price and volume validity of a request: the same for every leg of it. */
  checkRequest(contract: Contract, type: OrderType, price: number, volume: number, band: PriceBand | undefined): Reason | undefined {
    if (!(volume > 0) || !Number.isInteger(volume)) return reason('VOLUME_NOT_POSITIVE', { volume });
    if (type === 'market') {
      if (!contract.marketOrderAllowed) return reason('MARKET_NOT_ALLOWED', { exchange: contract.exchange });
      if (volume > contract.maxMarketOrderVolume) return reason('VOLUME_TOO_LARGE', { volume, max: contract.maxMarketOrderVolume });
      return undefined;
    }
    if (volume > contract.maxLimitOrderVolume) return reason('VOLUME_TOO_LARGE', { volume, max: contract.maxLimitOrderVolume });
    if (!(price > 0)) return reason('PRICE_NOT_POSITIVE', { price });
    if (!isOnTick(price, contract.priceTick)) return reason('PRICE_OFF_TICK', { price, tick: contract.priceTick });
    if (band !== undefined) {
      if (band.limitUp > 0 && price > band.limitUp + 1e-9) return reason('PRICE_ABOVE_LIMIT_UP', { price, limitUp: band.limitUp });
      if (band.limitDown > 0 && price < band.limitDown - 1e-9) return reason('PRICE_BELOW_LIMIT_DOWN', { price, limitDown: band.limitDown });
    }
    return undefined;
  }

  /** The account-level rules for one leg, after its offset is known. */
  checkLeg(
    contract: Contract,
    side: Side,
    offset: Offset,
    volume: number,
    marginPrice: number,
    portfolio: Portfolio,
    working: readonly Order[],
    now: number,
    selfTradePrice: number | undefined,
  ): Reason | undefined {
    const c = this.config;
    if (c.maxOrdersPerSecond > 0) {
      const second = Math.floor(now / 1000);
      if (second !== this.secondStart) {
        this.secondStart = second;
        this.ordersThisSecond = 0;
      }
      if (this.ordersThisSecond >= c.maxOrdersPerSecond) return reason('ORDER_RATE', { limit: c.maxOrdersPerSecond });
    }
    if (c.maxOpenOrdersPerContract > 0 && working.length >= c.maxOpenOrdersPerContract) {
      return reason('MAX_OPEN_ORDERS', { limit: c.maxOpenOrdersPerContract });
    }
    if (c.selfTradeCheck && selfTradePrice !== undefined) {
      for (const o of working) {
        if (o.side === side || o.type === 'market') continue;
        const crosses = side === 'buy' ? selfTradePrice >= o.price : selfTradePrice <= o.price;
        if (crosses) return reason('SELF_TRADE', { orderId: o.id, price: o.price });
      }
    }
    if (offset === 'open') {
      const a = portfolio.account;
      if (c.maxDailyLossRatio > 0) {
        const start = portfolio.staticBalance();
        const loss = start - portfolio.balance();
        const limit = start * c.maxDailyLossRatio;
        if (loss >= limit) return reason('DAILY_LOSS_LIMIT', { loss, limit });
      }
      if (c.maxDrawdownRatio > 0 && a.maxBalance > 0) {
        const drawdown = (a.maxBalance - portfolio.balance()) / a.maxBalance;
        if (drawdown >= c.maxDrawdownRatio) return reason('DRAWDOWN_LIMIT', { drawdown: `${(drawdown * 100).toFixed(2)}%`, limit: `${(c.maxDrawdownRatio * 100).toFixed(2)}%` });
      }
      const direction = side === 'buy' ? 'long' : 'short';
      if (c.maxPositionPerContract > 0) {
        const pos = portfolio.positions.get(contract.symbol);
        const held = pos === undefined ? 0 : direction === 'long' ? pos.long.volume : pos.short.volume;
        let pending = 0;
        for (const o of working) if (o.offset === 'open' && o.side === side) pending += o.volume - o.traded;
        if (held + pending + volume > c.maxPositionPerContract) return reason('MAX_POSITION', { limit: c.maxPositionPerContract });
      }
      if (c.checkMargin) {
        const required = marginOf(contract, direction, marginPrice, volume) + commissionOf(contract, 'open', marginPrice, volume);
        const available = portfolio.available();
        if (required > available + 1e-6) return reason('INSUFFICIENT_MARGIN', { required, available });
      }
    }
    return undefined;
  }

  /** Counts an order that passed, for the rate limit. */
  countOrder(): void {
    this.ordersThisSecond++;
  }

  checkCancel(symbol: string): Reason | undefined {
    const limit = this.config.maxCancelsPerContractPerDay;
    if (limit > 0 && (this.cancels.get(symbol) ?? 0) >= limit) return reason('CANCEL_LIMIT', { symbol, limit });
    return undefined;
  }

  countCancel(symbol: string): void {
    this.cancels.set(symbol, (this.cancels.get(symbol) ?? 0) + 1);
  }

  /** A new trading day: the per-day counters start again. */
  newTradingDay(): void {
    this.cancels.clear();
  }
}
