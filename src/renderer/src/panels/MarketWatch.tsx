import { useMemo } from 'react';
import type { Contract, Tick } from '../../../shared/model/types';
import { useLang, useServices, useSlice, useT } from '../app/context';
import { contractName, fmtBig, fmtInt, fmtPct, fmtPrice, fmtSigned, fmtTime, trendClass } from '../i18n/format';
import { VirtualTable, type Column } from '../table/VirtualTable';
import { ContractPicker } from './ContractPicker';
import { decimalsOf } from '../../../shared/model/price';

interface WatchRow {
  readonly symbol: string;
  readonly code: string;
  readonly contract: Contract | undefined;
  readonly tick: Tick | undefined;
  /** +1 / -1 when the last price moved with this tick (the cell flashes), 0 otherwise. */
  readonly move: number;
}

const change = (t: Tick | undefined): number | undefined => (t && t.preSettlement > 0 ? t.last - t.preSettlement : undefined);
const num = (v: number | undefined): number => (v === undefined || !Number.isFinite(v) ? -Infinity : v);

/** 行情: the watch list with live quotes; a click selects the contract for the chart, ladder and ticket. */
export function MarketWatch() {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const ticks = useSlice(svc.stores.market, (s) => s.ticks);
  const watchlist = useSlice(svc.stores.market, (s) => s.watchlist);
  const contracts = useSlice(svc.stores.market, (s) => s.contracts);
  const selected = useSlice(svc.selection, (s) => s.symbol);

  const moves = useSlice(svc.stores.market, (s) => s.moves);
  const rows = useMemo(
    () =>
      watchlist.map(
        (symbol): WatchRow => ({
          symbol,
          code: contracts[symbol]?.code ?? symbol.split('.').pop() ?? symbol,
          contract: contracts[symbol],
          tick: ticks[symbol],
          move: moves[symbol] ?? 0,
        }),
      ),
    [watchlist, ticks, contracts, moves],
  );

  const removeSymbol = (symbol: string): void => {
    svc.client.call('market.watch', { remove: [symbol] }).then(
      (list) => svc.stores.market.setState({ watchlist: list }),
      (e: unknown) => svc.failed('what.watch', e),
    );
  };

  const columns = useMemo((): Column<WatchRow>[] => {
    const tickOf = (r: WatchRow): number | undefined => r.contract?.priceTick;
    const price = (key: string, title: string, get: (t: Tick) => number, width = 70): Column<WatchRow> => ({
      key,
      title,
      width,
      align: 'right',
      sortValue: (r) => (r.tick ? get(r.tick) : -Infinity),
      render: (r) => fmtPrice(r.tick ? get(r.tick) : undefined, tickOf(r)),
      cellClass: (r) => (r.tick ? trendClass(get(r.tick) - r.tick.preSettlement) : ''),
    });
    const int = (key: string, title: string, get: (t: Tick) => number, width = 72): Column<WatchRow> => ({
      key,
      title,
      width,
      align: 'right',
      sortValue: (r) => (r.tick ? get(r.tick) : -Infinity),
      render: (r) => fmtInt(r.tick ? get(r.tick) : undefined),
    });
    return [
      { key: 'symbol', title: t('col.symbol'), width: 76, sortValue: (r) => r.code, render: (r) => <span className="mono strong">{r.code}</span> },
      { key: 'name', title: t('col.name'), width: 96, sortValue: (r) => contractName(r.contract, lang), render: (r) => contractName(r.contract, lang) },
      {
        key: 'last',
        title: t('col.last'),
        width: 74,
        align: 'right',
        sortValue: (r) => num(r.tick?.last),
        cellClass: (r) => `strong ${trendClass(change(r.tick))}`,
        render: (r) =>
          r.move !== 0 ? (
            <span key={r.tick?.time} className={r.move > 0 ? 'flash-up' : 'flash-down'}>
              {fmtPrice(r.tick?.last, tickOf(r))}
            </span>
          ) : (
            fmtPrice(r.tick?.last, tickOf(r))
          ),
      },
      {
        key: 'change',
        title: t('col.change'),
        width: 62,
        align: 'right',
        sortValue: (r) => num(change(r.tick)),
        cellClass: (r) => trendClass(change(r.tick)),
        render: (r) => fmtSigned(change(r.tick), r.contract ? decimalsOf(r.contract.priceTick) : 0),
      },
      {
        key: 'changePct',
        title: t('col.changePct'),
        width: 66,
        align: 'right',
        sortValue: (r) => num(r.tick && r.tick.preSettlement > 0 ? change(r.tick)! / r.tick.preSettlement : undefined),
        cellClass: (r) => trendClass(change(r.tick)),
        render: (r) => fmtPct(r.tick && r.tick.preSettlement > 0 ? change(r.tick)! / r.tick.preSettlement : undefined),
      },
      price('bid', t('col.bid'), (x) => x.bid),
      int('bidVol', t('col.bidVol'), (x) => x.bidVolume, 60),
      price('ask', t('col.ask'), (x) => x.ask),
      int('askVol', t('col.askVol'), (x) => x.askVolume, 60),
      int('volume', t('col.volume'), (x) => x.volume, 84),
      int('oi', t('col.oi'), (x) => x.openInterest, 84),
      {
        key: 'oiChange',
        title: t('col.oiChange'),
        width: 70,
        align: 'right',
        sortValue: (r) => (r.tick ? r.tick.openInterest - r.tick.preOpenInterest : -Infinity),
        cellClass: (r) => (r.tick ? trendClass(r.tick.openInterest - r.tick.preOpenInterest) : ''),
        render: (r) => (r.tick && r.tick.preOpenInterest > 0 ? fmtSigned(r.tick.openInterest - r.tick.preOpenInterest, 0) : '—'),
      },
      price('open', t('col.open'), (x) => x.open),
      price('high', t('col.high'), (x) => x.high),
      price('low', t('col.low'), (x) => x.low),
      { ...price('preSettle', t('col.preSettle'), (x) => x.preSettlement), cellClass: () => '' },
      { ...price('preClose', t('col.preClose'), (x) => x.preClose), cellClass: () => '' },
      { ...price('limitUp', t('col.limitUp'), (x) => x.limitUp), cellClass: () => 'up' },
      { ...price('limitDown', t('col.limitDown'), (x) => x.limitDown), cellClass: () => 'down' },
      {
        key: 'turnover',
        title: t('col.turnover'),
        width: 84,
        align: 'right',
        sortValue: (r) => num(r.tick?.turnover),
        render: (r) => fmtBig(r.tick?.turnover, lang),
      },
      { key: 'time', title: t('col.time'), width: 70, align: 'right', sortValue: (r) => num(r.tick?.time), render: (r) => fmtTime(r.tick?.time) },
      {
        key: 'remove',
        title: '',
        width: 28,
        align: 'center',
        render: (r) => (
          <span className="row-actions">
            <button type="button" className="icon-btn" aria-label={t('watch.removeRow', { symbol: r.code })} title={t('watch.remove')} onClick={() => removeSymbol(r.symbol)}>
              ×
            </button>
          </span>
        ),
      },
    ];
    // removeSymbol only uses svc, which never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, lang]);

  const add = (c: Contract): void => {
    svc.client.call('market.watch', { add: [c.symbol] }).then(
      (list) => {
        svc.stores.market.setState({ watchlist: list });
        svc.select(c.symbol);
      },
      (e: unknown) => svc.failed('what.watch', e),
    );
  };

  return (
    <div className="panel panel-watch">
      <VirtualTable
        label={t('panel.watch')}
        rows={rows}
        columns={columns}
        rowKey={(r) => r.symbol}
        selectedKey={selected ?? ''}
        onSelect={(r) => svc.select(r.symbol)}
        onDelete={(r) => removeSymbol(r.symbol)}
        filterable={false}
        emptyText={t('watch.empty')}
        toolbar={
          <ContractPicker label={t('watch.addLabel')} placeholder={t('watch.addPlaceholder')} onPick={add} />
        }
      />
    </div>
  );
}
