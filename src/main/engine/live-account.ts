import path from 'node:path';
import type { CtpAccountConfig, CtpConnectionStatus, CtpLinkStatus } from '../../shared/ipc/accounts';
import { gatewayWords, STATE_WORDS } from '../../shared/i18n/gateway-messages';
import type { Lang } from '../../shared/ipc/settings';
import { isTerminalStatus } from '../../shared/model/enums';
import type { Db } from '../data/db';
import { SqliteTradingStore } from '../data/trading-store';
import { CtpGateway, type BrokerAccount, type BrokerPosition } from '../gateway/ctp/ctp-gateway';
import { CtpMarketData } from '../gateway/ctp/market-data';
import type { CtpAddon } from '../gateway/ctp/native';
import type { ContractRegistry } from '../trading/contracts';
import type { PositionState } from '../trading/positions';
import { DEFAULT_RISK_CONFIG, type RiskConfig } from '../trading/risk';
import { wallClock } from './clock';
import { TradingEngine } from './trading-engine';

export interface LiveAccountDeps {
  readonly db: Db;
  readonly contracts: ContractRegistry;
  readonly profileDir: string;
  readonly risk?: RiskConfig;
  readonly lang?: Lang;
  readonly addon?: CtpAddon;
  /** Contracts whose quotes the account subscribes to at once (the watch list). */
  readonly watch?: readonly string[];
}

/** The engine's account id of a CTP account. */
export function liveAccountId(id: string): string {
  return `ctp:${id}`;
}

/**
 * One live account (实盘): the same TradingEngine as the simulated account, wired to a broker's CTP trade front
 * (CtpGateway) and market-data front (CtpMarketData), on the wall clock, recording into the profile's database
 * under its own account id. The broker is the source of truth: at the first login the engine takes the broker's
 * balance and positions, and whenever the broker's positions differ from the engine's with no order of that contract
 * working, the engine takes the broker's and says so in the log.
 */
export class LiveAccount {
  readonly engine: TradingEngine;
  readonly gateway: CtpGateway;
  readonly md: CtpMarketData;
  readonly store: SqliteTradingStore;
  private balanceSyncedFor = 0;
  private fresh: boolean;

  constructor(
    readonly config: CtpAccountConfig,
    deps: LiveAccountDeps,
  ) {
    const accountId = liveAccountId(config.id);
    const flowDir = path.join(deps.profileDir, 'ctp-flow');
    this.store = new SqliteTradingStore(deps.db, accountId);
    this.gateway = new CtpGateway({
      account: config,
      contracts: deps.contracts,
      flowDir,
      ...(deps.lang !== undefined ? { lang: deps.lang } : {}),
      ...(deps.addon !== undefined ? { addon: deps.addon } : {}),
    });
    const stored = this.store.load();
    this.fresh = stored === undefined;
    this.engine = new TradingEngine({
      accountId,
      initialBalance: 0,
      contracts: deps.contracts,
      clock: wallClock,
      gateway: this.gateway,
      recorder: this.store,
      risk: deps.risk ?? DEFAULT_RISK_CONFIG,
    });
    if (stored !== undefined) {
      this.engine.restore(stored);
      // Orders that were working when the terminal stopped: the gateway takes them back by their CTP keys.
      for (const o of stored.orders) if (!isTerminalStatus(o.status)) this.gateway.adopt(o);
    } else this.store.initAccount(this.engine.portfolio.account);
    this.gateway.events.on('log', (l) => this.engine.log(l.level, this.gateway.name, l.message));
    this.gateway.events.on('account', (a) => this.syncAccount(a));
    this.gateway.events.on('positions', (p) => this.syncPositions(p));
    this.gateway.events.on('settlement', (s) => this.store.saveBrokerStatement(s.tradingDay, s.text));
    this.md = new CtpMarketData({
      account: config,
      contracts: deps.contracts,
      flowDir,
      onTick: (t) => this.engine.onTick(t),
      onStatus: (s) => this.engine.status(s),
      onLog: (level, message) => this.engine.log(level, `ctp-md:${config.id}`, message),
      ...(deps.lang !== undefined ? { lang: deps.lang } : {}),
      ...(deps.addon !== undefined ? { addon: deps.addon } : {}),
    });
    this.md.connect();
    const symbols = new Set([...(deps.watch ?? []), ...this.engine.portfolio.openPositions().map((p) => p.symbol)]);
    if (symbols.size) this.subscribe([...symbols]);
  }

  /** Subscribes quotes; returns the contracts refused, with why. */
  subscribe(symbols: readonly string[]): { symbol: string; error: string }[] {
    return this.md.subscribe(symbols);
  }

  status(): CtpConnectionStatus {
    const statuses = new Map(this.engine.gatewayStatuses().map((s) => [s.gateway, s]));
    const link = (name: string): CtpLinkStatus => {
      const s = statuses.get(name);
      if (s === undefined) return { state: 'connecting', ...gatewayWords(STATE_WORDS.connecting) };
      return { state: s.state, message: s.message, ...(s.messageKey !== undefined ? { messageKey: s.messageKey } : {}) };
    };
    const day = this.gateway.tradingDay || this.md.tradingDay;
    return {
      accountId: this.config.id,
      trade: link(this.gateway.name),
      market: link(this.md.name),
      ...(day ? { tradingDay: day } : {}),
    };
  }

  /** The broker's balance at the start of the trading day is the engine's 上日权益. */
  private syncAccount(a: BrokerAccount): void {
    if (this.balanceSyncedFor === a.tradingDay) return;
    this.balanceSyncedFor = a.tradingDay;
    const acc = this.engine.portfolio.account;
    if (this.engine.tradingDay !== 0 && this.engine.tradingDay !== a.tradingDay) this.engine.rollTradingDay(a.tradingDay);
    if (this.engine.tradingDay === 0) this.engine.rollTradingDay(a.tradingDay);
    if (Math.abs(acc.preBalance - a.preBalance) > 0.005 || this.fresh) {
      if (!this.fresh) this.engine.log('warn', this.gateway.name, `上日权益按期货公司数据校正: ${acc.preBalance.toFixed(2)} -> ${a.preBalance.toFixed(2)}`);
      acc.preBalance = a.preBalance;
      acc.deposit = a.deposit;
      acc.withdraw = a.withdraw;
      if (acc.maxBalance < a.preBalance) acc.maxBalance = a.preBalance;
      this.store.initAccount(acc);
    }
    this.fresh = false;
  }

  /** Positions as the broker holds them, where the engine's differ and nothing of that contract is working. */
  private syncPositions(broker: readonly BrokerPosition[]): void {
    const engine = this.engine;
    const seen = new Set<string>();
    const changed: PositionState[] = [];
    for (const b of broker) {
      seen.add(`${b.symbol}|${b.direction}`);
      const contract = engine.contracts.tryResolve(b.symbol);
      if ('error' in contract) continue;
      const pos = engine.portfolio.position(contract, b.direction);
      if (pos.todayVolume === b.todayVolume && pos.ydVolume === b.ydVolume) continue;
      if (engine.oms.workingOf(contract.symbol).length > 0) continue;
      engine.log('warn', this.gateway.name, `${b.symbol} ${b.direction === 'long' ? '多' : '空'}头持仓按期货公司数据校正: 今${pos.todayVolume}/昨${pos.ydVolume} -> 今${b.todayVolume}/昨${b.ydVolume}`);
      const share = (n: number): number => (b.volume > 0 ? n / b.volume : 0);
      pos.restore(
        { ...pos.snapshot(), todayVolume: b.todayVolume, ydVolume: b.ydVolume },
        b.openCost * share(b.ydVolume),
        b.positionCost * share(b.ydVolume),
        b.openCost * share(b.todayVolume),
      );
      changed.push(pos);
    }
    for (const [symbol, pair] of engine.portfolio.positions) {
      for (const pos of [pair.long, pair.short]) {
        if (pos.volume === 0 || seen.has(`${symbol}|${pos.direction}`) || engine.oms.workingOf(symbol).length > 0) continue;
        engine.log('warn', this.gateway.name, `${symbol} ${pos.direction === 'long' ? '多' : '空'}头持仓在期货公司已无，已清除`);
        pos.restore({ ...pos.snapshot(), todayVolume: 0, ydVolume: 0 }, 0, 0, 0);
        changed.push(pos);
      }
    }
    if (changed.length === 0) return;
    this.store.positionsChanged(changed, engine.portfolio.account);
    for (const p of changed) engine.bus.emit('position', p.snapshot());
    engine.bus.emit('account', engine.accountSnapshot());
  }

  close(): void {
    this.md.disconnect();
    this.gateway.disconnect();
  }
}
