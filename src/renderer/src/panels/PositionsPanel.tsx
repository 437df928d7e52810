import { useMemo, useState } from 'react';
import { isTerminalStatus } from '../../../shared/model/enums';
import { stopKind } from '../../../shared/model/stop-orders';
import type { Position, StopOrder } from '../../../shared/model/types';
import { useServices, useSlice, useT } from '../app/context';
import { fmtAvgPrice, fmtInt, fmtMoney, fmtPct, fmtPrice, trendClass } from '../i18n/format';
import { positionKey } from '../state/stores';
import { VirtualTable, type Column } from '../table/VirtualTable';
import { BracketDialog } from './BracketDialog';
import { closableOf, closeRequest, reverseOpenRequest } from './position-actions';

const pnlRatio = (p: Position): number | undefined => (p.margin > 0 ? p.floatProfit / p.margin : undefined);

/** 持仓: open positions with one-click close, reverse and flatten-all, each confirmed first. */
export function PositionsPanel() {
  const svc = useServices();
  const t = useT();
  const version = useSlice(svc.stores.positions, (s) => s.version);
  // The 止盈止损 triggers as one string: a strategy's trailing stop changes every bar and must not redraw the table.
  const bracketKey = useSlice(svc.stores.stopOrders, (s) => bracketsKey(s.byId.values()));
  const contracts = useSlice(svc.stores.market, (s) => s.contracts);
  const rows = useMemo(() => {
    void version;
    return [...svc.stores.positions.getState().byKey.values()];
  }, [version, svc]);

  const [bracketOf, setBracketOf] = useState<Position | undefined>(undefined);
  const dirText = (p: Position): string => t(`dir.${p.direction}`);
  const code = (p: Position): string => contracts[p.symbol]?.code ?? p.symbol.split('.').pop() ?? p.symbol;
  const tickOf = (symbol: string) => svc.stores.market.getState().ticks[symbol];

  const close = async (p: Position): Promise<void> => {
    const n = closableOf(p);
    if (n <= 0) return;
    if (!(await svc.ask(t('confirm.closeTitle'), [t('confirm.closeBody', { dir: dirText(p), symbol: code(p), n })]))) return;
    const req = closeRequest(p, tickOf(p.symbol));
    if (req) await svc.sendOrder(req);
  };

  // 止损: the ticket gets a stop closing what can be closed, from the last price; the trader sets the trigger and sends.
  const stopLoss = (p: Position): void => {
    const last = tickOf(p.symbol)?.last ?? p.lastPrice;
    svc.select(p.symbol);
    svc.selection.setState((s) => ({
      ticketFill: { nonce: (s.ticketFill?.nonce ?? 0) + 1, stop: { side: p.direction === 'long' ? 'sell' : 'buy', volume: closableOf(p), trigger: last } },
    }));
  };

  const reverse = async (p: Position): Promise<void> => {
    const n = closableOf(p);
    if (n <= 0) return;
    const opp = t(`dir.${p.direction === 'long' ? 'short' : 'long'}`);
    if (!(await svc.ask(t('confirm.reverseTitle'), [t('confirm.reverseBody', { dir: dirText(p), symbol: code(p), n, opp })], true))) return;
    const req = closeRequest(p, tickOf(p.symbol));
    if (req === undefined) return;
    const closes = await svc.sendOrder(req);
    // The new position is opened only if the close went in: a refused close must not leave the trader doubled up.
    if (closes === undefined || closes.some((o) => o.status === 'rejected' || (isTerminalStatus(o.status) && o.status !== 'filled'))) return;
    await svc.sendOrder(reverseOpenRequest(req));
  };

  const flatten = async (): Promise<void> => {
    const list = [...svc.stores.positions.getState().byKey.values()].filter((p) => closableOf(p) > 0);
    if (list.length === 0) return;
    const lines = [t('confirm.flattenBody', { n: list.length }), ...list.map((p) => `${code(p)} ${dirText(p)} ${closableOf(p)}`)];
    if (!(await svc.ask(t('confirm.flattenTitle'), lines, true))) return;
    for (const p of list) {
      const req = closeRequest(p, tickOf(p.symbol));
      if (req) await svc.sendOrder(req);
    }
  };

  // Each position's 止盈止损 pair, as its trigger prices: stop-loss / take-profit.
  const brackets = useMemo(() => bracketsOf(bracketKey), [bracketKey]);

  const columns = useMemo((): Column<Position>[] => {
    const tick = (p: Position): number | undefined => contracts[p.symbol]?.priceTick;
    const bracketText = (p: Position): string => {
      const b = brackets.get(`${p.symbol}|${p.direction}`);
      return b === undefined ? '' : `${b.stopLoss !== undefined ? fmtPrice(b.stopLoss, tick(p)) : '—'} / ${b.takeProfit !== undefined ? fmtPrice(b.takeProfit, tick(p)) : '—'}`;
    };
    return [
      { key: 'symbol', title: t('col.symbol'), width: 74, sortValue: (p) => p.symbol, render: (p) => <span className="mono strong">{p.symbol.split('.').pop()}</span> },
      {
        key: 'direction',
        title: t('col.direction'),
        width: 50,
        align: 'center',
        sortValue: (p) => p.direction,
        filterText: (p) => t(`dir.${p.direction}`),
        cellClass: (p) => (p.direction === 'long' ? 'up' : 'down'),
        render: (p) => t(`dir.${p.direction}`),
      },
      { key: 'volume', title: t('col.posVolume'), width: 56, align: 'right', sortValue: (p) => p.volume, render: (p) => fmtInt(p.volume) },
      { key: 'today', title: t('col.today'), width: 50, align: 'right', sortValue: (p) => p.todayVolume, render: (p) => fmtInt(p.todayVolume) },
      { key: 'yd', title: t('col.yd'), width: 50, align: 'right', sortValue: (p) => p.ydVolume, render: (p) => fmtInt(p.ydVolume) },
      { key: 'closable', title: t('col.closable'), width: 50, align: 'right', sortValue: closableOf, render: (p) => fmtInt(closableOf(p)) },
      { key: 'frozen', title: t('col.frozen'), width: 50, align: 'right', sortValue: (p) => p.frozen, render: (p) => fmtInt(p.frozen) },
      { key: 'avgOpen', title: t('col.avgOpenPrice'), width: 78, align: 'right', sortValue: (p) => p.avgOpenPrice, render: (p) => fmtAvgPrice(p.avgOpenPrice, tick(p)) },
      { key: 'avg', title: t('col.avgPrice'), width: 78, align: 'right', sortValue: (p) => p.avgPrice, render: (p) => fmtAvgPrice(p.avgPrice, tick(p)) },
      { key: 'last', title: t('col.last'), width: 70, align: 'right', sortValue: (p) => p.lastPrice, render: (p) => fmtPrice(p.lastPrice, tick(p)) },
      { key: 'float', title: t('col.floatProfit'), width: 84, align: 'right', sortValue: (p) => p.floatProfit, cellClass: (p) => trendClass(p.floatProfit), render: (p) => fmtMoney(p.floatProfit) },
      {
        key: 'posProfit',
        title: t('col.positionProfit'),
        width: 84,
        align: 'right',
        sortValue: (p) => p.positionProfit,
        cellClass: (p) => trendClass(p.positionProfit),
        render: (p) => fmtMoney(p.positionProfit),
      },
      { key: 'margin', title: t('col.margin'), width: 84, align: 'right', sortValue: (p) => p.margin, render: (p) => fmtMoney(p.margin) },
      {
        key: 'ratio',
        title: t('col.pnlRatio'),
        hint: `${t('col.pnlRatio')} = ${t('col.floatProfit')} ÷ ${t('col.margin')}`,
        width: 66,
        align: 'right',
        sortValue: (p) => pnlRatio(p) ?? 0,
        cellClass: (p) => trendClass(p.floatProfit),
        render: (p) => fmtPct(pnlRatio(p)),
      },
      { key: 'bracket', title: t('col.bracket'), hint: t('col.bracketHint'), width: 96, align: 'right', sortValue: bracketText, render: bracketText },
      {
        key: 'actions',
        title: t('col.actions'),
        width: 150,
        align: 'center',
        render: (p) => (
          <span className="row-actions">
            <button type="button" className="link-btn" disabled={closableOf(p) <= 0} onClick={() => void close(p)} aria-label={t('pos.closeRow', { symbol: code(p), dir: dirText(p) })}>
              {t('pos.close')}
            </button>
            <button type="button" className="link-btn" disabled={closableOf(p) <= 0} onClick={() => void reverse(p)} aria-label={t('pos.reverseRow', { symbol: code(p), dir: dirText(p) })}>
              {t('pos.reverse')}
            </button>
            <button type="button" className="link-btn" disabled={closableOf(p) <= 0} onClick={() => stopLoss(p)} aria-label={t('pos.stopRow', { symbol: code(p), dir: dirText(p) })}>
              {t('pos.stop')}
            </button>
            <button type="button" className="link-btn" disabled={closableOf(p) <= 0} onClick={() => setBracketOf(p)} aria-label={t('pos.bracketRow', { symbol: code(p), dir: dirText(p) })}>
              {t('pos.bracket')}
            </button>
          </span>
        ),
      },
    ];
    // The actions only use svc and t (a dependency already).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, contracts, brackets]);

  return (
    <div className="panel">
      <VirtualTable
        label={t('panel.positions')}
        rows={rows}
        columns={columns}
        rowKey={positionKey}
        onSelect={(p) => svc.select(p.symbol)}
        onDelete={(p) => void close(p)}
        toolbar={
          <button type="button" className="btn small danger" disabled={rows.length === 0} onClick={() => void flatten()}>
            {t('pos.flatten')}
          </button>
        }
      />
      {bracketOf !== undefined && <BracketDialog position={bracketOf} code={code(bracketOf)} tick={contracts[bracketOf.symbol]?.priceTick} onClose={() => setBracketOf(undefined)} />}
    </div>
  );
}

/** The waiting 止盈止损 stops as `symbol|direction|kind|price` lines, sorted: what 止损/止盈 shows, as a key. */
function bracketsKey(stops: Iterable<StopOrder>): string {
  const out: string[] = [];
  for (const s of stops) if (s.status === 'waiting' && s.bracket !== undefined) out.push(`${s.symbol}|${s.side === 'sell' ? 'long' : 'short'}|${stopKind(s)}|${s.triggerPrice}`);
  return out.sort().join('\n');
}

/** Each position's triggers, by `symbol|direction`. */
function bracketsOf(key: string): Map<string, { stopLoss?: number; takeProfit?: number }> {
  const out = new Map<string, { stopLoss?: number; takeProfit?: number }>();
  for (const line of key === '' ? [] : key.split('\n')) {
    const [symbol, direction, kind, price] = line.split('|');
    const at = `${symbol}|${direction}`;
    out.set(at, { ...out.get(at), [kind!]: Number(price) });
  }
  return out;
}
