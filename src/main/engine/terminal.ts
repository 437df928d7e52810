import os from 'node:os';
import path from 'node:path';
import type { Bar, Contract, LogEntry } from '../../shared/model/types';
import { openDatabase, type Db } from '../data/db';
import type { BarColumns } from '../gateway/feeds/bar-columns';
import { SqliteTradingStore } from '../data/trading-store';
import { LogStore } from '../data/log-store';
import { ReplayFeed, startAfterDays } from '../gateway/feeds/replay';
import { SimExchange } from '../gateway/sim/sim-exchange';
import { barAt } from '../data/row-views';
import { sliceColumns } from '../data/series';
import { DataService, type DownloadSettings } from '../data/data-service';
import { MarketRecorder } from '../data/market-recorder';
import { ensureSampleLoaded } from '../data/sample';
import { resourcesDir } from '../resources';
import { KeyFileCipher, SecretStore, type SecretCipher } from '../secrets';
import { definedOnly } from '../util/defined';
import { aggregateBars } from '../strategy/bar-generator';
import { builtinStrategiesDir, StrategyManager } from '../strategy/manager';
import { SettingsStore } from '../settings';
import { ContractRegistry } from '../trading/contracts';
import { DEFAULT_RISK_CONFIG, riskConfigSchema, type RiskConfig } from '../trading/risk';
import { ManualClock } from './clock';
import { AlertService } from '../notify/alert-service';
import { AccountManager } from './accounts';
import { LiveBars } from './live-bars';
import type { LiveAccount } from './live-account';
import { Journal } from './journal';
import { TradingEngine } from './trading-engine';

/** The contracts the default profile trades on: real 1-minute bars of January 2026, played as live quotes. */
export const DEFAULT_REPLAY: readonly string[] = ['SHFE.rb2605', 'SHFE.cu2603', 'SHFE.ni2603'];

export interface TerminalOptions {
  /** The profile's folder: its database and settings live here. */
  readonly profileDir: string;
  readonly accountId?: string;
  readonly initialBalance?: number;
  /** Market seconds played per real second. */
  readonly replaySpeed?: number;
  /** Start playing at once (false in tests that step the replay themselves). */
  readonly autoPlay?: boolean;
  /** Contracts to replay from the profile's market store (default DEFAULT_REPLAY). */
  readonly replay?: readonly string[];
  readonly risk?: Partial<RiskConfig>;
  /** How secrets are encrypted (the desktop app passes Electron's safeStorage; default: a 0600 key file). */
  readonly secretCipher?: SecretCipher;
  /** The strategy a new profile starts with, running (none: false). */
  readonly demoStrategy?: false | { readonly fileId: string; readonly name: string; readonly symbols: readonly string[] };
  /**
   * How many of the sample's trading days a new profile's replay counts as already played (default
   * HISTORY_DAYS): its charts open with them and strategies warm up on them.
   */
  readonly historyDays?: number;
  /** Where downloads come from and how politely (default: Sina's public endpoints, 2 s between requests). */
  readonly downloads?: DownloadSettings;
}

/** A new profile's market opens on the sample's fourth trading day, the three before it history. */
export const HISTORY_DAYS = 3;

/** A new profile starts with the shipped dual moving average running on rebar, so a newcomer sees a strategy trade. */
export const DEMO_STRATEGY = { fileId: 'builtin:dual-ma.ts', name: '双均线演示', symbols: ['SHFE.rb2605'] } as const;

/** Where the headless terminal keeps the key its secrets are encrypted with: outside every profile. */
export function defaultSecretKeyFile(): string {
  return process.env['QIHUO_SECRET_KEY_FILE'] ?? path.join(os.homedir(), '.qihuo-terminal', 'secret.key');
}

export function defaultProfileDir(): string {
  return process.env['QIHUO_PROFILE'] ?? path.join(os.homedir(), '.qihuo-terminal', 'profiles', 'default');
}

const REPLAY_CURSOR_KEY = 'replay.time';
const RISK_KEY = 'risk';

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * One running terminal on a simulated account (模拟盘): the engine on a replay of stored bars, with the SimExchange
 * matching and SQLite keeping orders, trades, positions and the account in the profile. Live accounts wire a CTP
 * gateway instead of the SimExchange; nothing else changes.
 */
export class Terminal {
  readonly contracts: ContractRegistry;
  readonly clock = new ManualClock();
  readonly db: Db;
  readonly store: SqliteTradingStore;
  /** The profile's market data: store, imports, exports, downloads. */
  readonly data: DataService;
  /** Broker passwords, auth codes and webhook tokens, encrypted. */
  readonly secrets: SecretStore;
  readonly engine: TradingEngine;
  readonly replay: ReplayFeed;
  readonly settings: SettingsStore;
  readonly watchlist: string[];
  readonly liveBars: LiveBars;
  readonly strategies: StrategyManager;
  /** Alerts pushed to DingTalk, WeCom, Feishu and webhooks, from every account's engine. */
  readonly alerts: AlertService;
  /** The trader's CTP accounts and their live connections. */
  readonly accounts: AccountManager;
  /** Problems met while starting (settings, strategies), for the log and the UI. */
  readonly startupProblems: string[] = [];
  private activeLive: LiveAccount | undefined;
  private readonly activeListeners: ((engine: TradingEngine) => void)[] = [];
  /** What each connected live account set up, to undo when it disconnects. */
  private readonly liveDetach = new Map<string, () => void>();
  /** Each account's journal (日志), the simulated one's and each connected live one's. */
  private readonly journals = new Map<TradingEngine, Journal>();
  private cursorTimer: NodeJS.Timeout | undefined;
  private clockTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(readonly options: TerminalOptions) {
    const accountId = options.accountId ?? 'sim';
    this.contracts = ContractRegistry.load();
    this.settings = new SettingsStore(path.join(options.profileDir, 'settings.json'));
    this.db = openDatabase(path.join(options.profileDir, 'terminal.db'));
    this.store = new SqliteTradingStore(this.db, accountId);
    const sim = new SimExchange(this.contracts, this.contracts.calendar, this.clock, { mode: 'tick' });
    this.engine = new TradingEngine({
      accountId,
      initialBalance: options.initialBalance ?? 100_000,
      contracts: this.contracts,
      clock: this.clock,
      gateway: sim,
      recorder: this.store,
      risk: { ...DEFAULT_RISK_CONFIG, ...options.risk },
    });
    this.secrets = new SecretStore(this.db, options.secretCipher ?? new KeyFileCipher(defaultSecretKeyFile()));
    const savedRisk = this.store.getValue(RISK_KEY);
    if (savedRisk !== undefined) {
      const parsed = riskConfigSchema.partial().safeParse(safeJson(savedRisk));
      if (parsed.success) this.engine.risk.configure(definedOnly(parsed.data));
      else this.startupProblems.push(`风控设置无效，已用默认值: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    }
    const stored = this.store.load();
    if (stored !== undefined) this.engine.restore(stored);

    ensureSampleLoaded(this.db, this.contracts);
    this.data = new DataService(this.db, this.contracts, options.downloads);
    const series = (options.replay ?? DEFAULT_REPLAY).map((symbol) => {
      const contract: Contract = this.contracts.resolve(symbol);
      const bars = this.data.store.load(contract.symbol, '1m');
      if (bars.length === 0) throw new Error(`no 1-minute bars of ${contract.symbol} in the profile's store to replay`);
      return { contract, bars };
    });
    const saved = this.store.getValue(REPLAY_CURSOR_KEY);
    const resume = saved !== undefined ? Number(saved) : startAfterDays(series, options.historyDays ?? HISTORY_DAYS);
    this.replay = new ReplayFeed(series, this.clock, (tick) => this.engine.onTick(tick), {
      speed: options.replaySpeed ?? 60,
      // The sample's days play again on the days that follow: the simulated market never runs out.
      calendar: this.contracts.calendar,
      onSettlement: (symbol, price) => this.engine.setSettlement(symbol, price),
      ...(resume !== undefined ? { resumeAfter: resume } : {}),
    });
    if (stored === undefined) {
      this.engine.rollTradingDay(this.contracts.calendar.tradingDayOf(this.replay.time + 1));
      this.store.initAccount(this.engine.portfolio.account);
    }
    for (const quote of this.replay.quotes()) this.engine.showQuote(quote);
    const savedWatch = this.store.getValue('watchlist');
    this.watchlist = savedWatch !== undefined ? (JSON.parse(savedWatch) as string[]) : this.replay.symbols;

    this.journals.set(this.engine, new Journal(this.engine, new LogStore(this.db, accountId)));
    this.liveBars = new LiveBars(this.engine.bus, this.contracts);
    this.strategies = new StrategyManager(this.engine, this.db, options.profileDir, builtinStrategiesDir(resourcesDir()), (symbol, period, count) =>
      this.history(symbol, period, count, 'paper'),
    );
    for (const p of this.settings.problems) this.startupProblems.push(p);
    for (const p of this.strategies.restore()) this.startupProblems.push(`策略 ${p.name}: ${p.problem}`);
    const demo = options.demoStrategy ?? DEMO_STRATEGY;
    if (stored === undefined && demo !== false) {
      try {
        this.strategies.add(demo.name, demo.fileId, demo.symbols);
        this.strategies.start(demo.name);
      } catch (e) {
        this.startupProblems.push(`演示策略未能启动: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    this.alerts = new AlertService({
      settings: this.store,
      secrets: this.secrets,
      log: (level, source, message) => this.engine.log(level, source, message),
      isStrategy: (source) => this.strategies.has(source),
    });
    for (const p of this.alerts.problems) this.startupProblems.push(`提醒设置: ${p}`);
    this.alerts.attach(this.engine.bus, this.engine.gatewayStatuses());
    this.accounts = new AccountManager(
      this.db,
      this.secrets,
      () => ({ db: this.db, contracts: this.contracts, profileDir: options.profileDir, risk: this.engine.risk.settings, lang: this.settings.get().lang, watch: this.watchlist }),
      (id, live) => this.liveChanged(id, live),
    );
    for (const p of this.startupProblems) this.engine.log('warn', 'terminal', p);
    if (options.autoPlay !== false) this.play();
  }

  play(): void {
    this.replay.start(100);
    // The replay position is kept so a restart continues where the market was.
    this.cursorTimer ??= setInterval(() => this.saveCursor(), 1000);
    // Strategies' onTimer, and minutes closed when a contract's ticks go quiet.
    this.clockTimer ??= setInterval(() => {
      const now = this.clock.now();
      this.liveBars.flush(now);
      this.engine.bus.emit('timer', now);
    }, 1000);
  }

  pause(): void {
    this.replay.stop();
    this.saveCursor();
  }

  saveCursor(): void {
    if (!this.closed) this.store.setValue(REPLAY_CURSOR_KEY, String(this.replay.time));
  }

  /** The engine the trading screen shows and trades: the simulated account, or the active live account. */
  get active(): TradingEngine {
    return this.activeLive?.engine ?? this.engine;
  }

  /** The active account's latest log lines, oldest first. */
  recentLogs(): LogEntry[] {
    return this.journals.get(this.active)?.recent() ?? [];
  }

  get activeStore(): SqliteTradingStore {
    return this.activeLive?.store ?? this.store;
  }

  get activeMode(): 'paper' | 'live' {
    return this.activeLive === undefined ? 'paper' : 'live';
  }

  /** Makes an account the active one: 'sim', or the id of a connected CTP account. */
  activate(id: string): void {
    if (id === 'sim') this.activeLive = undefined;
    else {
      const live = this.accounts.get(id);
      if (live === undefined) throw new Error(`账户 ${id} 未连接，请先连接 (connect account ${id} first)`);
      this.activeLive = live;
    }
    for (const l of this.activeListeners) l(this.active);
  }

  /** Asks the active live account's market data for these contracts (nothing on the simulated account: the replay decides). */
  subscribeLive(symbols: readonly string[]): void {
    const problems = this.activeLive?.subscribe(symbols) ?? [];
    for (const p of problems) this.active.log('warn', 'market', `${p.symbol}: ${p.error}`);
  }

  onActiveChange(listener: (engine: TradingEngine) => void): void {
    this.activeListeners.push(listener);
  }

  /** Live ticks are recorded into the market store (1-minute bars and ticks), which the charts read back. */
  private liveChanged(id: string, live: LiveAccount | undefined): void {
    this.liveDetach.get(id)?.();
    this.liveDetach.delete(id);
    if (live === undefined) {
      if (this.activeLive?.config.id === id) this.activate('sim');
      return;
    }
    const engine = live.engine;
    const journal = new Journal(engine, new LogStore(this.db, engine.portfolio.account.accountId));
    this.journals.set(engine, journal);
    const recorder = new MarketRecorder(this.data.store, { now: () => Date.now() });
    const detachRecorder = recorder.attach(engine.bus);
    const detachAlerts = this.alerts.attach(engine.bus, engine.gatewayStatuses());
    // Strategies on this account get 1-minute bars built from its ticks, and onTimer every second.
    const bars = new LiveBars(engine.bus, this.contracts);
    const timer = setInterval(() => {
      bars.flush(Date.now());
      engine.bus.emit('timer', Date.now());
    }, 1000);
    const account = engine.portfolio.account.accountId;
    this.strategies.attachEngine(account, engine, (symbol, period, count) => this.history(symbol, period, count, 'live'));
    this.liveDetach.set(id, () => {
      journal.dispose();
      this.journals.delete(engine);
      this.strategies.detachEngine(account);
      clearInterval(timer);
      bars.dispose();
      detachRecorder();
      detachAlerts();
      recorder.flush(true);
    });
  }

  /** History for strategies: the last `count` bars of a period before now. */
  history(symbol: string, period: string, count: number, source: 'paper' | 'live' = this.activeMode): Bar[] {
    const m1 = this.minuteHistory(symbol, source);
    if (m1 === undefined) return [];
    const cols = period === '1m' ? m1 : aggregateBars(m1, period, this.contracts.resolve(symbol));
    const out: Bar[] = [];
    for (let i = Math.max(0, cols.length - count); i < cols.length; i++) out.push(barAt(cols, i, symbol, period as Bar['period']));
    return out;
  }

  /**
   * 1-minute bars of a contract up to the market's now: the replay's so far on the simulated account, the store's
   * (recorded and imported) on a live one.
   */
  minuteHistory(symbol: string, source: 'paper' | 'live' = this.activeMode): BarColumns | undefined {
    if (source === 'paper') {
      const h = this.replay.history(symbol);
      if (h !== undefined) return sliceColumns('bar', h.bars, 0, h.end);
    }
    const stored = this.data.store.load(symbol, '1m');
    return stored.length > 0 ? stored : undefined;
  }

  /** Changes risk rules (validated), keeps them in the profile, and returns them all. */
  setRisk(patch: Partial<RiskConfig>): RiskConfig {
    this.engine.risk.configure(definedOnly(patch));
    for (const s of this.accounts.status()) this.accounts.get(s.accountId)?.engine.risk.configure(this.engine.risk.settings);
    this.store.setValue(RISK_KEY, JSON.stringify(this.engine.risk.settings));
    return this.engine.risk.settings;
  }

  setWatchlist(symbols: readonly string[]): void {
    this.watchlist.splice(0, this.watchlist.length, ...symbols);
    this.store.setValue('watchlist', JSON.stringify(this.watchlist));
  }

  close(): void {
    if (this.closed) return;
    this.replay.stop();
    this.accounts.closeAll();
    this.alerts.close();
    if (this.cursorTimer !== undefined) clearInterval(this.cursorTimer);
    if (this.clockTimer !== undefined) clearInterval(this.clockTimer);
    this.liveBars.dispose();
    this.strategies.dispose();
    this.saveCursor();
    this.closed = true;
    this.db.close();
  }
}
