import type { BacktestResult, BacktestStatistics } from './backtest';
import { formatDay } from '../model/time';

/**
 * The backtest's figures as reports show them (the offline HTML report, the CLI and the app's backtest workspace):
 * the optimisation targets, the statistics' labels and formats, monthly returns. Kept free of zod so the renderer can
 * import it: building a zod schema runs zod's eval probe, which the page's Content-Security-Policy refuses.
 */

/** Statistics an optimisation can sort by; drawdowns and losses count better when smaller. */
export const OPTIMIZATION_TARGETS = [
  'totalNetPnl',
  'totalReturn',
  'annualReturn',
  'sharpeRatio',
  'sortinoRatio',
  'calmarRatio',
  'returnDrawdownRatio',
  'profitFactor',
  'winRate',
  'maxDrawdown',
  'maxDrawdownPercent',
] as const;
export type OptimizationTarget = (typeof OPTIMIZATION_TARGETS)[number];

/** Labels of the statistics, for reports and the UI. */
export const STATISTIC_LABELS: Readonly<Record<keyof BacktestStatistics, { readonly zh: string; readonly en: string }>> = {
  startDay: { zh: '首个交易日', en: 'First day' },
  endDay: { zh: '最后交易日', en: 'Last day' },
  totalDays: { zh: '总交易日', en: 'Trading days' },
  profitDays: { zh: '盈利交易日', en: 'Profit days' },
  lossDays: { zh: '亏损交易日', en: 'Loss days' },
  capital: { zh: '起始资金', en: 'Capital' },
  endBalance: { zh: '结束资金', en: 'End balance' },
  maxDrawdown: { zh: '最大回撤', en: 'Max drawdown' },
  maxDrawdownPercent: { zh: '百分比最大回撤 %', en: 'Max drawdown %' },
  maxDrawdownDuration: { zh: '最大回撤天数', en: 'Max drawdown duration (days)' },
  maxDrawdownStart: { zh: '最大回撤开始', en: 'Max drawdown from' },
  maxDrawdownEnd: { zh: '最大回撤结束', en: 'Max drawdown to' },
  longestUnderwaterDays: { zh: '最长水下交易日', en: 'Longest under water (days)' },
  totalNetPnl: { zh: '总盈亏', en: 'Total net P&L' },
  dailyNetPnl: { zh: '日均盈亏', en: 'Daily net P&L' },
  totalCommission: { zh: '总手续费', en: 'Total commission' },
  dailyCommission: { zh: '日均手续费', en: 'Daily commission' },
  totalSlippage: { zh: '总滑点', en: 'Total slippage' },
  dailySlippage: { zh: '日均滑点', en: 'Daily slippage' },
  totalTurnover: { zh: '总成交金额', en: 'Total turnover' },
  dailyTurnover: { zh: '日均成交金额', en: 'Daily turnover' },
  totalTradeCount: { zh: '总成交笔数', en: 'Trades' },
  dailyTradeCount: { zh: '日均成交笔数', en: 'Daily trades' },
  totalReturn: { zh: '总收益率 %', en: 'Total return %' },
  annualReturn: { zh: '年化收益 %', en: 'Annual return %' },
  dailyReturn: { zh: '日均收益率 %', en: 'Daily return %' },
  returnStd: { zh: '收益标准差 %', en: 'Return std %' },
  sharpeRatio: { zh: 'Sharpe 比率', en: 'Sharpe ratio' },
  sortinoRatio: { zh: 'Sortino 比率', en: 'Sortino ratio' },
  calmarRatio: { zh: 'Calmar 比率', en: 'Calmar ratio' },
  returnDrawdownRatio: { zh: '收益回撤比', en: 'Return / drawdown' },
  roundTrips: { zh: '交易次数（开平）', en: 'Round trips' },
  winRate: { zh: '胜率 %', en: 'Win rate %' },
  profitFactor: { zh: '盈亏比（总盈利/总亏损）', en: 'Profit factor' },
  averageWin: { zh: '平均盈利', en: 'Average win' },
  averageLoss: { zh: '平均亏损', en: 'Average loss' },
  payoffRatio: { zh: '平均盈亏比', en: 'Payoff ratio' },
  largestWin: { zh: '最大单笔盈利', en: 'Largest win' },
  largestLoss: { zh: '最大单笔亏损', en: 'Largest loss' },
  maxConsecutiveWins: { zh: '最多连续盈利', en: 'Max consecutive wins' },
  maxConsecutiveLosses: { zh: '最多连续亏损', en: 'Max consecutive losses' },
  averageBarsHeld: { zh: '平均持仓K线数', en: 'Average bars held' },
  exposure: { zh: '持仓时间占比 %', en: 'Exposure %' },
  bars: { zh: 'K线数', en: 'Bars' },
};

const DAY_FIELDS = new Set<keyof BacktestStatistics>(['startDay', 'endDay', 'maxDrawdownStart', 'maxDrawdownEnd']);
const COUNT_FIELDS = new Set<keyof BacktestStatistics>([
  'totalDays',
  'profitDays',
  'lossDays',
  'maxDrawdownDuration',
  'longestUnderwaterDays',
  'totalTradeCount',
  'roundTrips',
  'maxConsecutiveWins',
  'maxConsecutiveLosses',
  'bars',
]);

/** A statistic as the report and the CLI print it. */
export function formatStatistic(key: keyof BacktestStatistics, value: number): string {
  if (DAY_FIELDS.has(key)) return value > 0 ? formatDay(value) : '-';
  if (COUNT_FIELDS.has(key)) return value.toLocaleString('en-US');
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-';
  // Daily returns and their spread are small percentages: they keep four decimals.
  const digits = value !== 0 && Math.abs(value) < 1 ? 4 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * An optimisation's target value as shown: a run that never traded, or whose value is not a number, has none ("—";
 * it comes as -Infinity, or as null once it has been through JSON).
 */
export function formatTargetValue(value: number | null, digits: number): string {
  return value !== null && Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** Monthly returns (percent) from the end-of-day balances: each month's last balance over the one before. */
export function monthlyReturns(result: Pick<BacktestResult, 'daily' | 'settings'>): { year: number; month: number; value: number }[] {
  const out: { year: number; month: number; value: number }[] = [];
  let prev = result.settings.capital;
  for (let i = 0; i < result.daily.length; i++) {
    const d = result.daily[i]!;
    const next = result.daily[i + 1];
    const ym = Math.floor(d.tradingDay / 100);
    if (next !== undefined && Math.floor(next.tradingDay / 100) === ym) continue;
    out.push({ year: Math.floor(ym / 100), month: ym % 100, value: prev > 0 ? (d.balance / prev - 1) * 100 : 0 });
    prev = d.balance;
  }
  return out;
}
