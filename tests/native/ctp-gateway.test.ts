// The CtpGateway and CtpMarketData wired to a real TradingEngine over the real addon and ctp-sim: what a trader sees
// when trading live, from the login to fills, rejects, cancels, a dropped connection and its recovery.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gatewayStatusText } from '../../src/shared/i18n/gateway-messages';
import type { GatewayStatus, Order, Trade } from '../../src/shared/model/types';
import { wallClock } from '../../src/main/engine/clock';
import { MemoryRecorder } from '../../src/main/engine/recorder';
import { TradingEngine } from '../../src/main/engine/trading-engine';
import { CtpGateway, type CtpGatewayOptions } from '../../src/main/gateway/ctp/ctp-gateway';
import { CtpMarketData } from '../../src/main/gateway/ctp/market-data';
import { tickToDepth } from '../../src/main/gateway/ctp/sim-control';
import { ContractRegistry } from '../../src/main/trading/contracts';
import type { CtpAccountConfig } from '../../src/shared/ipc/accounts';
import { BROKER, MD_FRONT, TRADE_FRONT, account, fastSim, listedCode, newUser, quote, sim, sleep, tempDir, waitUntil } from './harness';

const contracts = ContractRegistry.load();

interface Live {
  readonly engine: TradingEngine;
  readonly gw: CtpGateway;
  readonly md: CtpMarketData;
  readonly statuses: GatewayStatus[];
  readonly trades: Trade[];
  readonly logs: string[];
  order(id: string): Order;
}

const running: Live[] = [];

function live(acc: CtpAccountConfig, options: Partial<CtpGatewayOptions> = {}): Live {
  const dir = tempDir('gw');
  const gw = new CtpGateway({ account: acc, contracts, flowDir: dir, connectTimeoutMs: 2000, retryDelaysMs: [50, 100], refreshDelayMs: 50, ...options });
  const logs: string[] = [];
  gw.events.on('log', (l) => logs.push(`${l.level} ${l.message}`));
  const statuses: GatewayStatus[] = [];
  const engine = new TradingEngine({ accountId: acc.userId, initialBalance: 1_000_000, contracts, clock: wallClock, gateway: gw, recorder: new MemoryRecorder() });
  engine.bus.on('gateway', (s) => statuses.push(s));
  const trades: Trade[] = [];
  engine.bus.on('trade', (t) => trades.push(t));
  const md = new CtpMarketData({ account: acc, contracts, flowDir: dir, onTick: (t) => engine.onTick(t), onStatus: (s) => statuses.push(s) });
  md.connect();
  const l: Live = { engine, gw, md, statuses, trades, logs, order: (id) => engine.oms.get(id)! };
  running.push(l);
  return l;
}

async function ready(l: Live): Promise<void> {
  await waitUntil(() => l.gw.isReady && l.md.isLoggedIn, 5000, 'login');
}

/** A logged-in live terminal with a quote of a listed rb contract in the engine. */
async function trading(user = newUser(), ask = { price: 3501, volume: 10 }): Promise<Live & { symbol: string; code: string }> {
  const l = live(account(user));
  await ready(l);
  const code = listedCode('rb');
  const symbol = `SHFE.${code}`;
  l.md.subscribe([symbol]);
  sim.injectQuote(quote(code, 3500, { AskPrice1: ask.price, AskVolume1: ask.volume }));
  await waitUntil(() => l.engine.market.get(symbol)?.last === 3500, 5000, 'quote in the engine');
  return { ...l, symbol, code };
}

beforeAll(() => fastSim());
afterEach(() => {
  for (const l of running.splice(0)) {
    l.gw.disconnect();
    l.md.disconnect();
  }
  sim.setQueryLimit(50);
});

describe('login', () => {
  it('reports each step of the login and ends connected on the trading day', async () => {
    const user = newUser();
    const l = live(account(user));
    await ready(l);
    // The engine subscribes to statuses after its constructor connected the gateway: the log has them all.
    expect(l.logs.filter((m) => m.startsWith('info'))).toEqual([
      'info 正在连接交易前置 tcp://127.0.0.1:40001',
      'info 正在进行客户端认证（看穿式认证）',
      `info 正在登录 ${BROKER} / ${user}`,
      'info 正在确认结算单',
      `info 已登录 ${BROKER} / ${user}，交易日 ${sim.stat('trading_day')}`,
    ]);
    expect(l.statuses.find((s) => s.gateway === `ctp:${user}` && s.state === 'connected')).toMatchObject({ tradingDay: sim.stat('trading_day') });
    expect(l.gw.tradingDay).toBe(sim.stat('trading_day'));
  });

  it('stops at a wrong password with a message saying so, after one attempt only', async () => {
    const user = newUser();
    sim.addAccount({ brokerId: BROKER, userId: user, password: 'right', appId: 'client_app', authCode: '0000000000000000' });
    const attempts = sim.stat('login_attempts');
    const l = live(account(user, { password: 'wrong' }));
    await waitUntil(() => l.statuses.some((s) => s.state === 'error'), 5000, 'error status');
    await sleep(400);
    const error = l.statuses.find((s) => s.state === 'error')!;
    expect(error.message).toBe('登录失败：资金账号或密码错误（CTP 3：CTP:不合法的登录）。为免账号被锁定，不再自动重试');
    // A client in English words the same status in English (the broker's own text stays as the broker sent it).
    expect(gatewayStatusText(error, 'en')).toBe('Login failed: wrong user ID or password (CTP 3: CTP:不合法的登录). Not retrying, so the account is not locked');
    expect(sim.stat('login_attempts') - attempts).toBe(1);
    expect(l.gw.isReady).toBe(false);
  });

  it('says the AppID or AuthCode is wrong, and that a broker requiring authentication needs them', async () => {
    const user = newUser();
    sim.addAccount({ brokerId: BROKER, userId: user, password: 'p', appId: 'client_app', authCode: 'REALCODE' });
    const wrongCode = live(account(user, { password: 'p', authCode: 'WRONGCODE' }));
    await waitUntil(() => wrongCode.statuses.some((s) => s.state === 'error'), 5000);
    expect(wrongCode.statuses.find((s) => s.state === 'error')!.message).toBe(
      '客户端认证失败：AppID 或授权码（AuthCode）不正确，请向期货公司核对（CTP 63：CTP:客户端认证失败）',
    );
    const noAuth = live(account(user, { password: 'p', appId: '', authCode: '' }));
    await waitUntil(() => noAuth.statuses.some((s) => s.state === 'error'), 5000);
    expect(noAuth.statuses.find((s) => s.state === 'error')!.message).toBe(
      '未通过客户端认证：该期货公司要求看穿式认证，请填写 AppID 和授权码（CTP 64：CTP:客户端未认证）',
    );
  });

  it('says the front is unreachable when it does not answer, and logs in once it does', async () => {
    const front = 'tcp://127.0.0.1:40901';
    sim.setFrontReachable(front, false);
    const l = live(account(newUser(), { tradeFronts: [front] }), { connectTimeoutMs: 300 });
    await waitUntil(() => l.statuses.some((s) => s.state === 'error'), 3000, 'unreachable');
    expect(l.statuses.find((s) => s.state === 'error')!.message).toBe(
      `无法连接交易前置 ${front}：0.3 秒内没有响应，请检查前置地址、网络或防火墙（仍在自动重试）`,
    );
    expect(gatewayStatusText(l.statuses.find((s) => s.state === 'error')!, 'en')).toBe(
      `Cannot reach the trade front ${front}: no answer in 0.3 s; check the address, the network or a firewall (still retrying)`,
    );
    sim.setFrontReachable(front, true);
    await waitUntil(() => l.gw.isReady, 5000, 'login after the front came back');
  });
});

describe('orders through the engine', () => {
  it('fills an order sent through the engine: the engine shows the position and the account the broker shows', async () => {
    const l = await trading();
    const [order] = l.engine.sendOrder({ symbol: l.symbol, side: 'buy', offset: 'open', type: 'limit', price: 3501, volume: 2 });
    await waitUntil(() => l.order(order!.id).status === 'filled', 5000, 'fill');
    const pos = l.engine.portfolio.positions.get(l.symbol)!.long.snapshot();
    expect(pos).toMatchObject({ volume: 2, todayVolume: 2, ydVolume: 0, avgOpenPrice: 3501 });
    expect(l.trades).toHaveLength(1);
    expect(l.trades[0]).toMatchObject({ orderId: order!.id, price: 3501, volume: 2, offset: 'open' });
    expect(l.trades[0]!.id).toMatch(new RegExp(`^SHFE-${l.gw.tradingDay}-\\d+-B$`));
    expect(l.order(order!.id).gatewayOrderId.trim()).not.toBe('');

    await l.gw.refresh();
    const broker = l.gw.brokerAccount()!;
    const mine = l.engine.accountSnapshot();
    // The same contract specs on both sides: margin 9 %, commission 1 in 10,000 of the turnover.
    expect(broker.commission).toBeCloseTo(3501 * 10 * 2 * 0.0001, 6);
    expect(mine.commission).toBeCloseTo(broker.commission, 6);
    expect(mine.margin).toBeCloseTo(broker.margin, 6);
    expect(mine.balance).toBeCloseTo(broker.balance, 6);
    expect(mine.available).toBeCloseTo(broker.available, 6);
    expect(l.gw.brokerPositions()).toEqual([expect.objectContaining({ symbol: l.symbol, direction: 'long', volume: 2, todayVolume: 2, ydVolume: 0 })]);
  });

  it('fills in parts: part-filled against a thin quote, filled on the next one', async () => {
    const l = await trading(newUser(), { price: 3501, volume: 2 });
    const [order] = l.engine.sendOrder({ symbol: l.symbol, side: 'buy', offset: 'open', type: 'limit', price: 3501, volume: 5 });
    await waitUntil(() => l.order(order!.id).status === 'partFilled', 5000, 'part fill');
    expect(l.order(order!.id).traded).toBe(2);
    sim.injectQuote(quote(l.code, 3500, { AskPrice1: 3501, AskVolume1: 10 }));
    await waitUntil(() => l.order(order!.id).status === 'filled', 5000, 'fill');
    expect(l.trades.map((t) => t.volume)).toEqual([2, 3]);
    expect(l.engine.portfolio.positions.get(l.symbol)!.long.snapshot().volume).toBe(5);
  });

  it('cancels a resting order and frees what it held', async () => {
    const l = await trading();
    const [order] = l.engine.sendOrder({ symbol: l.symbol, side: 'buy', offset: 'open', type: 'limit', price: 3450, volume: 3 });
    await waitUntil(() => l.order(order!.id).status === 'submitted', 5000, 'accepted');
    expect(l.engine.accountSnapshot().frozenMargin).toBeCloseTo(3450 * 10 * 3 * 0.09, 6);
    expect(l.engine.cancelOrder(order!.id)).toBeUndefined();
    await waitUntil(() => l.order(order!.id).status === 'cancelled', 5000, 'cancel');
    expect(l.order(order!.id).statusMsg).toBe('已撤单');
    expect(l.engine.accountSnapshot().frozenMargin).toBeCloseTo(0, 6);
  });

  it('tells the engine of a cancel the front refused: an order filled there while its cancel was on the way', async () => {
    const l = await trading();
    const refused: string[] = [];
    const engineRefused = l.engine.cancelRefused.bind(l.engine);
    l.engine.cancelRefused = (id, why, time) => {
      refused.push(`${id} ${why.code}`);
      engineRefused(id, why, time);
    };
    const [order] = l.engine.sendOrder({ symbol: l.symbol, side: 'buy', offset: 'open', type: 'limit', price: 3450, volume: 1 });
    await waitUntil(() => l.order(order!.id).status === 'submitted', 5000, 'accepted');
    // The front fills it; the engine, not yet told, asks to replace it.
    sim.injectQuote(quote(l.code, 3449, { AskPrice1: 3449, AskVolume1: 10 }));
    expect(l.engine.replaceOrder(order!.id, 3440)).toBeUndefined();
    await waitUntil(() => refused.length === 1 && l.order(order!.id).status === 'filled', 5000, 'the refusal and the fill');
    await new Promise((r) => setTimeout(r, 200));
    expect(refused).toEqual([`${order!.id} CANCEL_REFUSED`]);
    // CTP reports it twice (OnRspOrderAction, OnErrRtnOrderAction): told and logged once.
    expect(l.logs.filter((m) => m.startsWith('warn 撤单被拒绝'))).toEqual([`warn 撤单被拒绝（${order!.id}）：CTP:报单已全成交或已撤销，不能再撤（CTP 26 INSUITABLE_ORDER_STATUS）`]);
    // Filled, not sent again.
    expect(l.engine.oms.allWorking()).toEqual([]);
    expect(l.trades.map((t) => [t.orderId, t.volume])).toEqual([[order!.id, 1]]);
  });

  it('passes on a reject by CTP and by the exchange with their messages', async () => {
    const l = await trading();
    sim.rejectOrders(1, false, 31);
    const [a] = l.engine.sendOrder({ symbol: l.symbol, side: 'buy', offset: 'open', type: 'limit', price: 3501, volume: 1 });
    await waitUntil(() => l.order(a!.id).status === 'rejected', 5000, 'CTP reject');
    expect(l.order(a!.id).statusMsg).toBe('CTP:资金不足（CTP 31 INSUFFICIENT_MONEY）');
    sim.rejectOrders(1, true);
    const [b] = l.engine.sendOrder({ symbol: l.symbol, side: 'buy', offset: 'open', type: 'limit', price: 3501, volume: 1 });
    await waitUntil(() => l.order(b!.id).status === 'rejected', 5000, 'exchange reject');
    expect(l.order(b!.id).statusMsg).toBe('交易所拒绝：模拟拒单');
    expect(l.engine.accountSnapshot().frozenMargin).toBeCloseTo(0, 6);
  });

  it('applies the filled part of an SHFE FAK before its cancel, though CTP reports the cancel first', async () => {
    const l = await trading(newUser(), { price: 3501, volume: 3 });
    const [order] = l.engine.sendOrder({ symbol: l.symbol, side: 'buy', offset: 'open', type: 'fak', price: 3501, volume: 5 });
    await waitUntil(() => l.order(order!.id).status === 'cancelled', 5000, 'FAK end');
    expect(l.order(order!.id)).toMatchObject({ traded: 3, statusMsg: 'FAK 单剩余部分已撤' });
    expect(l.engine.portfolio.positions.get(l.symbol)!.long.snapshot().volume).toBe(3);
  });

  it('sends an SHFE market order as a FAK at the limit price, and closes today\'s lots with close-today', async () => {
    const l = await trading();
    const [buy] = l.engine.sendOrder({ symbol: l.symbol, side: 'buy', offset: 'open', type: 'market', price: 0, volume: 2 });
    await waitUntil(() => l.order(buy!.id).status === 'filled', 5000, 'market fill');
    expect(l.order(buy!.id)).toMatchObject({ type: 'fak', price: 3850, avgPrice: 3501 });
    // The engine turns a close into close-today on SHFE; a plain close there would close yesterday's (none): 51.
    const sells = l.engine.sendOrder({ symbol: l.symbol, side: 'sell', offset: 'close', type: 'limit', price: 3499, volume: 2 });
    expect(sells.map((o) => o.offset)).toEqual(['closeToday']);
    await waitUntil(() => l.order(sells[0]!.id).status === 'filled', 5000, 'close fill');
    expect(l.engine.portfolio.positions.get(l.symbol)!.long.snapshot().volume).toBe(0);
    expect(l.trades.at(-1)!.closeProfit).toBeCloseTo((3499 - 3501) * 10 * 2, 6);
  });

  it('trades CZCE and DCE contracts under their own ids, with a real market order on DCE', async () => {
    const l = live(account(newUser()));
    await ready(l);
    const ta = listedCode('TA').replace(/^TA\d/, 'TA');
    const i = listedCode('i');
    l.md.subscribe([`CZCE.${ta}`, `DCE.${i}`]);
    sim.injectQuote(quote(ta, 5000, { BidPrice1: 4998, AskPrice1: 5002 }));
    sim.injectQuote(quote(i, 800, { AskPrice1: 800.5, BidPrice1: 799.5 }));
    await waitUntil(() => l.engine.market.get(`CZCE.${ta}`)?.last === 5000 && l.engine.market.get(`DCE.${i}`)?.last === 800, 5000, 'quotes');
    const [a] = l.engine.sendOrder({ symbol: `CZCE.${ta}`, side: 'sell', offset: 'open', type: 'limit', price: 4998, volume: 1 });
    const [b] = l.engine.sendOrder({ symbol: `DCE.${i}`, side: 'buy', offset: 'open', type: 'market', price: 0, volume: 3 });
    await waitUntil(() => l.order(a!.id).status === 'filled' && l.order(b!.id).status === 'filled', 5000, 'fills');
    expect(l.order(b!.id)).toMatchObject({ type: 'market', avgPrice: 800.5 });
    // CZCE charges per lot: 3 CNY.
    expect(l.trades.find((t) => t.orderId === a!.id)!.commission).toBeCloseTo(3, 6);
    expect(l.engine.portfolio.positions.get(`CZCE.${ta}`)!.short.snapshot().volume).toBe(1);
  });
});

describe('connection loss', () => {
  it('reconnects, logs in again and reconciles: a fill made while offline is applied once, nothing twice', async () => {
    const l = await trading();
    const [resting] = l.engine.sendOrder({ symbol: l.symbol, side: 'buy', offset: 'open', type: 'limit', price: 3480, volume: 1 });
    const [filled] = l.engine.sendOrder({ symbol: l.symbol, side: 'buy', offset: 'open', type: 'limit', price: 3501, volume: 1 });
    await waitUntil(() => l.order(resting!.id).status === 'submitted' && l.order(filled!.id).status === 'filled', 5000, 'orders');
    const firstSession = l.gw.currentSession!;

    sim.disconnectFront(TRADE_FRONT, 0x1001);
    await waitUntil(() => !l.gw.isReady, 2000, 'disconnect seen');
    expect(l.statuses.at(-1)!.message).toBe('交易前置连接断开（网络读失败 0x1001），正在重连');
    // While offline: a new order is refused at once, and the resting one fills at the exchange.
    const [offline] = l.engine.sendOrder({ symbol: l.symbol, side: 'buy', offset: 'open', type: 'limit', price: 3501, volume: 1 });
    expect(l.order(offline!.id)).toMatchObject({ status: 'rejected', statusMsg: '交易通道未连接' });
    sim.injectQuote(quote(l.code, 3480, { AskPrice1: 3480, AskVolume1: 5 }));

    await waitUntil(() => l.gw.isReady, 5000, 're-login');
    await waitUntil(() => l.order(resting!.id).status === 'filled', 5000, 'offline fill applied');
    // Let the replayed private flow, the order and trade queries and the refresh all arrive.
    await sleep(500);
    expect(l.gw.currentSession!.sessionId).not.toBe(firstSession.sessionId);
    expect(l.trades.map((t) => [t.orderId, t.price, t.volume])).toEqual([
      [filled!.id, 3501, 1],
      [resting!.id, 3480, 1],
    ]);
    expect(l.engine.portfolio.positions.get(l.symbol)!.long.snapshot().volume).toBe(2);
    expect(l.gw.brokerPositions()).toEqual([expect.objectContaining({ symbol: l.symbol, volume: 2 })]);
    // And the session goes on: a new order after the recovery fills as usual.
    const [after] = l.engine.sendOrder({ symbol: l.symbol, side: 'sell', offset: 'close', type: 'limit', price: 3479, volume: 1 });
    await waitUntil(() => l.order(after!.id).status === 'filled', 5000, 'order after recovery');
  });

  it('gives the practice front a market from another feed: a tick through ctp-sim reaches the engine as it was', async () => {
    const l = await trading();
    const source = { ...l.engine.market.get(l.symbol)!.tick!, time: Date.now(), last: 3512, bid: 3511, ask: 3513, volume: 777, bids: [3510], bidVolumes: [4], asks: [3514], askVolumes: [6] };
    expect(sim.injectQuote(tickToDepth(source))).toBe(0);
    await waitUntil(() => l.engine.market.get(l.symbol)?.last === 3512, 5000, 'replayed tick');
    expect(l.engine.market.get(l.symbol)!.tick).toEqual(source);
  });

  it('restores market-data subscriptions after the market-data front drops', async () => {
    const l = await trading();
    const ticks = () => l.md.counts.ticks;
    sim.disconnectFront(MD_FRONT, 0x2001);
    await waitUntil(() => !l.md.isLoggedIn, 2000, 'md disconnect');
    await waitUntil(() => l.md.isLoggedIn, 5000, 'md re-login');
    const before = ticks();
    sim.injectQuote(quote(l.code, 3520));
    await waitUntil(() => ticks() > before && l.engine.market.get(l.symbol)?.last === 3520, 5000, 'tick after reconnect');
  });
});

describe('restart', () => {
  it('takes back an order restored after a restart and applies its fill when it comes', async () => {
    const user = newUser();
    const first = await trading(user);
    const [order] = first.engine.sendOrder({ symbol: first.symbol, side: 'buy', offset: 'open', type: 'limit', price: 3470, volume: 1 });
    await waitUntil(() => first.order(order!.id).status === 'submitted', 5000, 'accepted');
    const stored = { ...first.order(order!.id) };
    first.gw.disconnect();
    first.md.disconnect();

    // The app starts again: the engine restores the working order from its store, the gateway adopts it.
    const again = live(account(user));
    again.engine.restore({
      account: { ...again.engine.portfolio.account, tradingDay: stored.tradingDay },
      positions: [],
      orders: [stored],
      stopOrders: [],
      orderSeq: 1,
      tradeSeq: 0,
      stopSeq: 0,
      quotes: [],
      tradeIds: [],
    });
    again.gw.adopt(stored);
    await ready(again);
    again.md.subscribe([first.symbol]);
    sim.injectQuote(quote(first.code, 3470, { AskPrice1: 3470, AskVolume1: 5 }));
    await waitUntil(() => again.order(order!.id).status === 'filled', 5000, 'fill of the adopted order');
    await sleep(200);
    expect(again.trades.map((t) => [t.orderId, t.price, t.volume])).toEqual([[order!.id, 3470, 1]]);
    expect(again.engine.portfolio.positions.get(first.symbol)!.long.snapshot().volume).toBe(1);
  });
});

describe('queries and reference data', () => {
  it('loads contracts, settlement and rates under flow control: 2 queries a second and a busy front', async () => {
    sim.setQueryLimit(2);
    sim.failQueries(2);
    const refusals = sim.stat('query_refusals');
    const l = live(account(newUser()));
    const settlement: { tradingDay: number; text: string }[] = [];
    l.gw.events.on('settlement', (s) => settlement.push(s));
    await ready(l);
    const code = listedCode('rb');
    const symbol = `SHFE.${code}`;
    l.md.subscribe([symbol]);
    sim.injectQuote(quote(code, 3500));
    await waitUntil(() => l.engine.market.get(symbol)?.last === 3500);
    l.engine.sendOrder({ symbol, side: 'buy', offset: 'open', type: 'limit', price: 3501, volume: 1 });
    await waitUntil(() => l.gw.reference.commissionRate(symbol) !== undefined && settlement.length === 1, 20_000, 'reference data');
    expect(l.gw.reference.instrumentCount).toBeGreaterThan(800);
    expect(l.gw.reference.instrument(symbol)).toMatchObject({ code, exchange: 'SHFE', multiplier: 10, priceTick: 1, name: `螺纹${code.slice(2)}` });
    expect(l.gw.reference.commissionRate(symbol)).toMatchObject({ openByMoney: 0.0001, closeTodayByMoney: 0.0001 });
    expect(l.gw.reference.marginRate(symbol)).toMatchObject({ longByMoney: 0.09, shortByMoney: 0.09 });
    expect(settlement[0]!.text).toContain('交易结算单（模拟）');
    // The statement of the day before the front's trading day, as its records say.
    expect(settlement[0]!.tradingDay).toBe(contracts.calendar.prev(l.gw.tradingDay));
    // Paced by the front's QryFreq: the API never had to refuse a query for going too fast.
    expect(sim.stat('query_refusals')).toBe(refusals);
    expect(l.logs.some((m) => m.includes('CTP：查询未就绪，请稍后重试'))).toBe(true);
  }, 40_000);
});
