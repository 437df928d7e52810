import { z } from 'zod';
import { request } from './define';

/**
 * Pre-trade risk rules. Each is configurable; 0 turns a limit off. The defaults follow the exchanges' thresholds
 * for programmatic trading (300 orders a second marks high-frequency trading; brokers cap cancels per contract
 * at about 500 a day).
 */
export const riskConfigSchema = z.strictObject({
  /** Lots per contract and side (0: off). */
  maxPositionPerContract: z.number().int().min(0),
  /** Working orders per contract (0: off). */
  maxOpenOrdersPerContract: z.number().int().min(0),
  /** Refuse opening orders the available funds cannot carry. */
  checkMargin: z.boolean(),
  /** Loss in a trading day, as a fraction of the day's starting equity, after which only closes pass (0: off). */
  maxDailyLossRatio: z.number().min(0).max(1),
  /** Drawdown from the highest end-of-day equity, as a fraction, after which only closes pass (0: off). */
  maxDrawdownRatio: z.number().min(0).max(1),
  /** Orders per second across the account (0: off). */
  maxOrdersPerSecond: z.number().int().min(0),
  /** Cancels per contract per trading day (0: off). */
  maxCancelsPerContractPerDay: z.number().int().min(0),
  /** Refuse an order that would trade against the account's own working order. */
  selfTradeCheck: z.boolean(),
});
export type RiskConfig = z.infer<typeof riskConfigSchema>;

export const DEFAULT_RISK_CONFIG: RiskConfig = {
  maxPositionPerContract: 500,
  maxOpenOrdersPerContract: 100,
  checkMargin: true,
  maxDailyLossRatio: 0,
  maxDrawdownRatio: 0,
  maxOrdersPerSecond: 300,
  maxCancelsPerContractPerDay: 500,
  selfTradeCheck: true,
};

export const riskRequests = {
  'risk.get': request<RiskConfig>()(z.strictObject({})),
  /** Changes some rules; the others keep their values. Takes effect for the next order. */
  'risk.set': request<RiskConfig>()(riskConfigSchema.partial().strict()),
} as const;
