import type { Trade, TradingDay } from './types';

/** 资金状况 of a settled trading day, as a broker's mark-to-market (逐日盯市) statement lists it. */
export interface StatementFunds {
  /** 期初结存: the balance carried from the day before, before funds moved. */
  readonly preBalance: number;
  readonly deposit: number;
  readonly withdraw: number;
  /** 平仓盈亏 (盯市: yesterday's lots against the last settlement). */
  readonly closeProfit: number;
  /** 持仓盯市盈亏: what is held, at the day's settlement prices. */
  readonly positionProfit: number;
  readonly commission: number;
  /** 期末结存 = 客户权益: carried to the next day as its 期初结存. */
  readonly balance: number;
  /** 保证金占用 at the settlement prices. */
  readonly margin: number;
  readonly available: number;
  /** 风险度: margin over balance. */
  readonly riskRatio: number;
}

/** One contract held at the settlement (持仓汇总): both sides, at the day's settlement price. */
export interface StatementHolding {
  readonly symbol: string;
  readonly longVolume: number;
  /** 买均价: the long lots' average open price (0 with none). */
  readonly longPrice: number;
  readonly shortVolume: number;
  readonly shortPrice: number;
  /** 昨结算 (0 where the day started without one). */
  readonly preSettlement: number;
  readonly settlement: number;
  /** 持仓盯市盈亏 of the day, both sides. */
  readonly positionProfit: number;
  readonly margin: number;
}

/** What the engine knows of a day when it settles it; the store adds the day's trades when asked. */
export interface StatementBody {
  readonly accountId: string;
  readonly tradingDay: TradingDay;
  /** When the day was settled (epoch ms, the engine's clock). */
  readonly settledAt: number;
  readonly funds: StatementFunds;
  readonly holdings: readonly StatementHolding[];
}

/** 结算单: the settled day with its fills (成交明细). */
export interface SettlementStatement extends StatementBody {
  readonly trades: readonly Trade[];
  /** The multiplier of each contract traded, for 成交额 (price × lots × multiplier). */
  readonly multipliers: Readonly<Record<string, number>>;
}

/** A day's statements: the terminal's own, and for a live account the broker's text (the authoritative one). */
export interface StatementView {
  /** Trading days with a statement, newest first. */
  readonly days: readonly TradingDay[];
  /** The day shown (the newest when none was asked for); absent when there is none yet. */
  readonly tradingDay?: TradingDay;
  readonly statement?: SettlementStatement;
  /** The broker's settlement statement (CTP's ReqQrySettlementInfo), as it sent it. */
  readonly brokerText?: string;
}
