import path from 'node:path';
import type { DataMessage, ImportField, ImportMapping } from '../../../shared/ipc/data';
import { dataMessage, FIELD_ZH } from '../../../shared/ipc/data';
import { DataError } from '../data-error';
import { cellShape, detectDateOrder, hasShortDates, parseTime, type CellShape } from './datetime';
import type { TextEncoding } from './text-source';

export type Delimiter = ImportMapping['delimiter'];

/** Splits one line into trimmed cells; quoted cells ("a,b") keep their delimiters, quotes are dropped. */
export function splitCells(line: string, delimiter: Delimiter): string[] {
  if (delimiter === ' ') return line.trim().split(/\s+/);
  if (!line.includes('"')) {
    const cells = line.split(delimiter);
    for (let i = 0; i < cells.length; i++) cells[i] = cells[i]!.trim();
    return cells;
  }
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/**
 * Header names traders' files use for each field, in Chinese and English, as the exporting software writes them
 * (normalised: lower case, no spaces, quotes, angle brackets or units in brackets).
 */
const SYNONYMS: readonly (readonly [ImportField | 'ignore', readonly string[]])[] = [
  ['datetime', ['datetime', 'date_time', '日期时间', '交易时间', 'timestamp', 'trade_time', 'tradetime', 'bob', 'dt', 'candle_begin_time']],
  ['date', ['date', '日期', 'trade_date', 'tradedate', 'tradingday', 'trading_day', 'day', 'dtyyyymmdd', '交易日', '交易日期']],
  ['time', ['time', '时间', 'minute', '分钟', 'updatetime', 'update_time']],
  ['open', ['open', '开盘', '开盘价', '开', 'openprice', 'open_price', 'o', '今开']],
  ['high', ['high', '最高', '最高价', '高', 'highprice', 'high_price', 'h', 'highest']],
  ['low', ['low', '最低', '最低价', '低', 'lowprice', 'low_price', 'l', 'lowest']],
  ['close', ['close', '收盘', '收盘价', '收', 'closeprice', 'close_price', 'c']],
  ['last', ['last', 'last_price', 'lastprice', '最新价', '最新', '现价', '成交价']],
  ['volume', ['volume', 'vol', '成交量', '量', 'v', 'totalvolume', 'total_volume', 'volumes', '总手', '成交']],
  ['openInterest', ['open_interest', 'openinterest', 'oi', '持仓量', '持仓', 'hold', 'position', 'close_oi', 'openint', 'open_int', '总持仓', 'p']],
  ['turnover', ['turnover', 'amount', '成交额', '成交金额', 'total_turnover', 'money', '金额']],
  ['settlement', ['settlement', 'settle', '结算价', '结算', 'settlement_price', 's']],
  ['symbol', ['symbol', '代码', '合约', '合约代码', 'instrument', 'instrumentid', 'instrument_id', 'code', 'contract', 'ts_code', 'order_book_id']],
  ['exchange', ['exchange', '交易所', 'exchangeid', 'exchange_id']],
  ['bid', ['bid', 'bid_price1', 'bidprice1', '买一价', '买价', 'bid1', '申买价一']],
  ['ask', ['ask', 'ask_price1', 'askprice1', '卖一价', '卖价', 'ask1', '申卖价一']],
  ['bidVolume', ['bid_volume1', 'bidvolume1', '买一量', '买量', 'bid_volume', 'bidvol1', '申买量一']],
  ['askVolume', ['ask_volume1', 'askvolume1', '卖一量', '卖量', 'ask_volume', 'askvol1', '申卖量一']],
  [
    'ignore',
    [
      'open_oi',
      'prev_close',
      'pre_close',
      'prev_settlement',
      'pre_settlement',
      'limit_up',
      'limit_down',
      'day_session_open',
      'underlying_symbol',
      'dominant_id',
      'up',
      'down',
      'per',
      'ticker',
      'vt_symbol',
      'interval',
      '涨跌',
      '涨幅',
      '均价',
    ],
  ],
];

const SYNONYM_MAP = new Map<string, ImportField | 'ignore'>();
for (const [field, names] of SYNONYMS) for (const n of names) SYNONYM_MAP.set(n, field);

/** TqSdk prefixes every column with the instrument: SHFE.rb2005.open, KQ.m@SHFE.rb.close. */
const TQ_PREFIX_RE = /^((?:kq\.[mi]@)?[a-z]{2,5}\.[a-z]{1,3}\d{0,4})\.(.+)$/i;

export function normaliseHeader(cell: string): { name: string; prefix?: string } {
  let s = cell.trim().replace(/^\uFEFF/, '').replace(/^["']|["']$/g, '').replace(/^<|>$/g, '');
  s = s.replace(/[(（][^)）]*[)）]$/, '').trim();
  const m = TQ_PREFIX_RE.exec(s);
  if (m && SYNONYM_MAP.has(m[2]!.toLowerCase())) return { name: m[2]!.toLowerCase(), prefix: m[1]! };
  return { name: s.toLowerCase().replace(/\s+/g, '') };
}

export interface Detection {
  readonly format: string;
  readonly mapping: ImportMapping;
  /** Header cells, or col1, col2 ... */
  readonly columns: readonly string[];
  /** Lines before the data that are not the header (通达信's title line). */
  readonly titleLines: readonly string[];
  /** Candidate ids for the series, best first, with where each came from. */
  readonly symbolHints: readonly { readonly text: string; readonly source: string }[];
  /** A column naming each day's contract of a main-contract series (RiceQuant's dominant_id). */
  readonly dominantColumn?: string;
  /** The time convention the recognised software uses, when the data cannot tell. */
  readonly timeLabelHint: 'start' | 'end';
  readonly notes: readonly DataMessage[];
}

const DELIMITERS: readonly Delimiter[] = [',', '\t', ';', '|', ' '];

function chooseDelimiter(lines: readonly string[]): { delimiter: Delimiter; fields: number } | undefined {
  let best: { delimiter: Delimiter; fields: number; score: number } | undefined;
  for (const d of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const l of lines) {
      const n = splitCells(l, d).length;
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    let fields = 0;
    let score = 0;
    for (const [n, c] of counts) if (n >= 2 && (c > score || (c === score && n > fields))) [fields, score] = [n, c];
    if (fields >= 2 && (best === undefined || score > best.score)) best = { delimiter: d, fields, score };
  }
  if (best === undefined || best.score < Math.min(3, lines.length)) return undefined;
  return best;
}

function mapHeader(cells: readonly string[]): { fields: Map<ImportField, number>; known: number; prefix?: string; names: string[] } {
  const fields = new Map<ImportField, number>();
  let known = 0;
  let prefix: string | undefined;
  const names: string[] = [];
  cells.forEach((cell, i) => {
    const h = normaliseHeader(cell);
    names.push(h.name);
    const f = SYNONYM_MAP.get(h.name);
    if (f === undefined) return;
    known++;
    if (h.prefix) prefix ??= h.prefix;
    if (f !== 'ignore' && !fields.has(f)) fields.set(f, i);
  });
  return prefix === undefined ? { fields, known, names } : { fields, known, prefix, names };
}

function dominantShape(values: readonly string[]): CellShape {
  const counts = new Map<CellShape, number>();
  for (const v of values) {
    const s = cellShape(v);
    if (s !== 'empty') counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  let best: CellShape = 'empty';
  let n = 0;
  for (const [s, c] of counts) if (c > n) [best, n] = [s, c];
  return best;
}

/** A number column of whole HHMM values (通达信 writes 2101 for 21:01). */
function looksLikeHhmm(values: readonly string[]): boolean {
  return values.length > 0 && values.every((v) => /^\d{3,4}$/.test(v.trim()) && parseTime(v) >= 0);
}

const CODE_RE = /(?:^|[^A-Za-z0-9])((?:KQ\.[mi]@)?(?:[A-Z]{2,5}\.)?[A-Za-z]{1,3}(?:\d{3,4}|888|9888|000))(?=$|[^A-Za-z0-9])/g;

function codesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(CODE_RE)) out.push(m[1]!);
  return out;
}

/**
 * Recognises a file's layout from its first lines: the delimiter, a header (in Chinese or English, after title
 * lines such as 通达信's), which column holds which field, date order, and the software that wrote it. Throws a
 * DataError naming why when the lines are not market data.
 */
export function detectLayout(lines: readonly string[], file: string, encoding: TextEncoding): Detection {
  const indexed = lines.map((text, i) => ({ text, i })).filter((l) => l.text.trim() !== '');
  if (indexed.length === 0) throw new DataError('FILE_EMPTY', { file });
  const probe = indexed.slice(0, 80).map((l) => l.text);
  const delim = chooseDelimiter(probe);
  if (delim === undefined) throw new DataError('NOT_MARKET_DATA', { detail: 'no columns separated by commas, tabs, semicolons or spaces', detailZh: '没有以逗号、制表符、分号或空格分隔的列' });
  const { delimiter } = delim;
  const notes: DataMessage[] = [];

  // The header: one of the first lines whose cells name known fields and hold no dates.
  let headerAt = -1;
  let header: ReturnType<typeof mapHeader> | undefined;
  for (const l of indexed.slice(0, 12)) {
    const cells = splitCells(l.text, delimiter);
    if (cells.some((c) => ['date', 'datetime'].includes(cellShape(c)))) break;
    const h = mapHeader(cells);
    if (h.known >= 2 && h.known >= cells.length / 3) {
      headerAt = l.i;
      header = h;
      break;
    }
  }
  if (header && !header.fields.has('datetime') && !header.fields.has('date') && !header.fields.has('time')) throw new DataError('NO_TIME_COLUMN');
  const dataLines = indexed.filter((l) => l.i > headerAt);
  const firstData = dataLines.find((l) => {
    const cells = splitCells(l.text, delimiter);
    return cells.length >= Math.min(delim.fields, 3) && cells.some((c) => ['date', 'datetime'].includes(cellShape(c)));
  });
  if (firstData === undefined) {
    throw new DataError(header ? 'NO_ROWS' : 'NOT_MARKET_DATA', { detail: 'no line holds a date or a time', detailZh: '没有任何一行含有日期或时间' });
  }
  const dataStart = header ? headerAt + 1 : firstData.i;
  const titleLines = indexed.filter((l) => l.i < dataStart && l.i !== headerAt).map((l) => l.text);
  const sampleCells = dataLines
    .filter((l) => l.i >= firstData.i)
    .slice(0, 200)
    .map((l) => splitCells(l.text, delimiter))
    .filter((c) => c.length >= delim.fields - 1);
  const column = (i: number): string[] => sampleCells.map((c) => c[i] ?? '');
  const width = Math.max(delim.fields, ...sampleCells.slice(0, 20).map((c) => c.length));

  const cols: Partial<Record<ImportField, number>> = {};
  let names: string[];
  if (header) {
    names = splitCells(lines[headerAt]!, delimiter).map((c) => c.replace(/^["']|["']$/g, ''));
    for (const [f, i] of header.fields) cols[f] = i;
    // 时间 and date may hold a whole date and time; a date column may be paired with a time column.
    if (cols.time !== undefined && cols.date === undefined && cols.datetime === undefined && dominantShape(column(cols.time)) === 'datetime') {
      cols.datetime = cols.time;
      delete cols.time;
    }
    if (cols.date !== undefined && cols.datetime === undefined && dominantShape(column(cols.date)) === 'datetime') {
      cols.datetime = cols.date;
      delete cols.date;
    }
    if (cols.datetime !== undefined && cols.date !== undefined && cols.time === undefined) delete cols.date;
  } else {
    names = Array.from({ length: width }, (_, i) => `col${i + 1}`);
    const shapes = Array.from({ length: width }, (_, i) => dominantShape(column(i)));
    let i = shapes.findIndex((s) => s === 'datetime' || s === 'date');
    if (i < 0) throw new DataError('NO_TIME_COLUMN');
    if (shapes[i] === 'datetime') cols.datetime = i++;
    else {
      cols.date = i++;
      if (shapes[i] === 'time' || (shapes[i] === 'number' && looksLikeHhmm(column(i)))) cols.time = i++;
    }
    const order: ImportField[] = ['open', 'high', 'low', 'close', 'volume', 'openInterest'];
    for (; i < width && order.length > 0; i++) if (shapes[i] === 'number') cols[order.shift()!] = i;
  }

  if (cols.datetime === undefined && cols.date === undefined) throw new DataError('NO_TIME_COLUMN');
  const isTick = cols.last !== undefined && (cols.open === undefined || cols.close === undefined || cols.bid !== undefined);
  if (!isTick) {
    const missing = (['open', 'high', 'low', 'close'] as const).filter((f) => cols[f] === undefined);
    if (missing.length > 0) {
      if (missing.length === 4 && cols.last === undefined) throw new DataError('NOT_MARKET_DATA', { detail: 'no price columns (open, high, low, close or last price)', detailZh: '没有价格列（开盘、最高、最低、收盘或最新价）' });
      throw new DataError('NO_PRICE_COLUMNS', { missing: missing.join(', '), missingZh: missing.map((f) => FIELD_ZH[f]).join('、') });
    }
  }
  // A headerless 通达信 time column written as HHMM numbers.
  if (cols.time !== undefined && header && dominantShape(column(cols.time)) === 'number' && !looksLikeHhmm(column(cols.time))) {
    throw new DataError('NOT_MARKET_DATA', { detail: `column "${names[cols.time]}" does not hold times`, detailZh: `“${names[cols.time]}”列不是时间` });
  }

  const dateCol = cols.datetime ?? cols.date!;
  const dateValues = column(dateCol);
  let dateOrder = detectDateOrder(dateValues);
  if (dateOrder === undefined) {
    dateOrder = hasShortDates(dateValues) ? 'mdy' : 'ymd';
    if (dateOrder === 'mdy') notes.push(dataMessage('NOTE_DATE_ORDER', { example: dateValues[0] ?? '', order: 'month/day/year', orderZh: '月/日/年' }));
  }

  // Which software wrote it, for the preview and the time convention when the data cannot tell.
  const nameSet = new Set(header?.names ?? []);
  const timeValues = cols.time === undefined ? [] : column(cols.time);
  const allText = lines.slice(0, Math.min(lines.length, 50)).join('\n') + '\n' + lines.slice(-3).join('\n');
  let format = 'plain';
  if (header?.prefix) format = 'tqsdk';
  else if (nameSet.has('dominant_id') || nameSet.has('underlying_symbol') || nameSet.has('total_turnover')) format = 'ricequant';
  else if (nameSet.has('symbol') && nameSet.has('exchange') && nameSet.has('datetime')) format = 'vnpy';
  else if (timeValues.some((v) => /^0?\.\d+$/.test(v.trim()))) format = 'tb';
  else if (/数据来源|通达信/.test(allText) || /分钟线|日线|\d+分钟/.test(titleLines.join(' ')) || (cols.time !== undefined && looksLikeHhmm(timeValues))) format = 'tdx';
  else if ((header?.names ?? []).some((n) => /[\u4e00-\u9fff]/.test(n)) && cols.datetime !== undefined) format = 'wh6';
  else if (dateOrder !== 'ymd' || lines.slice(0, 3).some((l) => /<date>/i.test(l)) || (header && names.some((n) => /^"?Date"?$/.test(n)) && cols.time !== undefined)) format = 'multicharts';
  const timeLabelHint: 'start' | 'end' = format === 'tdx' || format === 'wh6' || format === 'multicharts' ? 'end' : 'start';

  // Where the series id may come from, best first.
  const symbolHints: { text: string; source: string }[] = [];
  if (header?.prefix) symbolHints.push({ text: header.prefix, source: 'header' });
  let dominantColumn: string | undefined;
  if (header && nameSet.has('dominant_id')) {
    dominantColumn = 'dominant_id';
    const u = header.names.indexOf('underlying_symbol');
    const product = u >= 0 ? sampleCells[0]?.[u] : undefined;
    if (product) symbolHints.push({ text: `${product}888`, source: 'column' });
  }
  if (cols.symbol !== undefined) {
    const s = sampleCells[0]?.[cols.symbol];
    const e = cols.exchange === undefined ? undefined : sampleCells[0]?.[cols.exchange];
    if (s) symbolHints.push({ text: e ? `${s}.${e}` : s, source: 'column' });
  }
  for (const t of titleLines) for (const c of codesIn(t)) symbolHints.push({ text: c, source: 'title' });
  const stem = path.basename(file).replace(/\.[^.]+$/, '');
  symbolHints.push({ text: stem, source: 'file name' });
  for (const c of codesIn(stem.replace(/_/g, ' '))) symbolHints.push({ text: c, source: 'file name' });
  // cu_main_1min.csv, RB_1d_rq.csv: a product code with a word for main or a continuous-data vendor.
  const product = /^([A-Za-z]{1,3})(?:[_\- ](?:main|zl|主力|1d|1min|rq|daily))/i.exec(stem);
  if (product && /main|zl|主力|rq/i.test(stem)) symbolHints.push({ text: `${product[1]}888`, source: 'file name' });

  const mapping: ImportMapping = {
    encoding,
    delimiter,
    dataStart,
    kind: isTick ? 'tick' : 'bar',
    columns: cols,
    dateOrder,
    timeLabel: timeLabelHint,
    nightDate: 'calendar',
    checkSessions: true,
  };
  return dominantColumn === undefined
    ? { format, mapping, columns: names, titleLines, symbolHints, timeLabelHint, notes }
    : { format, mapping, columns: names, titleLines, symbolHints, dominantColumn, timeLabelHint, notes };
}
