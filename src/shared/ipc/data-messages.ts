import type { DataMessage } from './data';
import { messageCatalog } from '../i18n/template';
import type { Lang } from './settings';

/**
 * The data manager's words: the fields an import maps, and its messages (bad rows, refused files, download errors) in
 * Chinese and English. Kept free of zod so the renderer can import it: building a zod schema runs zod's eval probe,
 * which the page's Content-Security-Policy refuses.
 */

export const IMPORT_FIELDS = [
  'datetime',
  'date',
  'time',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'openInterest',
  'turnover',
  'settlement',
  'symbol',
  'exchange',
  'last',
  'bid',
  'ask',
  'bidVolume',
  'askVolume',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Messages of the data manager (bad rows, refused files, download errors), in Chinese and English. */
const DATA_MESSAGES = {
  FILE_NOT_FOUND: { zh: '文件不存在：{file}', en: 'File not found: {file}' },
  FILE_EMPTY: { zh: '文件为空：{file}', en: 'The file is empty: {file}' },
  FILE_BINARY: { zh: '不是文本文件（含二进制内容），无法作为行情数据导入：{file}', en: 'Not a text file (binary content), cannot be imported as market data: {file}' },
  NOT_MARKET_DATA: { zh: '不是行情数据：{detailZh}', en: 'Not market data: {detail}' },
  NO_TIME_COLUMN: { zh: '未找到日期或时间列（应有 日期/时间/date/datetime 等）', en: 'No date or time column found (expected 日期/时间/date/datetime ...)' },
  NO_PRICE_COLUMNS: { zh: '未找到价格列：缺少{missingZh}', en: 'No price columns: {missing} missing' },
  MOSTLY_BAD: { zh: '前 {checked} 行中有 {bad} 行无法解析（如第 {line} 行：{first}），请检查列对应关系', en: '{bad} of the first {checked} rows cannot be read (e.g. line {line}: {first}); check the column mapping' },
  NO_ROWS: { zh: '文件中没有可导入的行情数据行', en: 'The file has no rows of market data to import' },
  UNKNOWN_SYMBOL: { zh: '无法从文件判断合约，请指定合约代码（如 SHFE.rb2505）', en: 'Cannot tell the contract from the file: give the symbol (e.g. SHFE.rb2505)' },
  BAD_SYMBOL: { zh: '合约代码无效：{detail}', en: 'Invalid symbol: {detail}' },
  UNKNOWN_PERIOD: { zh: '无法判断K线周期，请指定周期（如 1m、5m、1d）', en: 'Cannot tell the bar period: give it (e.g. 1m, 5m, 1d)' },
  BAD_PERIOD: { zh: '周期无效：{period}（应为 1m、5m、1h、1d 等）', en: 'Invalid period: {period} (expected 1m, 5m, 1h, 1d ...)' },
  MAPPING_COLUMN: { zh: '列对应无效：{fieldZh} 指向第 {column} 列，但文件只有 {count} 列', en: 'Invalid mapping: {field} points at column {column}, the file has {count} columns' },
  CANCELLED: { zh: '已取消，未写入任何数据', en: 'Cancelled: nothing was written' },
  NO_CONTRACTS: { zh: '{product} 没有已存储的合约数据，无法生成主力连续和指数', en: 'No stored contracts of {product}: cannot build its main series and index' },
  NO_DATA: { zh: '{symbol} {period} 无数据', en: 'No data for {symbol} {period}' },
  JOB_RUNNING: { zh: '任务 {jobId} 正在运行', en: 'Job {jobId} is already running' },
  // Bad rows
  ROW_TOO_FEW_COLUMNS: { zh: '列数不足（{count} 列，需要 {need} 列）', en: 'Too few columns ({count}, need {need})' },
  ROW_BAD_TIME: { zh: '无法解析的日期时间 "{value}"', en: 'Unreadable date or time "{value}"' },
  ROW_BAD_NUMBER: { zh: '{fieldZh} 不是数字："{value}"', en: '{field} is not a number: "{value}"' },
  ROW_NON_POSITIVE_PRICE: { zh: '价格必须大于 0（{fieldZh} = {value}）', en: 'Prices must be above 0 ({field} = {value})' },
  ROW_HIGH_BELOW_LOW: { zh: '最高价 {high} 低于最低价 {low}', en: 'High {high} is below low {low}' },
  ROW_OUTSIDE_RANGE: { zh: '{fieldZh} {value} 不在最低价 {low} 与最高价 {high} 之间', en: '{field} {value} lies outside low {low} to high {high}' },
  ROW_NEGATIVE_VOLUME: { zh: '{fieldZh} 不能为负（{value}）', en: '{field} cannot be negative ({value})' },
  ROW_OUT_OF_SESSION: { zh: '{time} 不在 {product} 的交易时段内', en: '{time} is outside the trading sessions of {product}' },
  ROW_NOT_TRADING_DAY: { zh: '{day} 不是交易日', en: '{day} is not a trading day' },
  ROW_DUPLICATE: { zh: '重复的时间 {time}（与第 {first} 行相同）', en: 'Duplicate time {time} (same as line {first})' },
  ROW_BAD_SYMBOL: { zh: '合约代码无效：{detail}', en: 'Invalid symbol: {detail}' },
  // Import notes
  NOTE_DATE_ORDER: { zh: '日期 {example} 按{orderZh}解读，请确认', en: 'Date {example} read as {order}: please check' },
  NOTE_TIME_LABEL_GUESSED: { zh: '无法从数据判断K线时间是开始还是结束时间，按{labelZh}处理', en: 'Could not tell whether bar times are start or end times: taken as {label} times' },
  NOTE_TIME_LABEL_END: { zh: 'K线时间为结束时间（如 {example}），导入时改为开始时间', en: 'Bar times are end times (e.g. {example}): stored as start times' },
  NOTE_NIGHT_DATE: { zh: '夜盘K线的日期是所属交易日（如 {example}），导入时改为自然日', en: 'Night-session rows are dated by their trading day (e.g. {example}): stored at their calendar date' },
  NOTE_SYMBOL_FROM: { zh: '合约 {symbol} 取自{sourceZh}', en: 'Symbol {symbol} taken from the {source}' },
  NOTE_CONTINUOUS: { zh: '文件是主力连续数据（{column} 列标明各日主力合约），按 {symbol} 存储', en: 'The file is a main-contract series ({column} names each day\'s contract): stored as {symbol}' },
  // Downloads
  DOWNLOAD_HTTP: { zh: 'HTTP {status}：{url}', en: 'HTTP {status}: {url}' },
  DOWNLOAD_BAD_RESPONSE: { zh: '无法解析的响应：{detail}', en: 'Unreadable response: {detail}' },
  DOWNLOAD_NETWORK: { zh: '网络错误：{detail}', en: 'Network error: {detail}' },
  DOWNLOAD_EMPTY: { zh: '{symbol} 无数据返回', en: 'No data returned for {symbol}' },
} as const satisfies Record<string, Record<Lang, string>>;

export type DataMessageCode = keyof typeof DATA_MESSAGES;

const catalog = messageCatalog(DATA_MESSAGES);
export const formatDataMessage = catalog.format;
export const isDataMessageCode = catalog.has;

/** Chinese names of the fields, for messages. */
export const FIELD_ZH: Readonly<Record<ImportField, string>> = {
  datetime: '日期时间',
  date: '日期',
  time: '时间',
  open: '开盘价',
  high: '最高价',
  low: '最低价',
  close: '收盘价',
  volume: '成交量',
  openInterest: '持仓量',
  turnover: '成交额',
  settlement: '结算价',
  symbol: '合约',
  exchange: '交易所',
  last: '最新价',
  bid: '买一价',
  ask: '卖一价',
  bidVolume: '买一量',
  askVolume: '卖一量',
};

export function dataMessage(code: DataMessageCode, params: Readonly<Record<string, string | number>> = {}): DataMessage {
  return { code, params, message: formatDataMessage(code, params, 'zh') };
}
