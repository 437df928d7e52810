import { ApiError } from '../../shared/ipc/define';
import { reason } from '../../shared/i18n/reasons';
import type { Snapshot } from '../../shared/ipc/trading';
import { stopsShown } from '../../shared/model/stop-orders';
import { formatDay } from '../../shared/model/time';
import type { Terminal } from '../engine/terminal';
import { commissionOf, marginOf } from '../trading/fees';
import { isTradingTime, nextSessionOpen } from '../engine/sessions';
import type { ChartService } from './charts';
import { ReasonError } from './reason-error';
import type { HandlerMap } from './service';

type TradingHandlers = Pick<
  HandlerMap,
  | 'snapshot.get'
  | 'order.estimate'
  | 'order.send'
  | 'order.cancel'
  | 'order.cancelAll'
  | 'order.replace'
  | 'account.transfer'
  | 'account.statement'
  | 'order.park'
  | 'stopOrder.send'
  | 'stopOrder.cancel'
  | 'position.bracket'
  | 'market.contracts'
  | 'market.watch'
  | 'market.bars'
  | 'chart.subscribe'
>;

export function tradingHandlers(t: Terminal, charts: ChartService): TradingHandlers {
  const resolveOrThrow = (symbol: string): string => {
    const c = t.contracts.tryResolve(symbol, t.active.tradingDay || undefined);
    if ('error' in c) throw new ApiError('UNKNOWN_CONTRACT', c.error, 'symbol');
    return c.symbol;
  };
  return {
    'snapshot.get': (): Snapshot => {
      const engine = t.active;
      const day = engine.tradingDay;
      const ticks = [];
      for (const q of engine.market.all()) if (q.tick !== undefined) ticks.push(q.tick);
      return {
        accountId: engine.portfolio.account.accountId,
        mode: t.activeMode,
        tradingDay: day,
        clock: engine.clock.now(),
        watchlist: [...t.watchlist],
        contracts: t.watchlist.map((s) => t.contracts.resolve(s)),
        ticks,
        orders: [...engine.oms.orders.values()].filter((o) => o.tradingDay >= day || o.status === 'submitted' || o.status === 'partFilled'),
        trades: t.activeStore.tradesSince(day),
        positions: engine.portfolio.openPositions(),
        stopOrders: stopsShown(engine.stops.stops.values()),
        account: engine.accountSnapshot(),
        gateways: engine.gatewayStatuses(),
        logs: t.recentLogs(),
      };
    },
    'order.estimate': ({ symbol, side, price, volume }) => {
      const engine = t.active;
      const contract = t.contracts.resolve(resolveOrThrow(symbol));
      const direction = side === 'buy' ? 'long' : 'short';
      const closes = engine.portfolio.positions.get(contract.symbol);
      const closed = closes === undefined ? undefined : side === 'buy' ? closes.short : closes.long;
      const perLot = price > 0 ? marginOf(contract, direction, price, 1) + commissionOf(contract, 'open', price, 1) : 0;
      const lots = volume ?? 1;
      const now = engine.clock.now();
      const trading = isTradingTime(contract, t.contracts.calendar, now);
      const nextOpen = trading ? undefined : nextSessionOpen(contract, t.contracts.calendar, now);
      return {
        symbol: contract.symbol,
        maxOpen: perLot > 0 ? Math.max(0, Math.floor(engine.portfolio.available() / perLot)) : 0,
        closable: closed?.available ?? 0,
        closableToday: closed?.availableToday ?? 0,
        closableYd: closed?.availableYd ?? 0,
        margin: price > 0 ? marginOf(contract, direction, price, lots) : 0,
        commission: price > 0 ? commissionOf(contract, 'open', price, lots) : 0,
        trading,
        ...(nextOpen !== undefined ? { nextOpen } : {}),
      };
    },
    'order.send': (req) => ({ orders: t.active.sendOrder({ ...req, source: 'manual' }).map((o) => ({ ...o })) }),
    'order.cancel': ({ orderId }) => {
      const why = t.active.cancelOrder(orderId);
      if (why !== undefined) throw new ReasonError(why, 'orderId');
      return { ok: true };
    },
    'order.cancelAll': ({ symbol }) => ({ cancelled: t.active.cancelAll(symbol === undefined ? undefined : resolveOrThrow(symbol)) }),
    'order.replace': ({ orderId, price, volume }) => {
      const why = t.active.replaceOrder(orderId, price, volume);
      if (why !== undefined) throw new ReasonError(why, why.code.startsWith('ORDER_') || why.code.startsWith('REPLACE_') ? 'orderId' : why.code.startsWith('VOLUME') ? 'volume' : 'price');
      return { ok: true };
    },
    'account.transfer': ({ amount }) => {
      if (t.activeMode === 'live') throw new ReasonError(reason('TRANSFER_LIVE'));
      const why = t.active.transfer(amount);
      if (why !== undefined) throw new ReasonError(why, 'amount');
      return t.active.accountSnapshot();
    },
    'account.statement': ({ tradingDay }) => {
      const { body, trades, ...view } = t.activeStore.statement(tradingDay);
      if (tradingDay !== undefined && view.tradingDay === undefined) throw new ReasonError(reason('STATEMENT_NOT_FOUND', { day: formatDay(tradingDay) }), 'tradingDay');
      if (body === undefined) return view;
      const multipliers: Record<string, number> = {};
      for (const tr of trades ?? []) {
        const c = t.contracts.get(tr.symbol) ?? t.contracts.tryResolve(tr.symbol, tr.tradingDay);
        if (!('error' in c)) multipliers[tr.symbol] = c.multiplier;
      }
      return { ...view, statement: { ...body, trades: trades ?? [], multipliers } };
    },
    'stopOrder.send': (req) => {
      const r = t.active.sendStopOrder({ ...req, source: 'manual' });
      if ('code' in r) throw new ReasonError(r);
      return { ...r };
    },
    'order.park': (req) => {
      const r = t.active.parkOrder({ ...req, source: 'manual' });
      if ('code' in r) throw new ReasonError(r);
      return { ...r };
    },
    'position.bracket': (req) => {
      const r = t.active.bracketPosition({ ...req, source: 'manual' });
      if (!Array.isArray(r)) throw new ReasonError(r);
      return r.map((s) => ({ ...s }));
    },
    'stopOrder.cancel': ({ id }) => {
      if (!t.active.cancelStopOrder(id)) throw new ApiError('STOP_NOT_FOUND', `条件单 ${id} 不存在或已触发`, 'id');
      return { ok: true };
    },
    'market.contracts': ({ query, limit }) => t.contracts.search(query ?? '', t.active.tradingDay || t.contracts.calendar.last, limit ?? 50),
    'market.watch': ({ add, remove }) => {
      const list = [...t.watchlist];
      for (const s of add ?? []) {
        const symbol = resolveOrThrow(s);
        if (!list.includes(symbol)) list.push(symbol);
      }
      for (const s of remove ?? []) {
        const i = list.indexOf(resolveOrThrow(s));
        if (i >= 0) list.splice(i, 1);
      }
      t.setWatchlist(list);
      t.subscribeLive(list);
      return [...list];
    },
    'market.bars': ({ symbol, period, count }) => charts.bars(resolveOrThrow(symbol), period, count),
    'chart.subscribe': ({ symbol, period }) => {
      charts.subscribe(resolveOrThrow(symbol), period);
      return { ok: true };
    },
  };
}
