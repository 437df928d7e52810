import { useMemo } from 'react';
import type { RoundTrip, TradeRecord } from '../../../shared/ipc/backtest';
import { formatShanghai } from '../../../shared/model/time';
import { useServices, useSlice, useT } from '../app/context';
import { fmtInt, fmtMoney, fmtPrice, trendClass } from '../i18n/format';
import { VirtualTable, type Column } from '../table/VirtualTable';

const when = (t: number): string => (t > 0 ? formatShanghai(t, false) : '—');
const code = (symbol: string): string => symbol.split('.').pop() ?? symbol;

/** Round trips (entries paired with exits, first in, first out) of a backtest or a strategy instance. */
export function RoundTripsTable({ trips, label }: { trips: readonly RoundTrip[]; label: string }) {
  const svc = useServices();
  const t = useT();
  const contracts = useSlice(svc.stores.market, (s) => s.contracts);
  const columns = useMemo((): Column<RoundTrip & { i: number }>[] => {
    const tick = (r: RoundTrip): number | undefined => contracts[r.symbol]?.priceTick;
    return [
      { key: 'i', title: '#', width: 44, align: 'right', sortValue: (r) => r.i, render: (r) => r.i + 1 },
      { key: 'symbol', title: t('col.symbol'), width: 74, sortValue: (r) => r.symbol, render: (r) => <span className="mono">{code(r.symbol)}</span> },
      { key: 'dir', title: t('col.direction'), width: 44, align: 'center', sortValue: (r) => r.direction, cellClass: (r) => (r.direction === 'long' ? 'up' : 'down'), render: (r) => t(`dir.${r.direction}`) },
      { key: 'volume', title: t('rt.volume'), width: 50, align: 'right', sortValue: (r) => r.volume, render: (r) => fmtInt(r.volume) },
      { key: 'entryTime', title: t('rt.entryTime'), width: 124, sortValue: (r) => r.entryTime, render: (r) => when(r.entryTime) },
      { key: 'entryPrice', title: t('rt.entryPrice'), width: 72, align: 'right', sortValue: (r) => r.entryPrice, render: (r) => fmtPrice(r.entryPrice, tick(r)) },
      { key: 'exitTime', title: t('rt.exitTime'), width: 124, sortValue: (r) => r.exitTime, render: (r) => when(r.exitTime) },
      { key: 'exitPrice', title: t('rt.exitPrice'), width: 72, align: 'right', sortValue: (r) => r.exitPrice, render: (r) => fmtPrice(r.exitPrice, tick(r)) },
      { key: 'pnl', title: t('rt.pnl'), width: 86, align: 'right', sortValue: (r) => r.pnl, cellClass: (r) => trendClass(r.pnl), render: (r) => fmtMoney(r.pnl) },
      { key: 'commission', title: t('col.commission'), width: 70, align: 'right', sortValue: (r) => r.commission, render: (r) => fmtMoney(r.commission) },
      { key: 'net', title: t('rt.netPnl'), width: 86, align: 'right', sortValue: (r) => r.netPnl, cellClass: (r) => trendClass(r.netPnl), render: (r) => fmtMoney(r.netPnl) },
      { key: 'mae', title: 'MAE', width: 78, align: 'right', sortValue: (r) => r.mae, hint: t('rt.maeHint'), render: (r) => fmtMoney(r.mae) },
      { key: 'mfe', title: 'MFE', width: 78, align: 'right', sortValue: (r) => r.mfe, hint: t('rt.mfeHint'), render: (r) => fmtMoney(r.mfe) },
      { key: 'bars', title: t('rt.bars'), width: 56, align: 'right', sortValue: (r) => r.bars, render: (r) => fmtInt(r.bars) },
      { key: 'source', title: t('col.source'), width: 90, sortValue: (r) => r.source, render: (r) => r.source },
    ];
  }, [t, contracts]);
  const rows = useMemo(() => trips.map((r, i) => ({ ...r, i })), [trips]);
  return <VirtualTable label={label} rows={rows} columns={columns} rowKey={(r) => String(r.i)} defaultSort={{ key: 'i', dir: 'asc' }} emptyText={t('rt.none')} />;
}

/** The fills of a backtest. */
export function FillsTable({ fills, label }: { fills: readonly TradeRecord[]; label: string }) {
  const svc = useServices();
  const t = useT();
  const contracts = useSlice(svc.stores.market, (s) => s.contracts);
  const columns = useMemo((): Column<TradeRecord>[] => {
    const tick = (r: TradeRecord): number | undefined => contracts[r.symbol]?.priceTick;
    return [
      { key: 'id', title: t('col.tradeId'), width: 64, align: 'right', sortValue: (r) => Number(r.id.slice(1)), filterText: (r) => r.id, render: (r) => r.id },
      { key: 'time', title: t('col.tradeTime'), width: 124, sortValue: (r) => r.time, render: (r) => when(r.time) },
      { key: 'symbol', title: t('col.symbol'), width: 74, sortValue: (r) => r.symbol, render: (r) => <span className="mono">{code(r.symbol)}</span> },
      { key: 'side', title: t('col.side'), width: 44, align: 'center', sortValue: (r) => r.side, cellClass: (r) => (r.side === 'buy' ? 'up' : 'down'), render: (r) => t(`side.${r.side}`) },
      { key: 'offset', title: t('col.offset'), width: 56, align: 'center', sortValue: (r) => r.offset, render: (r) => t(`offset.${r.offset}`) },
      { key: 'price', title: t('col.tradePrice'), width: 72, align: 'right', sortValue: (r) => r.price, render: (r) => fmtPrice(r.price, tick(r)) },
      { key: 'volume', title: t('col.tradeVolume'), width: 56, align: 'right', sortValue: (r) => r.volume, render: (r) => fmtInt(r.volume) },
      { key: 'commission', title: t('col.commission'), width: 70, align: 'right', sortValue: (r) => r.commission, render: (r) => fmtMoney(r.commission) },
      { key: 'slippage', title: t('bt.slippageCost'), width: 70, align: 'right', sortValue: (r) => r.slippage, render: (r) => fmtMoney(r.slippage) },
      { key: 'closeProfit', title: t('col.closeProfit'), width: 86, align: 'right', sortValue: (r) => r.closeProfit, cellClass: (r) => trendClass(r.closeProfit), render: (r) => fmtMoney(r.closeProfit) },
    ];
  }, [t, contracts]);
  return <VirtualTable label={label} rows={fills} columns={columns} rowKey={(r) => r.id} defaultSort={{ key: 'id', dir: 'asc' }} />;
}
