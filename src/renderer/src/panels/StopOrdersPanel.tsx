import { useMemo, useState } from 'react';
import { triggersAbove } from '../../../shared/model/stop-orders';
import type { StopOrder } from '../../../shared/model/types';
import { formatShanghai } from '../../../shared/model/time';
import { useServices, useSlice, useT } from '../app/context';
import { fmtInt, fmtPrice, fmtTime } from '../i18n/format';
import { VirtualTable, type Column } from '../table/VirtualTable';

const isWaiting = (s: StopOrder): boolean => s.status === 'waiting';

/**
 * 条件单: stop and stop-limit orders, the trader's and the strategies' (a trailing stop is one), waiting for their
 * trigger price or done, and 预埋单 waiting for their contract's open; cancel a waiting one (button, Delete key).
 */
export function StopOrdersPanel() {
  const svc = useServices();
  const t = useT();
  const version = useSlice(svc.stores.stopOrders, (s) => s.version);
  const contracts = useSlice(svc.stores.market, (s) => s.contracts);
  const [waitingOnly, setWaitingOnly] = useState(true);

  const all = useMemo(() => {
    void version;
    return [...svc.stores.stopOrders.getState().byId.values()];
  }, [version, svc]);
  const rows = useMemo(() => (waitingOnly ? all.filter(isWaiting) : all), [all, waitingOnly]);
  const waitingCount = useMemo(() => all.filter(isWaiting).length, [all]);

  const cancel = async (s: StopOrder): Promise<void> => {
    if (!isWaiting(s)) return;
    try {
      await svc.client.call('stopOrder.cancel', { id: s.id });
    } catch (e) {
      svc.failed('what.cancel', e);
    }
  };

  const columns = useMemo((): Column<StopOrder>[] => {
    const price = (s: StopOrder, p: number): string => fmtPrice(p, contracts[s.symbol]?.priceTick);
    return [
      { key: 'time', title: t('col.time'), width: 80, sortValue: (s) => s.createdAt, render: (s) => fmtTime(s.createdAt) },
      { key: 'id', title: t('col.stopId'), width: 64, align: 'right', sortValue: (s) => Number(s.id.replace(/\D/g, '')) || 0, filterText: (s) => s.id, render: (s) => s.id },
      { key: 'symbol', title: t('col.symbol'), width: 74, sortValue: (s) => s.symbol, render: (s) => <span className="mono">{s.symbol.split('.').pop()}</span> },
      { key: 'side', title: t('col.side'), width: 44, align: 'center', sortValue: (s) => s.side, cellClass: (s) => (s.side === 'buy' ? 'up' : 'down'), render: (s) => t(`side.${s.side}`) },
      { key: 'offset', title: t('col.offset'), width: 56, align: 'center', sortValue: (s) => s.offset, render: (s) => t(`offset.${s.offset}`) },
      {
        key: 'trigger',
        title: t('col.trigger'),
        width: 176,
        align: 'right',
        sortValue: (s) => s.openAt ?? s.triggerPrice,
        // A buy stop fires when the last price rises to it, a sell stop when it falls to it (a take-profit the other
        // way); a 预埋单 at the open. 止盈止损 says so.
        render: (s) =>
          s.openAt !== undefined
            ? `${t('stops.atOpen')} ${formatShanghai(s.openAt, false).slice(5)}`
            : `${s.bracket !== undefined ? `${t('stops.bracket')} ` : ''}${t('stops.lastPrice')} ${triggersAbove(s) ? '≥' : '≤'} ${price(s, s.triggerPrice)}`,
      },
      {
        key: 'then',
        title: t('col.stopOrderPrice'),
        width: 80,
        align: 'right',
        sortValue: (s) => s.limitPrice ?? 0,
        render: (s) => (s.limitPrice === undefined ? t('type.market') : price(s, s.limitPrice)),
      },
      { key: 'volume', title: t('col.orderVolume'), width: 56, align: 'right', sortValue: (s) => s.volume, render: (s) => fmtInt(s.volume) },
      {
        key: 'status',
        title: t('col.status'),
        width: 70,
        align: 'center',
        sortValue: (s) => s.status,
        cellClass: (s) => `st-stop-${s.status}`,
        render: (s) => (s.cancelledBy !== undefined ? <span title={t(`stops.cancelledBy.${s.cancelledBy}`)}>{t(`stops.status.${s.status}`)}</span> : t(`stops.status.${s.status}`)),
      },
      { key: 'orders', title: t('col.sentOrders'), width: 90, filterText: (s) => s.orderIds.join(' '), render: (s) => (s.orderIds.length > 0 ? s.orderIds.join(', ') : '—') },
      { key: 'source', title: t('col.source'), width: 90, sortValue: (s) => s.source, render: (s) => (s.source === 'manual' ? t('source.manual') : s.source) },
      {
        key: 'actions',
        title: t('col.actions'),
        width: 56,
        align: 'center',
        render: (s) =>
          isWaiting(s) ? (
            <span className="row-actions">
              <button type="button" className="link-btn" onClick={() => void cancel(s)} aria-label={t('stops.cancelRow', { id: s.id })}>
                {t('orders.cancel')}
              </button>
            </span>
          ) : null,
      },
    ];
    // cancel only uses svc, which never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, contracts]);

  return (
    <div className="panel">
      <VirtualTable
        label={t('panel.stops')}
        rows={rows}
        columns={columns}
        rowKey={(s) => s.id}
        defaultSort={{ key: 'time', dir: 'desc' }}
        rowClass={(s) => (isWaiting(s) ? 'working' : '')}
        {...(waitingOnly ? { emptyText: t('stops.noneWaiting') } : {})}
        onDelete={(s) => void cancel(s)}
        toolbar={
          <div className="seg-options small" role="radiogroup" aria-label={t('panel.stops')}>
            <button type="button" role="radio" aria-checked={waitingOnly} className={`seg-opt ${waitingOnly ? 'on' : ''}`} onClick={() => setWaitingOnly(true)}>
              {t('stops.waiting')} {waitingCount > 0 ? `(${waitingCount})` : ''}
            </button>
            <button type="button" role="radio" aria-checked={!waitingOnly} className={`seg-opt ${!waitingOnly ? 'on' : ''}`} onClick={() => setWaitingOnly(false)}>
              {t('orders.all')}
            </button>
          </div>
        }
      />
    </div>
  );
}
