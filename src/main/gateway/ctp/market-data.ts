import type { CtpAccountConfig } from '../../../shared/ipc/accounts';
import type { Lang } from '../../../shared/ipc/settings';
import type { GatewayState, LogLevel } from '../../../shared/model/enums';
import type { GatewayStatus, Tick } from '../../../shared/model/types';
import { wallClock, type Clock } from '../../engine/clock';
import type { ContractRegistry } from '../../trading/contracts';
import type { MdEvent } from './ctp-api.gen';
import { gatewayWords, type GatewayMessageCode } from '../../../shared/i18n/gateway-messages';
import { ctpErrorText, disconnectReason, requestCodeText } from './messages';
import { flowFolder, loadCtpAddon, type CtpAddon, type NativeMdApi } from './native';
import { depthToTick } from './tick';

export interface CtpMarketDataOptions {
  readonly account: CtpAccountConfig;
  readonly contracts: ContractRegistry;
  readonly flowDir: string;
  /** Where ticks go: in live trading TradingEngine.onTick. */
  readonly onTick: (tick: Tick) => void;
  readonly onStatus?: (status: GatewayStatus) => void;
  readonly onLog?: (level: LogLevel, message: string) => void;
  readonly clock?: Clock;
  readonly addon?: CtpAddon;
  readonly lang?: Lang;
  readonly connectTimeoutMs?: number;
  readonly retryDelayMs?: number;
}

/**
 * Market data through CTP's MdApi on the account's market-data fronts: logs in after every (re)connect, restores the
 * subscriptions, and turns each depth quote into the engine's Tick (canonical id, trading day and time worked out
 * for night sessions, DBL_MAX and other invalid values cleared). A quote that cannot be read is logged and skipped.
 */
export class CtpMarketData {
  readonly name: string;
  private api: NativeMdApi | undefined;
  private readonly clock: Clock;
  private readonly lang: Lang;
  /** Exchange instrument id (rb2505) -> canonical id (SHFE.rb2505) of every subscription. */
  private readonly subscribed = new Map<string, string>();
  private readonly lastTime = new Map<string, number>();
  private loggedIn = false;
  private frontConnected = false;
  private closed = true;
  private requestId = 0;
  private day = 0;
  private timers = new Set<NodeJS.Timeout>();
  private connectTimer: NodeJS.Timeout | undefined;
  private state: GatewayState = 'disconnected';
  private lastMessage = '';
  /** Quotes delivered and refused, for the status line and tests. */
  readonly counts = { ticks: 0, refused: 0 };

  constructor(private readonly opts: CtpMarketDataOptions) {
    this.name = `ctp-md:${opts.account.id}`;
    this.clock = opts.clock ?? wallClock;
    this.lang = opts.lang ?? 'zh';
  }

  get tradingDay(): number {
    return this.day;
  }

  get isLoggedIn(): boolean {
    return this.loggedIn;
  }

  subscriptions(): string[] {
    return [...this.subscribed.values()];
  }

  connect(): void {
    if (!this.closed) return;
    this.closed = false;
    let addon: CtpAddon;
    try {
      addon = this.opts.addon ?? loadCtpAddon();
    } catch (e) {
      return this.setState('error', 'ADDON_MISSING', { detail: (e as Error).message });
    }
    const a = this.opts.account;
    const api = new addon.MdApi(flowFolder(this.opts.flowDir, `${a.brokerId}_${a.userId}`, 'md'), (events) => this.onEvents(api, events));
    this.api = api;
    for (const f of a.marketFronts) api.RegisterFront(f);
    this.setState('connecting', 'CONNECTING', this.frontParams());
    api.Init();
    this.armConnectTimer();
  }

  disconnect(): void {
    if (this.closed) return;
    this.closed = true;
    this.loggedIn = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.connectTimer) clearTimeout(this.connectTimer);
    const api = this.api;
    this.api = undefined;
    api?.Release();
    this.setState('disconnected', 'DISCONNECTED_BY_USER');
  }

  /** Subscribes canonical ids (SHFE.rb2505 or rb2505); returns the ids that could not be resolved, with why. */
  subscribe(symbols: readonly string[]): { symbol: string; error: string }[] {
    const bad: { symbol: string; error: string }[] = [];
    const codes: string[] = [];
    for (const s of symbols) {
      const c = this.opts.contracts.tryResolve(s, this.day || undefined);
      if ('error' in c) {
        bad.push({ symbol: s, error: c.error });
        continue;
      }
      if (!this.subscribed.has(c.code)) codes.push(c.code);
      this.subscribed.set(c.code, c.symbol);
    }
    if (codes.length && this.loggedIn && this.api) this.send(this.api, codes, true);
    return bad;
  }

  unsubscribe(symbols: readonly string[]): void {
    const codes: string[] = [];
    for (const s of symbols) {
      const c = this.opts.contracts.tryResolve(s, this.day || undefined);
      if ('error' in c || !this.subscribed.delete(c.code)) continue;
      codes.push(c.code);
    }
    if (codes.length && this.loggedIn && this.api) this.send(this.api, codes, false);
  }

  private send(api: NativeMdApi, codes: string[], subscribe: boolean): void {
    const rc = subscribe ? api.SubscribeMarketData(codes) : api.UnSubscribeMarketData(codes);
    if (rc !== 0) this.log('warn', `${subscribe ? '订阅' : '退订'}行情未发出（${requestCodeText(rc, this.lang)}）：${codes.join(', ')}`);
  }

  private onEvents(api: NativeMdApi, events: MdEvent[]): void {
    if (api !== this.api) return;
    for (const e of events) {
      try {
        this.handle(api, e);
      } catch (err) {
        this.log('error', `${e.name}: ${(err as Error).message}`);
      }
    }
  }

  private handle(api: NativeMdApi, e: MdEvent): void {
    switch (e.name) {
      case 'OnFrontConnected':
        this.frontConnected = true;
        if (this.connectTimer) clearTimeout(this.connectTimer);
        return this.login(api);
      case 'OnFrontDisconnected':
        this.frontConnected = false;
        this.loggedIn = false;
        this.setState('connecting', 'DISCONNECTED', { ...this.frontParams(), reason: disconnectReason(e.reason, 'zh'), reasonEn: disconnectReason(e.reason, 'en') });
        return this.armConnectTimer();
      case 'OnHeartBeatWarning':
        return this.log('warn', `行情前置心跳超时警告：${e.timeLapse} 秒未收到报文`);
      case 'OnRspUserLogin': {
        const err = e.rspInfo?.ErrorID ?? 0;
        if (err !== 0) {
          this.setState('connecting', 'STEP_FAILED', { step: '行情登录', stepEn: 'Market-data login', id: err, msg: e.rspInfo?.ErrorMsg ?? '', seconds: this.retryDelay() / 1000 });
          return this.later(this.retryDelay(), () => this.login(api));
        }
        this.loggedIn = true;
        this.day = Number(e.data?.TradingDay ?? api.GetTradingDay()) || this.day;
        this.setState('connected', 'MD_READY', { day: this.day });
        // A new connection has no subscriptions: all of them again.
        if (this.subscribed.size) this.send(api, [...this.subscribed.keys()], true);
        return;
      }
      case 'OnRspSubMarketData':
      case 'OnRspUnSubMarketData':
        if (e.rspInfo && e.rspInfo.ErrorID !== 0) this.log('warn', `${e.data?.InstrumentID ?? ''} 订阅失败：${ctpErrorText(e.rspInfo.ErrorID, e.rspInfo.ErrorMsg)}`);
        return;
      case 'OnRspError':
        return this.log('warn', `行情错误：${e.rspInfo ? ctpErrorText(e.rspInfo.ErrorID, e.rspInfo.ErrorMsg) : ''}`);
      case 'OnRtnDepthMarketData':
        if (e.data) this.onDepth(e.data);
        return;
      case 'OnRspUserLogout':
        return;
    }
  }

  private onDepth(d: Extract<MdEvent, { name: 'OnRtnDepthMarketData' }>['data'] & object): void {
    const code = d.InstrumentID.trim();
    let symbol = this.subscribed.get(code);
    if (symbol === undefined) {
      const c = this.opts.contracts.tryResolve(d.ExchangeID ? `${d.ExchangeID}.${code}` : code);
      if ('error' in c) {
        this.counts.refused++;
        return this.log('warn', `行情 ${code} 无法识别：${c.error}`);
      }
      symbol = c.symbol;
    }
    const exchange = symbol.slice(0, symbol.indexOf('.'));
    const tick = depthToTick(d, symbol, exchange, this.clock.now(), this.opts.contracts.calendar);
    if ('error' in tick) {
      this.counts.refused++;
      return this.log('warn', tick.error);
    }
    // A quote older than the last one of its contract (a snapshot resent at login) would move prices backwards.
    const last = this.lastTime.get(symbol);
    if (last !== undefined && tick.time < last) return;
    this.lastTime.set(symbol, tick.time);
    this.counts.ticks++;
    this.opts.onTick(tick);
  }

  private login(api: NativeMdApi): void {
    if (this.closed || !this.frontConnected) return;
    const a = this.opts.account;
    const rc = api.ReqUserLogin({ BrokerID: a.brokerId, UserID: a.userId, Password: a.password }, ++this.requestId);
    if (rc !== 0) this.later(this.retryDelay(), () => this.login(api));
  }

  private retryDelay(): number {
    return this.opts.retryDelayMs ?? 2000;
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private frontParams(): Record<string, string> {
    return { kind: '行情', kindEn: 'market-data', fronts: this.opts.account.marketFronts.join(', ') };
  }

  private armConnectTimer(): void {
    if (this.connectTimer) clearTimeout(this.connectTimer);
    const ms = this.opts.connectTimeoutMs ?? 10_000;
    this.connectTimer = setTimeout(() => {
      this.connectTimer = undefined;
      if (!this.frontConnected && !this.closed) this.setState('error', 'UNREACHABLE', { ...this.frontParams(), seconds: seconds(ms) });
    }, ms);
  }

  private setState(state: GatewayState, code: GatewayMessageCode, params: Record<string, string | number> = {}): void {
    const { message, messageKey } = gatewayWords(code, params, this.lang);
    if (state === this.state && message === this.lastMessage) return;
    this.state = state;
    this.lastMessage = message;
    this.log(state === 'error' ? 'error' : 'info', message);
    this.opts.onStatus?.({ gateway: this.name, state, message, messageKey, ...(this.day ? { tradingDay: this.day } : {}) });
  }

  private log(level: LogLevel, message: string): void {
    this.opts.onLog?.(level, message);
  }
}

/** A wait in seconds as a trader reads it: whole seconds, tenths below one. */
function seconds(ms: number): number {
  return ms >= 1000 ? Math.round(ms / 1000) : Math.round(ms / 100) / 10;
}
