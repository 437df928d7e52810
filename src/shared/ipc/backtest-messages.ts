import { messageCatalog } from '../i18n/template';
import type { Lang } from './settings';

/**
 * The backtester's refusals in Chinese and English. Kept free of zod so the renderer can format them in its user's
 * language: building a zod schema runs zod's eval probe, which the page's Content-Security-Policy refuses.
 */
const BACKTEST_MESSAGES = {
  NO_DATA: { zh: '{symbol} {period} 在 {from} 至 {to} 之间没有数据', en: 'No {period} data for {symbol} from {from} to {to}' },
  BAD_RANGE: { zh: '开始日期 {from} 晚于结束日期 {to}', en: 'The start day {from} is after the end day {to}' },
  UNKNOWN_SYMBOL: { zh: '合约代码无效：{detail}', en: 'Invalid symbol: {detail}' },
  STRATEGY: { zh: '策略文件有误：{detail}', en: 'Strategy file error: {detail}' },
  PARAMS: { zh: '策略参数有误：{detail}', en: 'Strategy parameter error: {detail}' },
  SYMBOL_COUNT: { zh: '策略 {strategy} 需要 {need} 个合约，给了 {given} 个', en: 'Strategy {strategy} needs {need} contract(s), {given} given' },
  RANGE: { zh: '优化参数 {name} 有误：{detail}', en: 'Optimisation range {name}: {detail}' },
  TOO_MANY_RUNS: { zh: '参数组合 {runs} 个，超过上限 {max} 个', en: '{runs} parameter combinations exceed the limit of {max}' },
  WINDOWS: { zh: '数据只有 {days} 个交易日，不够一个训练窗口 {train} 天加测试窗口 {test} 天', en: 'Only {days} trading days of data: not enough for one training window of {train} and a test window of {test}' },
  NOT_FOUND: { zh: '回测记录 {id} 不存在', en: 'No backtest run {id}' },
  JOB_RUNNING: { zh: '任务 {jobId} 正在运行', en: 'Job {jobId} is already running' },
  CANCELLED: { zh: '回测已取消', en: 'The backtest was cancelled' },
  WORKER: { zh: '回测进程出错：{detail}', en: 'Backtest worker failed: {detail}' },
  STRATEGY_ERROR: { zh: '策略运行出错已停止：{detail}', en: 'The strategy failed and was stopped: {detail}' },
} as const satisfies Record<string, Record<Lang, string>>;

export type BacktestMessageCode = keyof typeof BACKTEST_MESSAGES;

const catalog = messageCatalog(BACKTEST_MESSAGES);
export const formatBacktestMessage = catalog.format;
export const isBacktestMessageCode = catalog.has;
