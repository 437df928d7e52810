// The real CTP addon against ctp-sim: the login sequence, queries with their flow control, orders from insert to
// fill, partial fill, cancel and reject, a disconnect in the middle of a session, all as a CTP client sees them.
import iconv from 'iconv-lite';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BROKER, TRADE_FRONT, TraderHarness, fastSim, listedCode, newUser, quote, sim, sleep, waitUntil } from './harness';

const open: TraderHarness[] = [];
function trader(user = newUser(), fronts?: string[]): TraderHarness {
  const t = new TraderHarness(user, fronts);
  open.push(t);
  return t;
}

beforeAll(() => fastSim());
afterEach(() => {
  for (const t of open.splice(0)) t.release();
});

describe('login sequence', () => {
  it('authenticates, logs in with a session and confirms the settlement, messages in Chinese from GBK', async () => {
    const t = trader();
    const login = await t.login();
    expect(login.rspInfo).toEqual({ ErrorID: 0, ErrorMsg: 'CTP:正确' });
    expect(login.data!.FrontID).toBeGreaterThan(0);
    expect(login.data!.SessionID).not.toBe(0);
    expect(Number(login.data!.MaxOrderRef)).toBeGreaterThanOrEqual(1);
    expect(login.data!.TradingDay).toBe(String(sim.stat('trading_day')));
    expect(login.data!.SystemName).toBe('ctp-sim 模拟前置');
    expect(t.api.GetTradingDay()).toBe(login.data!.TradingDay);
    const info = t.api.GetFrontInfo();
    expect(info.FrontAddr).toBe(TRADE_FRONT);
    expect(info.QryFreq).toBe(50);
  });

  it('refuses a wrong AuthCode (63), a login without authentication (64) and a wrong password (3)', async () => {
    const user = newUser();
    sim.addAccount({ brokerId: BROKER, userId: user, password: 'right', appId: 'app1', authCode: 'AUTH0001', balance: 500_000 });
    const t = trader(user);
    t.api.Init();
    await t.next('OnFrontConnected');
    t.api.ReqAuthenticate({ BrokerID: BROKER, UserID: user, AppID: 'app1', AuthCode: 'WRONG' }, 1);
    const auth = await t.next('OnRspAuthenticate');
    expect(auth.rspInfo).toEqual({ ErrorID: 63, ErrorMsg: 'CTP:客户端认证失败' });

    t.api.ReqUserLogin({ BrokerID: BROKER, UserID: user, Password: 'right' }, 2);
    const notAuth = await t.next('OnRspUserLogin', (e) => e.requestId === 2);
    expect(notAuth.rspInfo).toEqual({ ErrorID: 64, ErrorMsg: 'CTP:客户端未认证' });

    t.api.ReqAuthenticate({ BrokerID: BROKER, UserID: user, AppID: 'app1', AuthCode: 'AUTH0001' }, 3);
    expect((await t.next('OnRspAuthenticate', (e) => e.requestId === 3)).rspInfo!.ErrorID).toBe(0);
    t.api.ReqUserLogin({ BrokerID: BROKER, UserID: user, Password: 'wrong' }, 4);
    const wrong = await t.next('OnRspUserLogin', (e) => e.requestId === 4);
    expect(wrong.rspInfo).toEqual({ ErrorID: 3, ErrorMsg: 'CTP:不合法的登录' });
    t.api.ReqUserLogin({ BrokerID: BROKER, UserID: user, Password: 'right' }, 5);
    expect((await t.next('OnRspUserLogin', (e) => e.requestId === 5)).rspInfo!.ErrorID).toBe(0);
  });

  it('answers nothing while the front is unreachable, and connects once it is back', async () => {
    const front = 'tcp://127.0.0.1:40999';
    sim.setFrontReachable(front, false);
    const t = trader(newUser(), [front]);
    t.api.Init();
    await sleep(300);
    expect(t.events).toEqual([]);
    sim.setFrontReachable(front, true);
    await t.next('OnFrontConnected');
  });

  it('tries the next registered front when the first does not answer', async () => {
    sim.setFrontReachable('tcp://127.0.0.1:40998', false);
    const t = trader(newUser(), ['tcp://127.0.0.1:40998', TRADE_FRONT]);
    await t.login();
    expect(t.api.GetFrontInfo().FrontAddr).toBe(TRADE_FRONT);
  });
});

describe('queries', () => {
  it('lists instruments one row per callback with bIsLast on the last, names converted from GBK', async () => {
    const t = trader();
    await t.login();
    const code = listedCode('rb');
    const id = t.id();
    expect(t.api.ReqQryInstrument({ InstrumentID: code }, id)).toBe(0);
    const row = await t.next('OnRspQryInstrument', (e) => e.requestId === id);
    expect(row.isLast).toBe(true);
    expect(row.data).toMatchObject({ InstrumentID: code, ExchangeID: 'SHFE', ProductID: 'rb', VolumeMultiple: 10, PriceTick: 1, IsTrading: 1 });
    expect(row.data!.InstrumentName).toBe(`螺纹${code.slice(2)}`);

    await sleep(30);
    const all = t.id();
    t.api.ReqQryInstrument({ ExchangeID: 'CZCE' }, all);
    await t.next('OnRspQryInstrument', (e) => e.requestId === all && e.isLast);
    const rows = t.of('OnRspQryInstrument').filter((e) => e.requestId === all);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.filter((e) => e.isLast)).toHaveLength(1);
    expect(rows.every((e) => e.data!.ExchangeID === 'CZCE' && /^[A-Z]{2}\d{3}$/.test(e.data!.InstrumentID))).toBe(true);
  });

  it('answers a query without rows once, with no data and bIsLast', async () => {
    const t = trader();
    await t.login();
    const id = t.id();
    t.api.ReqQryOrder({ BrokerID: BROKER, InvestorID: t.user }, id);
    const e = await t.next('OnRspQryOrder', (x) => x.requestId === id);
    expect(e.data).toBeNull();
    expect(e.isLast).toBe(true);
    expect(t.of('OnRspQryOrder')).toHaveLength(1);
  });

  it('returns -2 while a query is in flight and -3 past the front\'s rate, and answers 90 when the front is busy', async () => {
    const t = trader();
    await t.login();
    sim.setQueryLimit(2);
    await sleep(1100);
    const investor = { BrokerID: BROKER, InvestorID: t.user };
    expect(t.api.ReqQryTradingAccount(investor, 1)).toBe(0);
    expect(t.api.ReqQryInvestorPosition(investor, 2)).toBe(-2);
    await t.next('OnRspQryTradingAccount', (e) => e.requestId === 1);
    expect(t.api.ReqQryInvestorPosition(investor, 3)).toBe(0);
    await t.next('OnRspQryInvestorPosition', (e) => e.requestId === 3);
    expect(t.api.ReqQryOrder(investor, 4)).toBe(-3);
    await sleep(1050);
    sim.failQueries(1);
    expect(t.api.ReqQryOrder(investor, 5)).toBe(0);
    const busy = await t.next('OnRspError', (e) => e.requestId === 5);
    expect(busy.rspInfo).toEqual({ ErrorID: 90, ErrorMsg: 'CTP：查询未就绪，请稍后重试' });
    sim.setQueryLimit(50);
  });

  it('sends the settlement statement in 500-byte records that decode once joined', async () => {
    const t = trader();
    await t.login();
    const id = t.id();
    t.api.ReqQrySettlementInfo({ BrokerID: BROKER, InvestorID: t.user }, id);
    await t.next('OnRspQrySettlementInfo', (e) => e.requestId === id && e.isLast);
    const rows = t.of('OnRspQrySettlementInfo');
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.map((r) => r.data!.SequenceNo)).toEqual(rows.map((_, i) => i + 1));
    const text = iconv.decode(Buffer.concat(rows.map((r) => Buffer.from(r.data!.Content))), 'gb18030');
    expect(text).toContain('交易结算单（模拟）');
    expect(text).toContain(`资金账户: ${t.user}`);
    expect(text).not.toContain('\ufffd');
  });
});

describe('orders', () => {
  async function ready(): Promise<{ t: TraderHarness; code: string }> {
    const t = trader();
    await t.login();
    const code = listedCode('rb');
    sim.injectQuote(quote(code, 3500, { AskVolume1: 3, BidVolume1: 3 }));
    return { t, code };
  }

  it('fills at once: OnRtnOrder a, then all traded, then the trade', async () => {
    const { t, code } = await ready();
    t.order({ InstrumentID: code, ExchangeID: 'SHFE', OrderRef: '100', Direction: '0', CombOffsetFlag: '0', LimitPrice: 3501, VolumeTotalOriginal: 2 });
    const trade = await t.next('OnRtnTrade');
    const orders = t.of('OnRtnOrder').map((e) => e.data!);
    expect(orders.map((o) => o.OrderStatus)).toEqual(['a', '0']);
    expect(orders[0]!.OrderSysID).toBe('');
    expect(orders[1]!.OrderSysID.trim()).not.toBe('');
    expect(orders[1]!.StatusMsg).toBe('全部成交');
    expect(trade.data).toMatchObject({ InstrumentID: code, Price: 3501, Volume: 2, Direction: '0', OffsetFlag: '0', OrderRef: '100' });
    expect(trade.data!.OrderSysID).toBe(orders[1]!.OrderSysID);
    expect(t.events.findIndex((e) => e.name === 'OnRtnTrade')).toBeGreaterThan(t.events.findIndex((e) => e.name === 'OnRtnOrder' && e.data!.OrderStatus === '0'));
  });

  it('fills in parts: queueing, part traded with a trade, the rest on the next quote', async () => {
    const { t, code } = await ready();
    t.order({ InstrumentID: code, OrderRef: '200', Direction: '0', CombOffsetFlag: '0', LimitPrice: 3501, VolumeTotalOriginal: 5 });
    await t.next('OnRtnTrade');
    sim.injectQuote(quote(code, 3500, { AskVolume1: 10 }));
    await waitUntil(() => t.of('OnRtnTrade').length === 2);
    const statuses = t.of('OnRtnOrder').map((e) => [e.data!.OrderStatus, e.data!.VolumeTraded, e.data!.VolumeTotal]);
    expect(statuses).toEqual([
      ['a', 0, 5],
      ['1', 3, 2],
      ['0', 5, 0],
    ]);
    expect(t.of('OnRtnTrade').map((e) => e.data!.Volume)).toEqual([3, 2]);
  });

  it('rests, then cancels by FrontID/SessionID/OrderRef and by ExchangeID/OrderSysID', async () => {
    const { t, code } = await ready();
    const login = t.of('OnRspUserLogin')[0]!.data!;
    t.order({ InstrumentID: code, OrderRef: '300', Direction: '0', CombOffsetFlag: '0', LimitPrice: 3490, VolumeTotalOriginal: 1 });
    t.order({ InstrumentID: code, OrderRef: '301', Direction: '1', CombOffsetFlag: '0', LimitPrice: 3520, VolumeTotalOriginal: 1 });
    await waitUntil(() => t.of('OnRtnOrder').filter((e) => e.data!.OrderStatus === '3').length === 2);
    const sys = t.of('OnRtnOrder').find((e) => e.data!.OrderRef === '301' && e.data!.OrderStatus === '3')!.data!.OrderSysID;
    const base = { BrokerID: BROKER, InvestorID: t.user, UserID: t.user, ActionFlag: '0', InstrumentID: code };
    expect(t.api.ReqOrderAction({ ...base, FrontID: login.FrontID, SessionID: login.SessionID, OrderRef: '300' }, t.id())).toBe(0);
    expect(t.api.ReqOrderAction({ ...base, ExchangeID: 'SHFE', OrderSysID: sys }, t.id())).toBe(0);
    await waitUntil(() => t.of('OnRtnOrder').filter((e) => e.data!.OrderStatus === '5').length === 2);
    const cancelled = t.of('OnRtnOrder').filter((e) => e.data!.OrderStatus === '5').map((e) => [e.data!.OrderRef, e.data!.StatusMsg]);
    expect(cancelled).toEqual([
      ['300', '已撤单'],
      ['301', '已撤单'],
    ]);
    // A second cancel of a finished order: OnRspOrderAction and OnErrRtnOrderAction with 26.
    t.api.ReqOrderAction({ ...base, ExchangeID: 'SHFE', OrderSysID: sys }, 77);
    const rsp = await t.next('OnRspOrderAction', (e) => e.requestId === 77);
    expect(rsp.rspInfo).toEqual({ ErrorID: 26, ErrorMsg: 'CTP:报单已全成交或已撤销，不能再撤' });
    const err = await t.next('OnErrRtnOrderAction');
    expect(err.data).toMatchObject({ OrderSysID: sys, OrderActionStatus: 'c', StatusMsg: 'CTP:报单已全成交或已撤销，不能再撤' });
  });

  it('rejects at CTP (OnRspOrderInsert and OnErrRtnOrderInsert) and at the exchange (OnRtnOrder 4/5)', async () => {
    const { t, code } = await ready();
    t.order({ InstrumentID: code, OrderRef: '400', Direction: '1', CombOffsetFlag: '3', LimitPrice: 3500, VolumeTotalOriginal: 1 });
    const rsp = await t.next('OnRspOrderInsert');
    expect(rsp.rspInfo).toEqual({ ErrorID: 50, ErrorMsg: 'CTP:平今仓位不足' });
    expect(rsp.data).toMatchObject({ OrderRef: '400', InstrumentID: code, CombOffsetFlag: '3' });
    expect((await t.next('OnErrRtnOrderInsert')).rspInfo!.ErrorID).toBe(50);

    t.order({ InstrumentID: code, OrderRef: '400', Direction: '0', CombOffsetFlag: '0', LimitPrice: 3500, VolumeTotalOriginal: 1 });
    expect((await t.next('OnRspOrderInsert', (e) => e.rspInfo!.ErrorID !== 50)).rspInfo).toEqual({ ErrorID: 22, ErrorMsg: 'CTP:报单错误：不允许重复报单' });

    t.order({ InstrumentID: code, OrderRef: '401', Direction: '0', CombOffsetFlag: '0', LimitPrice: 3500.5, VolumeTotalOriginal: 1 });
    const rejected = await t.next('OnRtnOrder', (e) => e.data!.OrderSubmitStatus === '4');
    expect(rejected.data).toMatchObject({ OrderRef: '401', OrderStatus: '5', StatusMsg: '交易所拒绝：报单价格不是最小变动价位的整数倍' });

    t.order({ InstrumentID: code, OrderRef: '402', Direction: '0', CombOffsetFlag: '0', LimitPrice: 3500, VolumeTotalOriginal: 100_000 });
    expect((await t.next('OnRspOrderInsert', (e) => e.data!.OrderRef === '402')).rspInfo!.ErrorID).toBe(31);

    t.order({ InstrumentID: code, OrderRef: '403', OrderPriceType: '1', TimeCondition: '1', Direction: '0', CombOffsetFlag: '0', LimitPrice: 0, VolumeTotalOriginal: 1 });
    expect((await t.next('OnRspOrderInsert', (e) => e.data!.OrderRef === '403')).rspInfo).toEqual({ ErrorID: 80, ErrorMsg: 'CTP:交易所不支持的价格类型' });
  });

  it('refuses orders before the settlement is confirmed (42)', async () => {
    const t = trader();
    t.api.Init();
    await t.next('OnFrontConnected');
    t.api.ReqAuthenticate({ BrokerID: BROKER, UserID: t.user, AppID: 'a', AuthCode: 'b' }, 1);
    await t.next('OnRspAuthenticate');
    t.api.ReqUserLogin({ BrokerID: BROKER, UserID: t.user, Password: 'p' }, 2);
    await t.next('OnRspUserLogin');
    t.order({ InstrumentID: listedCode('rb'), OrderRef: '10', Direction: '0', CombOffsetFlag: '0', LimitPrice: 3500, VolumeTotalOriginal: 1 });
    expect((await t.next('OnRspOrderInsert')).rspInfo).toEqual({ ErrorID: 42, ErrorMsg: 'CTP:结算结果未确认' });
  });

  it('FAK on SHFE reports the cancel of the rest before the trade of the part it filled', async () => {
    const { t, code } = await ready();
    t.order({ InstrumentID: code, OrderRef: '500', Direction: '0', CombOffsetFlag: '0', LimitPrice: 3501, VolumeTotalOriginal: 5, TimeCondition: '1' });
    await t.next('OnRtnTrade');
    const last = t.of('OnRtnOrder').at(-1)!.data!;
    expect([last.OrderStatus, last.VolumeTraded, last.StatusMsg]).toEqual(['5', 3, '已撤单报单被拒绝：立即成交剩余指令已撤销']);
    expect(t.events.findIndex((e) => e.name === 'OnRtnTrade')).toBeGreaterThan(t.events.lastIndexOf(t.of('OnRtnOrder').at(-1)!));
  });

  it('keeps positions: today and yesterday on SHFE, closes checked against them', async () => {
    const { t, code } = await ready();
    t.order({ InstrumentID: code, OrderRef: '600', Direction: '0', CombOffsetFlag: '0', LimitPrice: 3501, VolumeTotalOriginal: 2 });
    await t.next('OnRtnTrade');
    t.order({ InstrumentID: code, OrderRef: '601', Direction: '1', CombOffsetFlag: '3', LimitPrice: 3499, VolumeTotalOriginal: 1 });
    await waitUntil(() => t.of('OnRtnTrade').length === 2);
    const id = t.id();
    t.api.ReqQryInvestorPosition({ BrokerID: BROKER, InvestorID: t.user, InstrumentID: code }, id);
    const pos = await t.next('OnRspQryInvestorPosition', (e) => e.requestId === id);
    expect(pos.data).toMatchObject({ InstrumentID: code, PosiDirection: '2', PositionDate: '1', Position: 1, TodayPosition: 1, YdPosition: 0, OpenVolume: 2, CloseVolume: 1 });
    // Closing yesterday's lots that do not exist: 51.
    t.order({ InstrumentID: code, OrderRef: '602', Direction: '1', CombOffsetFlag: '4', LimitPrice: 3499, VolumeTotalOriginal: 1 });
    expect((await t.next('OnRspOrderInsert')).rspInfo!.ErrorID).toBe(51);
  });
});

describe('connection', () => {
  it('reports a disconnect, reconnects by itself, logs in to a new session and replays the day (RESTART)', async () => {
    const t = trader();
    const first = await t.login();
    const code = listedCode('rb');
    sim.injectQuote(quote(code, 3500));
    t.order({ InstrumentID: code, OrderRef: '700', Direction: '0', CombOffsetFlag: '0', LimitPrice: 3501, VolumeTotalOriginal: 1 });
    await t.next('OnRtnTrade');
    const before = t.events.length;
    expect(sim.disconnectFront(TRADE_FRONT, 0x2001)).toBeGreaterThanOrEqual(1);
    const dropped = await t.next('OnFrontDisconnected', undefined, before);
    expect(dropped.reason).toBe(0x2001);
    expect(t.api.ReqQryOrder({}, 1)).toBe(-1);
    await t.next('OnFrontConnected', undefined, before);
    const again = await t.signIn();
    expect(again.data!.SessionID).not.toBe(first.data!.SessionID);
    await waitUntil(() => t.of('OnRtnTrade').length === 2, 3000, 'replayed trade');
    const trades = t.of('OnRtnTrade');
    expect(trades[1]!.data!.TradeID).toBe(trades[0]!.data!.TradeID);
    // The replayed order still carries the session it was sent in.
    const replayed = t.events.slice(before).filter((e) => e.name === 'OnRtnOrder');
    expect(replayed.every((e) => e.name === 'OnRtnOrder' && e.data!.SessionID === first.data!.SessionID)).toBe(true);
  });

  it('passes OnHeartBeatWarning on', async () => {
    const t = trader();
    await t.login();
    sim.heartbeatWarning(TRADE_FRONT, 42);
    expect((await t.next('OnHeartBeatWarning')).timeLapse).toBe(42);
  });
});

describe('bad input at the boundary', () => {
  it('throws a TypeError naming the struct and field, and sends nothing', async () => {
    const t = trader();
    await t.login();
    const sent = sim.stat('order_inserts');
    expect(() => t.api.ReqOrderInsert({ InstrumentID: 'x'.repeat(81) }, 1)).toThrow('CThostFtdcInputOrderField.InstrumentID: "' + 'x'.repeat(81) + '" is longer than 80 bytes');
    expect(() => t.api.ReqOrderInsert({ Volume: 1 } as never, 1)).toThrow('CThostFtdcInputOrderField: unknown field "Volume"');
    expect(() => t.api.ReqOrderInsert({ LimitPrice: '3500' } as never, 1)).toThrow('CThostFtdcInputOrderField.LimitPrice: expected a number');
    expect(() => t.api.ReqOrderInsert({ VolumeTotalOriginal: 1.5 }, 1)).toThrow('CThostFtdcInputOrderField.VolumeTotalOriginal: expected an integer');
    expect(() => t.api.ReqOrderInsert({ Direction: 'buy' }, 1)).toThrow('CThostFtdcInputOrderField.Direction: expected one character');
    expect(() => t.api.SubscribePrivateTopic(7)).toThrow('THOST_TERT_RESTART');
    expect(sim.stat('order_inserts')).toBe(sent);
  });

  it('is released once: later calls say so instead of crashing', () => {
    const t = new TraderHarness(newUser());
    t.release();
    t.release();
    expect(() => t.api.Init()).toThrow('CTP API object already released');
    expect(() => t.api.ReqQryOrder({}, 1)).toThrow('already released');
  });
});
