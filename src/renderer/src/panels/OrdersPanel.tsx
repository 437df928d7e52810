import { useMemo, useState } from 'react';
import { isTerminalStatus } from '../../../shared/model/enums';
import type { Order } from '../../../shared/model/types';
import { useLang, useServices, useSlice, useT } from '../app/context';
import { fmtInt, fmtPrice, fmtTime } from '../i18n/format';
import { VirtualTable, type Column } from '../table/VirtualTable';
import { orderStatusText } from '../../../shared/i18n/reasons';
import { ReplaceDialog } from './ReplaceDialog';

const isWorking = (o: Order): boolean => !isTerminalStatus(o.status);

/** 委托: every order of the day, or the working ones; cancel one (button, Delete key) or all. */
export function OrdersPanel() {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const version = useSlice(svc.stores.orders, (s) => s.version);
  const contracts = useSlice(svc.stores.market, (s) => s.contracts);
  const [workingOnly, setWorkingOnly] = useState(false);
  const [replacing, setReplacing] = useState<Order | undefined>(undefined);

  const rows = useMemo(() => {
    void version;
    const all = [...svc.stores.orders.getState().byId.values()];
    return workingOnly ? all.filter(isWorking) : all;
  }, [version, workingOnly, svc]);
  const workingCount = useMemo(() => {
    void version;
    let n = 0;
    for (const o of svc.stores.orders.getState().byId.values()) if (isWorking(o)) n++;
    return n;
  }, [version, svc]);

  const cancel = (o: Order): void => {
    if (isWorking(o)) void svc.cancelOrder(o.id);
  };

  const cancelAll = async (): Promise<void> => {
    if (workingCount === 0) return;
    if (!(await svc.ask(t('confirm.cancelAllTitle'), [t('confirm.cancelAllBody', { n: workingCount })], true))) return;
    try {
      const r = await svc.client.call('order.cancelAll', {});
      svc.notify('info', { key: 'orders.cancelled', params: { n: r.cancelled } });
    } catch (e) {
      svc.failed('what.cancel', e);
    }
  };

  const columns = useMemo((): Column<Order>[] => {
    const tickOf = (o: Order): number | undefined => contracts[o.symbol]?.priceTick;
    return [
      { key: 'time', title: t('col.time'), width: 80, sortValue: (o) => o.createdAt, render: (o) => fmtTime(o.createdAt) },
      { key: 'id', title: t('col.orderId'), width: 64, align: 'right', sortValue: (o) => Number(o.id.replace(/\D/g, '')) || 0, filterText: (o) => o.id, render: (o) => o.id },
      { key: 'symbol', title: t('col.symbol'), width: 74, sortValue: (o) => o.symbol, render: (o) => <span className="mono">{o.symbol.split('.').pop()}</span> },
      {
        key: 'side',
        title: t('col.side'),
        width: 44,
        align: 'center',
        sortValue: (o) => t(`side.${o.side}`),
        cellClass: (o) => (o.side === 'buy' ? 'up' : 'down'),
        render: (o) => t(`side.${o.side}`),
      },
      { key: 'offset', title: t('col.offset'), width: 56, align: 'center', sortValue: (o) => t(`offset.${o.offset}`), render: (o) => t(`offset.${o.offset}`) },
      { key: 'type', title: t('col.type'), width: 50, align: 'center', sortValue: (o) => o.type, filterText: (o) => t(`type.${o.type}`), render: (o) => t(`type.${o.type}`) },
      { key: 'price', title: t('col.orderPrice'), width: 72, align: 'right', sortValue: (o) => o.price, render: (o) => (o.type === 'market' ? t('type.market') : fmtPrice(o.price, tickOf(o))) },
      { key: 'volume', title: t('col.orderVolume'), width: 56, align: 'right', sortValue: (o) => o.volume, render: (o) => fmtInt(o.volume) },
      { key: 'traded', title: t('col.traded'), width: 56, align: 'right', sortValue: (o) => o.traded, render: (o) => fmtInt(o.traded) },
      {
        key: 'remaining',
        title: t('col.remaining'),
        width: 56,
        align: 'right',
        sortValue: (o) => (isWorking(o) ? o.volume - o.traded : 0),
        render: (o) => fmtInt(isWorking(o) ? o.volume - o.traded : 0),
      },
      { key: 'avg', title: t('col.avgFill'), width: 72, align: 'right', sortValue: (o) => o.avgPrice, render: (o) => fmtPrice(o.avgPrice, tickOf(o)) },
      {
        key: 'status',
        title: t('col.status'),
        width: 82,
        align: 'center',
        sortValue: (o) => t(`status.${o.status}`),
        cellClass: (o) => `st-${o.status}`,
        render: (o) => t(`status.${o.status}`),
      },
      { key: 'msg', title: t('col.statusMsg'), width: 260, sortValue: (o) => orderStatusText(o, lang), render: (o) => <span title={orderStatusText(o, lang)}>{orderStatusText(o, lang)}</span> },
      {
        key: 'source',
        title: t('col.source'),
        width: 70,
        sortValue: (o) => o.source,
        render: (o) => (o.source === 'manual' ? t('source.manual') : o.source),
      },
      {
        key: 'actions',
        title: t('col.actions'),
        width: 84,
        align: 'center',
        render: (o) =>
          isWorking(o) ? (
            <span className="row-actions">
              <button type="button" className="link-btn" onClick={() => cancel(o)} aria-label={t('orders.cancelRow', { id: o.id })}>
                {t('orders.cancel')}
              </button>
              {o.type === 'limit' && (
                <button type="button" className="link-btn" onClick={() => setReplacing(o)} aria-label={t('orders.replaceRow', { id: o.id })}>
                  {t('orders.replace')}
                </button>
              )}
            </span>
          ) : null,
      },
    ];
    // cancel only uses svc, which never changes; setReplacing is a state setter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, lang, contracts]);

  return (
    <div className="panel">
      <VirtualTable
        label={t('panel.orders')}
        rows={rows}
        columns={columns}
        rowKey={(o) => o.id}
        defaultSort={{ key: 'time', dir: 'desc' }}
        rowClass={(o) => (isWorking(o) ? 'working' : '')}
        onDelete={cancel}
        toolbar={
          <>
            <div className="seg-options small" role="radiogroup" aria-label={t('panel.orders')}>
              <button type="button" role="radio" aria-checked={!workingOnly} className={`seg-opt ${!workingOnly ? 'on' : ''}`} onClick={() => setWorkingOnly(false)}>
                {t('orders.all')}
              </button>
              <button type="button" role="radio" aria-checked={workingOnly} className={`seg-opt ${workingOnly ? 'on' : ''}`} onClick={() => setWorkingOnly(true)}>
                {t('orders.working')} {workingCount > 0 ? `(${workingCount})` : ''}
              </button>
            </div>
            <button type="button" className="btn small" disabled={workingCount === 0} onClick={() => void cancelAll()}>
              {t('orders.cancelAll')}
            </button>
          </>
        }
      />
      {replacing !== undefined && (
        <ReplaceDialog order={replacing} code={replacing.symbol.split('.').pop() ?? replacing.symbol} tick={contracts[replacing.symbol]?.priceTick} onClose={() => setReplacing(undefined)} />
      )}
    </div>
  );
}
