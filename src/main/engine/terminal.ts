import os from 'node:os';
import path from 'node:path';
import type { Contract } from '../../shared/model/types';
import { openDatabase, type Db } from '../data/db';
import { SqliteTradingStore } from '../data/trading-store';
import { readSampleCsv } from '../gateway/feeds/bar-columns';
import { ReplayFeed } from '../gateway/feeds/replay';
import { SimExchange } from '../gateway/sim/sim-exchange';
import { resourcePath } from '../resources';
import { SettingsStore } from '../settings';
import { ContractRegistry } from '../trading/contracts';
import { DEFAULT_RISK_CONFIG, type RiskConfig } from '../trading/risk';
import { ManualClock } from './clock';
import { TradingEngine } from './trading-engine';

/** The bundled sample the default profile trades on: real 1-minute bars played as live quotes. */
export const DEFAULT_REPLAY: readonly { symbol: string; file: string }[] = [
  { symbol: 'SHFE.rb2605', file: 'rb_main_1min_2026-01.csv' },
  { symbol: 'SHFE.cu2603', file: 'cu_main_1min_2026-01.csv' },
  { symbol: 'SHFE.ni2603', file: 'ni_main_1min_2026-01.csv' },
];

export interface TerminalOptions {
  /** The profile's folder: its database and settings live here. */
  readonly profileDir: string;
  readonly accountId?: string;
  readonly initialBalance?: number;
  /** Market seconds played per real second. */
  readonly replaySpeed?: number;
  /** Start playing at once (false in tests that step the replay themselves). */
  readonly autoPlay?: boolean;
  readonly replay?: readonly { symbol: string; file: string }[];
  readonly risk?: Partial<RiskConfig>;
}

export function defaultProfileDir(): string {
  return process.env['QIHUO_PROFILE'] ?? path.join(os.homedir(), '.qihuo-terminal', 'profiles', 'default');
}

const REPLAY_CURSOR_KEY = 'replay.time';

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
  readonly engine: TradingEngine;
  readonly replay: ReplayFeed;
  readonly settings: SettingsStore;
  readonly watchlist: string[];
  private cursorTimer: NodeJS.Timeout | undefined;
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
    const stored = this.store.load();
    if (stored !== undefined) this.engine.restore(stored);

    const replayFiles = options.replay ?? DEFAULT_REPLAY;
    const series = replayFiles.map(({ symbol, file }) => {
      const contract: Contract = this.contracts.resolve(symbol);
      return { contract, bars: readSampleCsv(resourcePath('market', file), this.contracts.calendar) };
    });
    const resume = this.store.getValue(REPLAY_CURSOR_KEY);
    this.replay = new ReplayFeed(series, this.clock, (tick) => this.engine.onTick(tick), {
      speed: options.replaySpeed ?? 60,
      ...(resume !== undefined ? { resumeAfter: Number(resume) } : {}),
    });
    if (stored === undefined) {
      this.engine.rollTradingDay(this.contracts.calendar.tradingDayOf(this.replay.time + 1));
      this.store.initAccount(this.engine.portfolio.account);
    }
    const savedWatch = this.store.getValue('watchlist');
    this.watchlist = savedWatch !== undefined ? (JSON.parse(savedWatch) as string[]) : this.replay.symbols;
    if (options.autoPlay !== false) this.play();
  }

  play(): void {
    this.replay.start(100, () => this.engine.log('info', 'replay', '回放结束：样本行情已播放完毕'));
    // The replay position is kept so a restart continues where the market was.
    this.cursorTimer ??= setInterval(() => this.saveCursor(), 1000);
  }

  pause(): void {
    this.replay.stop();
    this.saveCursor();
  }

  saveCursor(): void {
    if (!this.closed) this.store.setValue(REPLAY_CURSOR_KEY, String(this.replay.time));
  }

  setWatchlist(symbols: readonly string[]): void {
    this.watchlist.splice(0, this.watchlist.length, ...symbols);
    this.store.setValue('watchlist', JSON.stringify(this.watchlist));
  }

  close(): void {
    if (this.closed) return;
    this.replay.stop();
    if (this.cursorTimer !== undefined) clearInterval(this.cursorTimer);
    this.saveCursor();
    this.closed = true;
    this.db.close();
  }
}
