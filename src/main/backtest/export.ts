import type { BacktestResult, ReportFile, ReportFormat } from '../../shared/ipc/backtest';
import { formatDay, formatShanghai } from '../../shared/model/time';
import { renderHtmlReport } from './report';

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
function cell(v: string | number): string {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  // A BOM so that Excel on a Chinese Windows opens the file as UTF-8.
  return '\ufeff' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function tradesCsv(r: BacktestResult): string {
  return csv(
    ['id', 'time', 'trading_day', 'symbol', 'side', 'offset', 'price', 'volume', 'commission', 'slippage', 'close_profit', 'source'],
    r.trades.map((t) => [t.id, formatShanghai(t.time), t.tradingDay, t.symbol, t.side, t.offset, t.price, t.volume, t.commission, t.slippage, t.closeProfit, t.source]),
  );
}

export function dailyCsv(r: BacktestResult): string {
  return csv(
    ['trading_day', 'balance', 'net_pnl', 'close_profit', 'position_profit', 'commission', 'slippage', 'turnover', 'trade_count', 'return', 'drawdown', 'drawdown_percent'],
    r.daily.map((d) => [formatDay(d.tradingDay), d.balance, d.netPnl, d.closeProfit, d.positionProfit, d.commission, d.slippage, d.turnover, d.tradeCount, d.return, d.drawdown, d.drawdownPercent]),
  );
}

export function roundTripsCsv(r: BacktestResult): string {
  return csv(
    ['symbol', 'source', 'direction', 'volume', 'entry_time', 'entry_price', 'exit_time', 'exit_price', 'pnl', 'commission', 'net_pnl', 'mae', 'mfe', 'bars'],
    r.roundTrips.map((t) => [
      t.symbol,
      t.source,
      t.direction,
      t.volume,
      formatShanghai(t.entryTime),
      t.entryPrice,
      formatShanghai(t.exitTime),
      t.exitPrice,
      t.pnl,
      t.commission,
      t.netPnl,
      t.mae,
      t.mfe,
      t.bars,
    ]),
  );
}

/** The whole result as JSON (an infinite profit factor is written as null). */
export function resultJson(r: BacktestResult): string {
  return JSON.stringify(r, null, 1);
}

/** A report or export of a run as a file: its name, MIME type and content. */
export function reportFile(r: BacktestResult, format: ReportFormat): ReportFile {
  const base = `backtest-${r.id ?? 'run'}-${r.settings.symbols.join('_').replace(/[^A-Za-z0-9@._-]/g, '_')}-${r.settings.from}-${r.settings.to}`;
  switch (format) {
    case 'html':
      return { fileName: `${base}.html`, mime: 'text/html', content: renderHtmlReport(r) };
    case 'json':
      return { fileName: `${base}.json`, mime: 'application/json', content: resultJson(r) };
    case 'trades.csv':
      return { fileName: `${base}-trades.csv`, mime: 'text/csv', content: tradesCsv(r) };
    case 'daily.csv':
      return { fileName: `${base}-daily.csv`, mime: 'text/csv', content: dailyCsv(r) };
    case 'roundtrips.csv':
      return { fileName: `${base}-roundtrips.csv`, mime: 'text/csv', content: roundTripsCsv(r) };
  }
}
