import { useMemo, useState } from 'react';
import type { Trade } from '../../../shared/model/types';
import { useServices, useSlice, useT } from '../app/context';
import { fmtAvgPrice, fmtInt, fmtMoney, fmtPrice, fmtTime, trendClass } from '../i18n/format';
import type { Translate } from '../i18n/translate';
import { VirtualTable, type Column } from '../table/VirtualTable';
import { summarizeTrades, type TradeSummary } from './trade-summary';

/** 成交: the day's fills, newest first (明细), or taken together by contract, side and offset (汇总). */
export function TradesPanel() {
  const svc = useServices();
  const t = useT();
  const version = useSlice(svc.stores.trades, (s) => s.version);
  const contracts = useSlice(svc.stores.market, (s) => s.contracts);
  const [summary, setSummary] = useState(false);
  const rows = useMemo(() => {
    void version;
    return [...svc.stores.trades.getState().list];
  }, [version, svc]);
  const summaryRows = useMemo(() => (summary ? summarizeTrades(rows) : []), [summary, rows]);

  const columns = useMemo((): Column<Trade>[] => {
    const c = fillColumns<Trade>(t);
    return [
      { key: 'time', title: t('col.tradeTime'), width: 74, sortValue: (x) => x.time, render: (x) => fmtTime(x.time) },
      { key: 'id', title: t('col.tradeId'), width: 64, align: 'right', sortValue: (x) => Number(x.id.replace(/\D/g, '')) || 0, filterText: (x) => x.id, render: (x) => x.id },
      { key: 'orderId', title: t('col.orderId'), width: 64, align: 'right', sortValue: (x) => Number(x.orderId.replace(/\D/g, '')) || 0, filterText: (x) => x.orderId, render: (x) => x.orderId },
      c.symbol,
      c.side,
      c.offset,
      { key: 'price', title: t('col.tradePrice'), width: 74, align: 'right', sortValue: (x) => x.price, render: (x) => fmtPrice(x.price, contracts[x.symbol]?.priceTick) },
      c.volume,
      c.commission,
      c.closeProfit,
      { key: 'source', title: t('col.source'), width: 70, sortValue: (x) => x.source, render: (x) => (x.source === 'manual' ? t('source.manual') : x.source) },
    ];
  }, [t, contracts]);

  const summaryColumns = useMemo((): Column<TradeSummary>[] => {
    const c = fillColumns<TradeSummary>(t);
    return [
      c.symbol,
      c.side,
      c.offset,
      { key: 'fills', title: t('col.fills'), width: 56, align: 'right', sortValue: (x) => x.fills, render: (x) => fmtInt(x.fills) },
      c.volume,
      { key: 'avg', title: t('col.avgTradePrice'), width: 84, align: 'right', sortValue: (x) => x.avgPrice, render: (x) => fmtAvgPrice(x.avgPrice, contracts[x.symbol]?.priceTick) },
      c.commission,
      c.closeProfit,
      { key: 'time', title: t('col.lastTradeTime'), width: 84, sortValue: (x) => x.time, render: (x) => fmtTime(x.time) },
    ];
  }, [t, contracts]);

  const toggle = (
    <div className="seg-options small" role="radiogroup" aria-label={t('panel.trades')}>
      <button type="button" role="radio" aria-checked={!summary} className={`seg-opt ${!summary ? 'on' : ''}`} onClick={() => setSummary(false)}>
        {t('trades.detail')}
      </button>
      <button type="button" role="radio" aria-checked={summary} className={`seg-opt ${summary ? 'on' : ''}`} onClick={() => setSummary(true)}>
        {t('trades.summary')}
      </button>
    </div>
  );
  return (
    <div className="panel">
      {summary ? (
        <VirtualTable label={t('panel.trades')} rows={summaryRows} columns={summaryColumns} rowKey={(x) => x.key} defaultSort={{ key: 'time', dir: 'desc' }} toolbar={toggle} />
      ) : (
        <VirtualTable label={t('panel.trades')} rows={rows} columns={columns} rowKey={(x) => x.id} defaultSort={{ key: 'time', dir: 'desc' }} toolbar={toggle} />
      )}
    </div>
  );
}

/** What a fill and a summary of fills share: contract, side, offset, lots, fees and close P&L, each as a column. */
function fillColumns<R extends Pick<Trade, 'symbol' | 'side' | 'offset' | 'volume' | 'commission' | 'closeProfit'>>(
  t: Translate,
): Record<'symbol' | 'side' | 'offset' | 'volume' | 'commission' | 'closeProfit', Column<R>> {
  return {
    symbol: { key: 'symbol', title: t('col.symbol'), width: 74, sortValue: (x) => x.symbol, render: (x) => <span className="mono">{x.symbol.split('.').pop()}</span> },
    side: { key: 'side', title: t('col.side'), width: 44, align: 'center', sortValue: (x) => t(`side.${x.side}`), cellClass: (x) => (x.side === 'buy' ? 'up' : 'down'), render: (x) => t(`side.${x.side}`) },
    offset: { key: 'offset', title: t('col.offset'), width: 56, align: 'center', sortValue: (x) => t(`offset.${x.offset}`), render: (x) => t(`offset.${x.offset}`) },
    volume: { key: 'volume', title: t('col.tradeVolume'), width: 56, align: 'right', sortValue: (x) => x.volume, render: (x) => fmtInt(x.volume) },
    commission: { key: 'commission', title: t('col.commission'), width: 74, align: 'right', sortValue: (x) => x.commission, render: (x) => fmtMoney(x.commission) },
    closeProfit: {
      key: 'closeProfit',
      title: t('col.closeProfit'),
      width: 84,
      align: 'right',
      sortValue: (x) => x.closeProfit,
      cellClass: (x) => trendClass(x.closeProfit),
      render: (x) => (x.offset === 'open' ? '—' : fmtMoney(x.closeProfit)),
    },
  };
}
