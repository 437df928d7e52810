import type { SettlementStatement } from '../../../shared/model/statement';
import { formatDay, formatShanghai } from '../../../shared/model/time';
import { fmtMoney, fmtRatio } from '../i18n/format';
import type { Translate } from '../i18n/translate';

/**
 * 结算单 as text, laid out as a broker's statement is: 资金状况, 成交明细, 持仓汇总 in fixed-width columns (a Chinese
 * character is two columns wide). The dialog shows this text and the trader saves the same text to a file.
 */
export function statementText(s: SettlementStatement, t: Translate): string {
  const out: string[] = [];
  const f = s.funds;
  out.push(center(t('stmt.title'), RULE.length), '');
  out.push(pair(`${t('stmt.account')}: ${s.accountId}`, `${t('stmt.tradingDay')}: ${formatDay(s.tradingDay)}`));
  out.push(pair(`${t('stmt.settledAt')}: ${formatShanghai(s.settledAt)}`, `${t('stmt.currency')}: ${t('stmt.cny')}`), '');

  out.push(t('stmt.funds'), RULE);
  const funds: [string, string][] = [
    [t('stmt.preBalance'), fmtMoney(f.preBalance)],
    [t('stmt.deposit'), fmtMoney(f.deposit)],
    [t('stmt.withdraw'), fmtMoney(f.withdraw)],
    [t('stmt.closeProfit'), fmtMoney(f.closeProfit)],
    [t('stmt.positionProfit'), fmtMoney(f.positionProfit)],
    [t('stmt.commission'), fmtMoney(f.commission)],
    [t('stmt.balance'), fmtMoney(f.balance)],
    [t('stmt.margin'), fmtMoney(f.margin)],
    [t('stmt.available'), fmtMoney(f.available)],
    [t('stmt.riskRatio'), fmtRatio(f.riskRatio)],
  ];
  for (let i = 0; i < funds.length; i += 2) {
    const cell = ([label, value]: [string, string]): string => padEnd(label, 18) + padStart(value, 18);
    out.push(funds[i + 1] === undefined ? cell(funds[i]!) : `${cell(funds[i]!)}    ${cell(funds[i + 1]!)}`);
  }
  out.push(RULE, '');

  out.push(t('stmt.trades'));
  if (s.trades.length === 0) out.push(RULE, t('stmt.noTrades'), RULE);
  else {
    let lots = 0;
    let turnover = 0;
    let commission = 0;
    let closeProfit = 0;
    const rows = s.trades.map((tr) => {
      const amount = tr.price * tr.volume * (s.multipliers[tr.symbol] ?? 0);
      lots += tr.volume;
      turnover += amount;
      commission += tr.commission;
      closeProfit += tr.closeProfit;
      return [
        formatShanghai(tr.time),
        tr.symbol,
        t(`side.${tr.side}`),
        t(`offset.${tr.offset}`),
        price(tr.price),
        String(tr.volume),
        amount > 0 ? fmtMoney(amount) : '—',
        fmtMoney(tr.commission),
        fmtMoney(tr.closeProfit),
      ];
    });
    rows.push([t('stmt.total'), '', '', '', '', String(lots), turnover > 0 ? fmtMoney(turnover) : '—', fmtMoney(commission), fmtMoney(closeProfit)]);
    out.push(...table(TRADE_COLUMNS, t, rows));
  }
  out.push('');

  out.push(t('stmt.holdings'));
  if (s.holdings.length === 0) out.push(RULE, t('stmt.noHoldings'), RULE);
  else {
    let profit = 0;
    let margin = 0;
    const rows = s.holdings.map((h) => {
      profit += h.positionProfit;
      margin += h.margin;
      return [
        h.symbol,
        String(h.longVolume),
        h.longVolume > 0 ? price(h.longPrice) : '—',
        String(h.shortVolume),
        h.shortVolume > 0 ? price(h.shortPrice) : '—',
        h.preSettlement > 0 ? price(h.preSettlement) : '—',
        price(h.settlement),
        fmtMoney(h.positionProfit),
        fmtMoney(h.margin),
      ];
    });
    rows.push([t('stmt.total'), '', '', '', '', '', '', fmtMoney(profit), fmtMoney(margin)]);
    out.push(...table(HOLDING_COLUMNS, t, rows));
  }
  out.push('', ...wrap(t('stmt.note'), RULE.length));
  return out.join('\n');
}

/** The file a statement is saved as: 结算单_sim_20260107.txt (the account id made safe for a file name). */
export function statementFileName(s: { readonly accountId: string; readonly tradingDay: number }, t: Translate): string {
  return `${t('stmt.fileStem')}_${s.accountId.replace(/[^\w.-]+/g, '-')}_${s.tradingDay}.txt`;
}

interface Column {
  readonly title: Parameters<Translate>[0];
  readonly width: number;
  readonly right?: boolean;
}

const TRADE_COLUMNS: readonly Column[] = [
  { title: 'stmt.col.time', width: 19 },
  { title: 'stmt.col.symbol', width: 14 },
  { title: 'stmt.col.side', width: 5 },
  { title: 'stmt.col.offset', width: 10 },
  { title: 'stmt.col.price', width: 10, right: true },
  { title: 'stmt.col.lots', width: 6, right: true },
  { title: 'stmt.col.turnover', width: 16, right: true },
  { title: 'stmt.col.commission', width: 10, right: true },
  { title: 'stmt.col.closeProfit', width: 12, right: true },
];

const HOLDING_COLUMNS: readonly Column[] = [
  { title: 'stmt.col.symbol', width: 14 },
  { title: 'stmt.col.longVolume', width: 8, right: true },
  { title: 'stmt.col.longPrice', width: 11, right: true },
  { title: 'stmt.col.shortVolume', width: 8, right: true },
  { title: 'stmt.col.shortPrice', width: 11, right: true },
  { title: 'stmt.col.preSettlement', width: 11, right: true },
  { title: 'stmt.col.settlement', width: 11, right: true },
  { title: 'stmt.col.positionProfit', width: 14, right: true },
  { title: 'stmt.col.margin', width: 14, right: true },
];

const RULE = '-'.repeat(114);

/** Rows under the columns' titles, the last row (the totals) ruled off. */
function table(columns: readonly Column[], t: Translate, rows: readonly string[][]): string[] {
  const line = (cells: readonly string[]): string =>
    `|${cells.map((c, i) => (columns[i]!.right ? padStart(c, columns[i]!.width) : padEnd(c, columns[i]!.width))).join('|')}|`;
  const border = `+${columns.map((c) => '-'.repeat(c.width)).join('+')}+`;
  return [border, line(columns.map((c) => t(c.title))), border, ...rows.slice(0, -1).map(line), border, line(rows[rows.length - 1]!), border];
}

/** A price as it was traded: no invented decimals, at most four. */
function price(v: number): string {
  return Number.isFinite(v) && v > 0 ? String(Number(v.toFixed(4))) : '—';
}

/** Columns a string takes in a monospaced font: East Asian wide and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

/** Lines of at most `width` columns: broken at spaces where the text has them, else between characters (Chinese). */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/(?<= )/)) {
    for (const ch of displayWidth(word) > width ? [...word] : [word]) {
      if (line !== '' && displayWidth(line + ch.trimEnd()) > width) {
        out.push(line.trimEnd());
        line = '';
      }
      line += ch;
    }
  }
  if (line.trim() !== '') out.push(line.trimEnd());
  return out;
}

function pair(left: string, right: string): string {
  return padEnd(left, 57) + right;
}

function center(s: string, width: number): string {
  return ' '.repeat(Math.max(0, Math.floor((width - displayWidth(s)) / 2))) + s;
}
