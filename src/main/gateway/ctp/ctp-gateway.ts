import type { CtpAccountConfig } from '../../../shared/ipc/accounts';
import type { Lang } from '../../../shared/ipc/settings';
import { reason } from '../../../shared/i18n/reasons';
import type { GatewayState, LogLevel, PosDirection } from '../../../shared/model/enums';
import type { Order } from '../../../shared/model/types';
import { EventBus } from '../../engine/bus';
import { wallClock, type Clock } from '../../engine/clock';
import type { ContractRegistry } from '../../trading/contracts';
import type { Gateway, GatewayListener } from '../gateway';
import {
  THOST_FTDC_AF_Delete,
  THOST_FTDC_PD_Long,
  THOST_TERT_QUICK,
  THOST_TERT_RESTART,
  type CThostFtdcInstrumentCommissionRateField,
  type CThostFtdcInstrumentField,
  type CThostFtdcInstrumentMarginRateField,
  type CThostFtdcInvestorPositionField,
  type CThostFtdcOrderField,
  type CThostFtdcRspInfoField,
  type CThostFtdcSettlementInfoField,
  type CThostFtdcTradeField,
  type CThostFtdcTradingAccountField,
  type TraderEvent,
} from './ctp-api.gen';
import { exchangeInstant, parseCtpDay } from './ctp-time';
import { inputOrderFields } from './order-fields';
import { gatewayMessage, gatewayWords, type GatewayMessageCode } from '../../../shared/i18n/gateway-messages';
import { ctpErrorText, disconnectReason, requestCodeText } from './messages';
import { flowFolder, loadCtpAddon, type CtpAddon, type NativeTraderApi } from './native';
import { OrderRefAllocator } from './order-ref';
import { CtpOrderTracker } from './order-tracker';
import { QueryQueue } from './query-queue';
import { CtpReferenceData } from './reference-data';
import iconv from 'iconv-lite';

export interface CtpGatewayOptions {
  readonly account: CtpAccountConfig;
  readonly contracts: ContractRegistry;
  /** Base folder for CTP's flow files (one folder per API object is made inside) and the instrument cache. */
  readonly flowDir: string;
  readonly clock?: Clock;
  readonly addon?: CtpAddon;
  readonly lang?: Lang;
  /** CTP 6.7.11's bIsProductionMode: the production API connects only to production fronts (default true). */
  readonly productionMode?: boolean;
  /** How long without OnFrontConnected before the front is reported unreachable (the library keeps trying). */
  readonly connectTimeoutMs?: number;
  /** How long each login step (authenticate, login, confirm) may take before it is tried again. */
  readonly stepTimeoutMs?: number;
  /** Waits before retrying a failed login step, the last repeated: reconnect back-off. */
  readonly retryDelaysMs?: readonly number[];
  /** How soon after a fill the broker's account and positions are queried again. */
  readonly refreshDelayMs?: number;
  readonly orderRefSeed?: () => number;
}

/** The broker's own figures (ReqQryTradingAccount), for the UI and for checking the engine's. */
export interface BrokerAccount {
  readonly accountId: string;
  readonly tradingDay: number;
  readonly preBalance: number;
  readonly deposit: number;
  readonly withdraw: number;
  readonly closeProfit: number;
  readonly positionProfit: number;
  readonly commission: number;
  readonly balance: number;
  readonly margin: number;
  readonly frozenMargin: number;
  readonly frozenCommission: number;
  readonly available: number;
}

/** One side of a contract at the broker (ReqQryInvestorPosition, SHFE's today and yesterday records joined). */
export interface BrokerPosition {
  readonly symbol: string;
  readonly direction: PosDirection;
  readonly volume: number;
  readonly todayVolume: number;
  readonly ydVolume: number;
  readonly frozen: number;
  readonly openCost: number;
  readonly positionCost: number;
  readonly positionProfit: number;
  readonly margin: number;
}

export interface CtpGatewayEvents {
  account: BrokerAccount;
  positions: readonly BrokerPosition[];
  /** Contracts (and rates) for the trading day are loaded; `differences` lists specs that differ from the bundled ones. */
  reference: { readonly tradingDay: number; readonly instruments: number; readonly differences: readonly string[] };
  /** The settlement statement of the last settled day, decoded. */
  settlement: { readonly tradingDay: number; readonly text: string };
  log: { readonly level: LogLevel; readonly message: string };
}

type Step = 'auth' | 'login' | 'confirm';
const STEP_NAMES: Record<Step, [string, string]> = {
  auth: ['客户端认证', 'Authentication'],
  login: ['登录', 'Login'],
  confirm: ['结算单确认', 'Settlement confirmation'],
};
const WRONG_PASSWORD = new Set([3, 11, 13, 48]);

/**
 * Live trading through a broker's CTP trade front: the Gateway the engine sends orders to. It logs in (authenticate,
 * login, settlement confirm, each failure with its own message), maps orders onto CTP's fields and CTP's order and
 * trade callbacks back onto the engine's order state machine, paces its queries, and after every reconnect logs in
 * again and reconciles orders and trades without applying anything twice. Decisions stay in the engine.
 */
export class CtpGateway implements Gateway {
  readonly name: string;
  /** Broker-side events for the UI: account, positions, contracts, settlement statement, log lines. */
  readonly events = new EventBus<CtpGatewayEvents>((type, e) => console.error(`CtpGateway ${String(type)} handler failed:`, e));
  readonly reference: CtpReferenceData;
  private readonly clock: Clock;
  private readonly lang: Lang;
  private readonly tracker: CtpOrderTracker;
  private readonly queue: QueryQueue;
  private readonly refs: OrderRefAllocator;
  private listener: GatewayListener | undefined;
  private api: NativeTraderApi | undefined;
  private requestId = 0;
  private closed = true;
  private fatal = false;
  private frontConnected = false;
  private ready = false;
  private failures = 0;
  private step: { name: Step; requestId: number; timer: NodeJS.Timeout } | undefined;
  private timers = new Set<NodeJS.Timeout>();
  private connectTimer: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private session: { frontId: number; sessionId: number } | undefined;
  private day = 0;
  private settlementLoadedFor = 0;
  private state: GatewayState = 'disconnected';
  private lastMessage = '';
  private account: BrokerAccount | undefined;
  private positions: BrokerPosition[] = [];
  private readonly rateRequested = new Set<string>();

  constructor(private readonly opts: CtpGatewayOptions) {
    this.name = `ctp:${opts.account.id}`;
    this.clock = opts.clock ?? wallClock;
    this.lang = opts.lang ?? 'zh';
    this.reference = new CtpReferenceData(flowFolder(opts.flowDir, `${opts.account.brokerId}_${opts.account.userId}`));
    this.tracker = new CtpOrderTracker(
      () => this.listener,
      (level, message) => this.log(level, message),
    );
    this.refs = new OrderRefAllocator(opts.orderRefSeed);
    this.queue = new QueryQueue({
      nextRequestId: () => ++this.requestId,
      onRetry: (name, why, delay) => this.log('debug', `${name}: ${why}, again in ${delay} ms`),
    });
  }

  // ---- Gateway -------------------------------------------------------------------------------------------------

  connect(listener: GatewayListener): void {
    this.listener = listener;
    if (!this.closed) return;
    this.closed = false;
    this.fatal = false;
    let addon: CtpAddon;
    try {
      addon = this.opts.addon ?? loadCtpAddon();
    } catch (e) {
      this.fatal = true;
      return this.setState('error', 'ADDON_MISSING', { detail: (e as Error).message });
    }
    const a = this.opts.account;
    const flow = flowFolder(this.opts.flowDir, `${a.brokerId}_${a.userId}`, 'td');
    const api = new addon.TraderApi(flow, (events) => this.onEvents(api, events), { productionMode: this.opts.productionMode ?? true });
    this.api = api;
    // RESTART: after every login the day's order and trade returns are replayed; the tracker applies each once.
    api.SubscribePrivateTopic(THOST_TERT_RESTART);
    api.SubscribePublicTopic(THOST_TERT_QUICK);
    for (const f of a.tradeFronts) api.RegisterFront(f);
    this.setState('connecting', 'CONNECTING', this.frontParams());
    api.Init();
    this.armConnectTimer();
  }

  disconnect(): void {
    if (this.closed) return;
    this.closed = true;
    this.ready = false;
    this.frontConnected = false;
    this.clearTimers();
    this.queue.close('gateway disconnected');
    const api = this.api;
    this.api = undefined;
    api?.Release();
    this.setState('disconnected', 'DISCONNECTED_BY_USER');
  }

  sendOrder(order: Readonly<Order>): void {
    const out = this.listener;
    if (!out) return;
    const now = this.clock.now();
    const api = this.api;
    const session = this.session;
    if (!this.ready || !api || !session) return out.orderRejected(order.id, reason('GATEWAY_NOT_CONNECTED'), now);
    const contract = this.opts.contracts.get(order.symbol);
    if (!contract) return out.orderRejected(order.id, reason('UNKNOWN_CONTRACT', { detail: order.symbol }), now);
    const orderRef = this.refs.next();
    const a = this.opts.account;
    const fields = inputOrderFields(order, contract, { brokerId: a.brokerId, investorId: a.userId, orderRef });
    this.tracker.track(order, { frontId: session.frontId, sessionId: session.sessionId, orderRef, exchangeId: contract.exchange });
    const rc = api.ReqOrderInsert(fields, ++this.requestId);
    if (rc !== 0) {
      return this.tracker.onInsertError(session.frontId, session.sessionId, orderRef, { ErrorID: rc, ErrorMsg: `报单未发出：${requestCodeText(rc)}` }, now);
    }
    this.requestRates(order.symbol);
  }

  cancelOrder(order: Readonly<Order>): void {
    const key = this.tracker.get(order.id);
    const api = this.api;
    if (!key) return this.cancelNotSent(order.id, `委托 ${order.id} 不是本交易通道发出的`);
    if (!this.ready || !api) return this.cancelNotSent(order.id, gatewayMessage('CONNECTING', this.frontParams(), this.lang));
    const contract = this.opts.contracts.get(order.symbol);
    const a = this.opts.account;
    // By the exchange's id once known (it outlives sessions), otherwise by the session's own keys.
    const target = key.orderSysId
      ? { ExchangeID: key.exchangeId, OrderSysID: key.orderSysId }
      : { FrontID: key.frontId, SessionID: key.sessionId, OrderRef: key.orderRef, ExchangeID: key.exchangeId };
    this.tracker.markCancelRequested(order.id);
    const rc = api.ReqOrderAction(
      { BrokerID: a.brokerId, InvestorID: a.userId, UserID: a.userId, ActionFlag: THOST_FTDC_AF_Delete, InstrumentID: contract?.code ?? '', ...target },
      ++this.requestId,
    );
    if (rc !== 0) this.cancelNotSent(order.id, requestCodeText(rc, this.lang));
  }

  private cancelNotSent(orderId: string, message: string): void {
    this.log('warn', `撤单未发出（${orderId}）：${message}`);
    this.listener?.cancelRefused(orderId, reason('CANCEL_REFUSED', { message }), this.clock.now());
  }

  /** An order restored after a restart that may still be working at the broker: its returns are applied again. */
  adopt(order: Readonly<Order>): void {
    const contract = this.opts.contracts.get(order.symbol);
    if (contract) this.tracker.adopt(order, contract.exchange);
  }

  // ---- state for the UI ----------------------------------------------------------------------------------------

  get tradingDay(): number {
    return this.day;
  }

  get isReady(): boolean {
    return this.ready;
  }

  get currentSession(): { readonly frontId: number; readonly sessionId: number } | undefined {
    return this.session;
  }

  brokerAccount(): BrokerAccount | undefined {
    return this.account;
  }

  brokerPositions(): readonly BrokerPosition[] {
    return this.positions;
  }

  /** Queries the broker's account and positions again (they also refresh by themselves after fills). */
  async refresh(): Promise<void> {
    await Promise.all([this.queryAccount(), this.queryPositions()]);
  }

  // ---- callbacks -----------------------------------------------------------------------------------------------

  private onEvents(api: NativeTraderApi, events: TraderEvent[]): void {
    for (const e of events) {
      try {
        this.handle(api, e);
      } catch (err) {
        // A malformed callback must not stop the ones after it.
        this.log('error', `${e.name}: ${(err as Error).message}`);
      }
    }
  }

  private handle(api: NativeTraderApi, e: TraderEvent): void {
    const current = api === this.api;
    switch (e.name) {
      case 'OnFrontConnected':
        if (current) this.onConnected();
        return;
      case 'OnFrontDisconnected':
        if (current) this.onDisconnected(e.reason);
        return;
      case 'OnHeartBeatWarning':
        return this.log('warn', `交易前置心跳超时警告：${e.timeLapse} 秒未收到报文`);
      case 'OnRspAuthenticate':
      case 'OnRspUserLogin':
      case 'OnRspSettlementInfoConfirm':
        if (current) this.onStepAnswer(e);
        return;
      case 'OnRspUserLogout':
        return;
      case 'OnRspError':
        if (this.queue.onError(e.requestId, e.rspInfo)) return;
        if (this.step && this.step.requestId === e.requestId) return this.stepFailed(this.step.name, e.rspInfo);
        return this.log('warn', `CTP 错误：${e.rspInfo ? ctpErrorText(e.rspInfo.ErrorID, e.rspInfo.ErrorMsg) : ''}`);
      case 'OnRspOrderInsert':
      case 'OnErrRtnOrderInsert':
        if (e.data && this.session) this.tracker.onInsertError(this.session.frontId, this.session.sessionId, e.data.OrderRef, e.rspInfo, this.clock.now());
        return;
      case 'OnRspOrderAction':
      case 'OnErrRtnOrderAction':
        if (e.rspInfo && e.rspInfo.ErrorID !== 0) {
          const message = ctpErrorText(e.rspInfo.ErrorID, e.rspInfo.ErrorMsg);
          const orderId = e.data ? this.tracker.cancelRefused(e.data) : undefined;
          if (orderId === undefined) return this.log('debug', `撤单被拒绝（已报告或非本终端委托）：${message}`);
          this.log('warn', `撤单被拒绝（${orderId}）：${message}`);
          this.listener?.cancelRefused(orderId, reason('CANCEL_REFUSED', { message }), this.clock.now());
        }
        return;
      case 'OnRtnOrder':
        if (e.data) this.tracker.onOrder(e.data, this.clock.now());
        return;
      case 'OnRtnTrade':
        if (e.data) {
          this.tracker.onTrade(e.data, this.tradeTime(e.data));
          this.scheduleRefresh();
        }
        return;
      default:
        // Every OnRspQry*: the query queue's.
        this.queue.onResponse(e.requestId, e.data, e.rspInfo, e.isLast);
    }
  }

  private onConnected(): void {
    this.frontConnected = true;
    this.clearConnectTimer();
    if (this.fatal) return;
    const delay = this.failures === 0 ? 0 : this.retryDelay();
    this.later(delay, () => this.startLogin());
  }

  private onDisconnected(why: number): void {
    const wasReady = this.ready;
    this.frontConnected = false;
    this.ready = false;
    this.cancelStep();
    this.queue.pause();
    if (!wasReady) this.failures++;
    if (this.fatal || this.closed) return;
    this.setState('connecting', 'DISCONNECTED', {
      ...this.frontParams(),
      reason: disconnectReason(why, 'zh'),
      reasonEn: disconnectReason(why, 'en'),
    });
    this.armConnectTimer();
  }

  private startLogin(): void {
    if (!this.frontConnected || this.closed || this.fatal) return;
    const a = this.opts.account;
    if (a.appId && a.authCode) this.sendStep('auth');
    else this.sendStep('login');
  }

  private sendStep(step: Step): void {
    const api = this.api;
    if (!api) return;
    const a = this.opts.account;
    const id = ++this.requestId;
    let rc: number;
    if (step === 'auth') {
      this.setState('connecting', 'AUTHENTICATING');
      rc = api.ReqAuthenticate({ BrokerID: a.brokerId, UserID: a.userId, AppID: a.appId, AuthCode: a.authCode, UserProductInfo: a.productInfo }, id);
    } else if (step === 'login') {
      this.setState('connecting', 'LOGGING_IN', { broker: a.brokerId, user: a.userId });
      rc = api.ReqUserLogin({ BrokerID: a.brokerId, UserID: a.userId, Password: a.password, UserProductInfo: a.productInfo }, id);
    } else {
      this.setState('connecting', 'CONFIRMING');
      rc = api.ReqSettlementInfoConfirm({ BrokerID: a.brokerId, InvestorID: a.userId }, id);
    }
    if (rc !== 0) return this.retryLogin('STEP_NOT_SENT', step, { code: requestCodeText(rc, 'zh'), codeEn: requestCodeText(rc, 'en') });
    const timeout = this.opts.stepTimeoutMs ?? 15_000;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.step?.requestId === id) {
        this.step = undefined;
        this.retryLogin('STEP_TIMEOUT', step, {});
      }
    }, timeout);
    this.timers.add(timer);
    this.step = { name: step, requestId: id, timer };
  }

  private onStepAnswer(e: Extract<TraderEvent, { name: 'OnRspAuthenticate' | 'OnRspUserLogin' | 'OnRspSettlementInfoConfirm' }>): void {
    const step = this.step;
    if (!step || step.requestId !== e.requestId) return;
    this.cancelStep();
    if (e.rspInfo && e.rspInfo.ErrorID !== 0) return this.stepFailed(step.name, e.rspInfo);
    if (e.name === 'OnRspAuthenticate') return this.sendStep('login');
    if (e.name === 'OnRspUserLogin') {
      const d = e.data;
      if (!d) return this.stepFailed('login', null);
      this.session = { frontId: d.FrontID, sessionId: d.SessionID };
      this.refs.startSession(d.MaxOrderRef);
      this.day = parseCtpDay(d.TradingDay) ?? parseCtpDay(this.api?.GetTradingDay() ?? '') ?? 0;
      this.reference.startDay(this.day);
      return this.sendStep('confirm');
    }
    this.onReady();
  }

  private stepFailed(step: Step, rsp: CThostFtdcRspInfoField | null): void {
    this.cancelStep();
    const id = rsp?.ErrorID ?? -1;
    const params = { id, msg: rsp?.ErrorMsg.trim() ?? '' };
    let fatal: GatewayMessageCode | undefined;
    if (step === 'auth' && id === 63) fatal = 'AUTH_FAILED';
    else if (id === 64) fatal = 'NOT_AUTHENTICATED';
    else if (step === 'login' && WRONG_PASSWORD.has(id)) fatal = 'WRONG_PASSWORD';
    else if (id === 75) fatal = 'LOGIN_LOCKED';
    else if (id === 60) fatal = 'SESSION_LIMIT';
    if (fatal) {
      // Trying again with the same credentials cannot succeed and may lock the account: stop here.
      this.fatal = true;
      this.ready = false;
      this.queue.pause();
      this.clearTimers();
      const api = this.api;
      this.api = undefined;
      this.closed = true;
      api?.Release();
      return this.setState('error', fatal, params);
    }
    this.retryLogin('STEP_FAILED', step, params);
  }

  private retryLogin(code: GatewayMessageCode, step: Step, params: Record<string, string | number>): void {
    this.failures++;
    const delay = this.retryDelay();
    const [zh, en] = STEP_NAMES[step];
    this.setState('connecting', code, { ...params, step: zh, stepEn: en, seconds: Math.round(delay / 100) / 10 });
    this.later(delay, () => this.startLogin());
  }

  private retryDelay(): number {
    const delays = this.opts.retryDelaysMs ?? [1000, 2000, 5000, 10_000, 30_000];
    return delays[Math.min(Math.max(this.failures - 1, 0), delays.length - 1)] ?? 1000;
  }

  private onReady(): void {
    const api = this.api;
    const session = this.session;
    if (!api || !session) return;
    this.ready = true;
    this.failures = 0;
    this.queue.setRate(api.GetFrontInfo().QryFreq);
    this.queue.resume();
    const a = this.opts.account;
    this.setState('connected', 'READY', { broker: a.brokerId, user: a.userId, day: this.day });
    void this.reconcile(session.frontId, session.sessionId);
    void this.loadReference();
  }

  // ---- queries -------------------------------------------------------------------------------------------------

  private query<T>(name: string, send: (api: NativeTraderApi, requestId: number) => number, priority: 'high' | 'low' = 'high'): Promise<T[]> {
    return this.queue.enqueue<T>(name, (id) => (this.api ? send(this.api, id) : -1), priority);
  }

  private investor(): { BrokerID: string; InvestorID: string } {
    return { BrokerID: this.opts.account.brokerId, InvestorID: this.opts.account.userId };
  }

  /**
   * After every login: the day's orders and trades as the broker has them, applied through the same path as the
   * live callbacks (so nothing is applied twice), then the account and positions.
   */
  private async reconcile(frontId: number, sessionId: number): Promise<void> {
    try {
      const orders = await this.query<CThostFtdcOrderField>('ReqQryOrder', (api, id) => api.ReqQryOrder(this.investor(), id));
      const now = this.clock.now();
      for (const o of orders) this.tracker.onOrder(o, now);
      const trades = await this.query<CThostFtdcTradeField>('ReqQryTrade', (api, id) => api.ReqQryTrade(this.investor(), id));
      for (const t of trades) this.tracker.onTrade(t, this.tradeTime(t));
      this.tracker.afterReconcile(frontId, sessionId, this.clock.now());
      await this.refresh();
    } catch (e) {
      if (!this.closed) this.log('warn', `重连后核对委托与成交未完成：${(e as Error).message}`);
    }
  }

  /** Contracts (once a trading day), the settlement statement (once a day), rates of what is held. */
  private async loadReference(): Promise<void> {
    try {
      if (this.reference.instrumentCount === 0) {
        const rows = await this.query<CThostFtdcInstrumentField>('ReqQryInstrument', (api, id) => api.ReqQryInstrument({}, id), 'low');
        const differences = this.reference.setInstruments(rows, this.opts.contracts);
        for (const d of differences.slice(0, 10)) this.log('warn', `合约规格与内置数据不同：${d}`);
        this.events.emit('reference', { tradingDay: this.day, instruments: this.reference.instrumentCount, differences });
      }
      if (this.settlementLoadedFor !== this.day) {
        const rows = await this.query<CThostFtdcSettlementInfoField>('ReqQrySettlementInfo', (api, id) => api.ReqQrySettlementInfo(this.investor(), id), 'low');
        this.settlementLoadedFor = this.day;
        // The statement comes in 500-byte records that may split a GBK character: joined first, then decoded.
        const bytes = Buffer.concat(rows.map((r) => Buffer.from(r.Content)));
        // Asked without a day, the front answers with the last settled day's statement, each record naming it.
        if (bytes.length) this.events.emit('settlement', { tradingDay: Number(rows[0]!.TradingDay) || this.day, text: iconv.decode(bytes, 'gb18030') });
      }
      for (const p of this.positions) this.requestRates(p.symbol);
    } catch (e) {
      if (!this.closed) this.log('warn', `合约与费率加载未完成：${(e as Error).message}`);
    }
  }

  /** Margin and commission rates of a contract, once a trading day, when it is first traded or held. */
  private requestRates(symbol: string): void {
    const key = `${this.day}:${symbol}`;
    if (this.rateRequested.has(key)) return;
    this.rateRequested.add(key);
    const contract = this.opts.contracts.get(symbol);
    if (!contract) return;
    const ids = { ...this.investor(), InstrumentID: contract.code, ExchangeID: contract.exchange };
    this.query<CThostFtdcInstrumentMarginRateField>('ReqQryInstrumentMarginRate', (api, id) => api.ReqQryInstrumentMarginRate({ ...ids, HedgeFlag: '1' }, id), 'low')
      .then((rows) => rows.forEach((r) => this.reference.setMarginRate(symbol, r)))
      .catch((e: Error) => this.closed || this.log('debug', e.message));
    if (!this.reference.hasCommission(symbol)) {
      this.query<CThostFtdcInstrumentCommissionRateField>('ReqQryInstrumentCommissionRate', (api, id) => api.ReqQryInstrumentCommissionRate(ids, id), 'low')
        .then((rows) => rows.forEach((r) => this.reference.setCommissionRate(r)))
        .catch((e: Error) => this.closed || this.log('debug', e.message));
    }
  }

  private async queryAccount(): Promise<void> {
    const rows = await this.query<CThostFtdcTradingAccountField>('ReqQryTradingAccount', (api, id) => api.ReqQryTradingAccount(this.investor(), id));
    const r = rows[0];
    if (!r) return;
    this.account = {
      accountId: r.AccountID,
      tradingDay: parseCtpDay(r.TradingDay) ?? this.day,
      preBalance: r.PreBalance,
      deposit: r.Deposit,
      withdraw: r.Withdraw,
      closeProfit: r.CloseProfit,
      positionProfit: r.PositionProfit,
      commission: r.Commission,
      balance: r.Balance,
      margin: r.CurrMargin,
      frozenMargin: r.FrozenMargin,
      frozenCommission: r.FrozenCommission,
      available: r.Available,
    };
    this.events.emit('account', this.account);
  }

  private async queryPositions(): Promise<void> {
    const rows = await this.query<CThostFtdcInvestorPositionField>('ReqQryInvestorPosition', (api, id) => api.ReqQryInvestorPosition(this.investor(), id));
    const joined = new Map<string, { -readonly [K in keyof BrokerPosition]: BrokerPosition[K] }>();
    for (const r of rows) {
      const symbol = `${r.ExchangeID}.${r.InstrumentID}`;
      const direction: PosDirection = r.PosiDirection === THOST_FTDC_PD_Long ? 'long' : 'short';
      const key = `${symbol}:${direction}`;
      const p = joined.get(key) ?? {
        symbol,
        direction,
        volume: 0,
        todayVolume: 0,
        ydVolume: 0,
        frozen: 0,
        openCost: 0,
        positionCost: 0,
        positionProfit: 0,
        margin: 0,
      };
      // SHFE and INE answer with a today and a history record; the others with one whose YdPosition is the
      // start-of-day figure, so yesterday's remaining lots are Position - TodayPosition.
      p.volume += r.Position;
      p.todayVolume += r.TodayPosition;
      p.ydVolume = p.volume - p.todayVolume;
      p.frozen += direction === 'long' ? r.ShortFrozen : r.LongFrozen;
      p.openCost += r.OpenCost;
      p.positionCost += r.PositionCost;
      p.positionProfit += r.PositionProfit;
      p.margin += r.UseMargin;
      joined.set(key, p);
    }
    this.positions = [...joined.values()].filter((p) => p.volume > 0 || p.frozen > 0);
    this.events.emit('positions', this.positions);
    for (const p of this.positions) this.requestRates(p.symbol);
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer !== undefined || !this.ready) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.refreshTimer = undefined;
      if (this.ready) this.refresh().catch((e: Error) => this.closed || this.log('debug', e.message));
    }, this.opts.refreshDelayMs ?? 1000);
    this.timers.add(timer);
    this.refreshTimer = timer;
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  private tradeTime(t: CThostFtdcTradeField): number {
    const now = this.clock.now();
    return exchangeInstant({ time: t.TradeTime, tradingDay: t.TradingDay, actionDay: t.TradeDate, exchange: t.ExchangeID }, now, this.opts.contracts.calendar) ?? now;
  }

  private frontParams(): Record<string, string> {
    return { kind: '交易', kindEn: 'trade', fronts: this.opts.account.tradeFronts.join(', ') };
  }

  private armConnectTimer(): void {
    this.clearConnectTimer();
    const ms = this.opts.connectTimeoutMs ?? 10_000;
    this.connectTimer = setTimeout(() => {
      this.connectTimer = undefined;
      if (!this.frontConnected && !this.closed) this.setState('error', 'UNREACHABLE', { ...this.frontParams(), seconds: seconds(ms) });
    }, ms);
  }

  private clearConnectTimer(): void {
    if (this.connectTimer !== undefined) clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
  }

  private cancelStep(): void {
    if (this.step) {
      clearTimeout(this.step.timer);
      this.timers.delete(this.step.timer);
    }
    this.step = undefined;
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.clearConnectTimer();
    this.step = undefined;
    this.refreshTimer = undefined;
  }

  private setState(state: GatewayState, code: GatewayMessageCode, params: Record<string, string | number> = {}): void {
    const { message, messageKey } = gatewayWords(code, params, this.lang);
    if (state === this.state && message === this.lastMessage) return;
    this.state = state;
    this.lastMessage = message;
    this.log(state === 'error' ? 'error' : 'info', message);
    this.listener?.status({ gateway: this.name, state, message, messageKey, ...(this.day ? { tradingDay: this.day } : {}) });
  }

  private log(level: LogLevel, message: string): void {
    this.events.emit('log', { level, message });
  }
}

/** A wait in seconds as a trader reads it: whole seconds, tenths below one. */
function seconds(ms: number): number {
  return ms >= 1000 ? Math.round(ms / 1000) : Math.round(ms / 100) / 10;
}
