import fs from 'node:fs';
import path from 'node:path';
import type { StrategyFileInfo, StrategyInstanceInfo } from '../../shared/ipc/strategy';
import type { Signal, Trade } from '../../shared/model/types';
import type { Db } from '../data/db';
import type { TradingEngine } from '../engine/trading-engine';
import { loadStrategySource, StrategyError, type LoadedStrategy, type StrategyProblem } from './loader';
import { StrategyRuntime, type BookedTrade, type HistoryProvider, type StrategyInstance, type StrategyStateStore } from './runtime';

interface FileEntry {
  readonly id: string;
  readonly fileName: string;
  readonly path: string;
  readonly builtin: boolean;
  loaded?: LoadedStrategy;
  error?: StrategyProblem;
}

interface StrategyRow {
  id: number;
  account_id: string;
  name: string;
  file: string;
  symbols: string;
  params: string;
  state: string | null;
  is_active: number;
}

/** The shipped strategies: `strategies/` beside resources/ (in development, tests and packaged apps alike). */
export function builtinStrategiesDir(resources: string): string {
  return path.join(path.dirname(resources), 'strategies');
}

/**
 * The strategy manager of a running terminal: the strategy files it knows (shipped and added by the user, each
 * checked on load with its problems kept for the UI), and the instances running on the engine, kept in the profile
 * database (table `strategy`) with their declared state, so they come back after a restart.
 */
export class StrategyManager implements StrategyStateStore {
  /** One runtime per account's engine: 'sim' always, a CTP account's while it is connected. */
  private readonly runtimes = new Map<string, StrategyRuntime>();
  /** Which account each instance trades on. */
  private readonly accountOf = new Map<string, string>();
  /** Instances of accounts not connected now: kept, shown stopped, brought back when the account connects. */
  private readonly waiting = new Map<string, StrategyRow>();
  private readonly files = new Map<string, FileEntry>();
  private readonly userDir: string;
  private readonly dirty = new Set<string>();

  constructor(
    engine: TradingEngine,
    private readonly db: Db,
    profileDir: string,
    builtinDir: string | undefined,
    history: HistoryProvider,
  ) {
    this.attachEngine('sim', engine, history);
    this.userDir = path.join(profileDir, 'strategies');
    if (builtinDir !== undefined && fs.existsSync(builtinDir)) {
      for (const f of fs.readdirSync(builtinDir).sort()) if (/\.(ts|js)$/.test(f)) this.register(`builtin:${f}`, f, path.join(builtinDir, f), true);
    }
    if (fs.existsSync(this.userDir)) {
      for (const f of fs.readdirSync(this.userDir).sort()) if (/\.(ts|js)$/.test(f)) this.register(`user:${f}`, f, path.join(this.userDir, f), false);
    }
  }

  /** The runtime of the simulated account. */
  get runtime(): StrategyRuntime {
    return this.runtimes.get('sim')!;
  }

  /** An account's engine came up (a CTP account connected): its kept instances come back, stopped. */
  attachEngine(account: string, engine: TradingEngine, history: HistoryProvider): void {
    this.runtimes.set(account, new StrategyRuntime(engine, history, this, (inst) => this.dirty.add(inst.name)));
    for (const [name, row] of [...this.waiting]) {
      if (row.account_id !== account) continue;
      this.waiting.delete(name);
      this.revive(row, false);
    }
  }

  /** An account's engine went away (disconnected): its instances stop and wait for it. */
  detachEngine(account: string): void {
    const runtime = this.runtimes.get(account);
    if (runtime === undefined || account === 'sim') return;
    for (const inst of [...runtime.instances.values()]) {
      if (inst.status === 'running') runtime.stop(inst.name);
      const row = this.row(inst.name);
      runtime.remove(inst.name);
      this.accountOf.delete(inst.name);
      if (row !== undefined) this.waiting.set(inst.name, row);
    }
    runtime.dispose();
    this.runtimes.delete(account);
  }

  private row(name: string): StrategyRow | undefined {
    return this.db.prepare('SELECT * FROM strategy WHERE name = ?').get(name) as StrategyRow | undefined;
  }

  private runtimeOf(name: string): StrategyRuntime {
    const account = this.accountOf.get(name);
    const runtime = account === undefined ? undefined : this.runtimes.get(account);
    if (runtime === undefined) {
      if (this.waiting.has(name)) throw new Error(`${name} trades on account ${this.waiting.get(name)!.account_id}, which is not connected`);
      throw new Error(`no strategy instance named "${name}"`);
    }
    return runtime;
  }

  private allInstances(): StrategyInstance[] {
    const out: StrategyInstance[] = [];
    for (const r of this.runtimes.values()) out.push(...r.instances.values());
    return out;
  }

  private register(id: string, fileName: string, file: string, builtin: boolean): FileEntry {
    const entry: FileEntry = { id, fileName, path: file, builtin };
    try {
      entry.loaded = loadStrategySource(fs.readFileSync(file, 'utf8'), file);
    } catch (e) {
      entry.error = e instanceof StrategyError ? e.problem : { file, message: e instanceof Error ? e.message : String(e) };
    }
    this.files.set(id, entry);
    return entry;
  }

  listFiles(): StrategyFileInfo[] {
    return [...this.files.values()].map(fileInfo);
  }

  /** Keeps a dropped file in the profile and checks it; a file of the same name is replaced (its instances keep the old code until re-added). */
  upload(fileName: string, source: string): StrategyFileInfo {
    fs.mkdirSync(this.userDir, { recursive: true });
    const file = path.join(this.userDir, path.basename(fileName));
    fs.writeFileSync(file, source);
    return fileInfo(this.register(`user:${path.basename(fileName)}`, path.basename(fileName), file, false));
  }

  removeFile(id: string): void {
    const entry = this.fileEntry(id);
    if (entry.builtin) throw new Error('a shipped strategy cannot be removed');
    const users = this.allInstances().filter((i) => i.loaded.file === entry.path).map((i) => i.name);
    if (users.length) throw new Error(`strategy instances ${users.join(', ')} use this file: remove them first`);
    fs.rmSync(entry.path, { force: true });
    this.files.delete(id);
  }

  private fileEntry(id: string): FileEntry {
    const entry = this.files.get(id);
    if (entry === undefined) throw new Error(`no strategy file "${id}"`);
    return entry;
  }

  private loadedOf(id: string): LoadedStrategy {
    const entry = this.fileEntry(id);
    if (entry.loaded === undefined) throw new Error(`strategy file ${entry.fileName} does not load: ${entry.error?.message ?? ''}`);
    return entry.loaded;
  }

  /** Creates an instance (not started) on an account ('sim' by default) and keeps it in the profile. */
  add(name: string, fileId: string, symbols: readonly string[], params: Readonly<Record<string, unknown>> = {}, account = 'sim'): StrategyInstanceInfo {
    const runtime = this.runtimes.get(account);
    if (runtime === undefined) throw new Error(`account ${account} is not connected`);
    if (this.accountOf.has(name) || this.waiting.has(name)) throw new Error(`a strategy instance named "${name}" already exists`);
    const loaded = this.loadedOf(fileId);
    const inst = runtime.add(loaded, { name, symbols, params });
    this.accountOf.set(name, account);
    this.db
      .prepare(
        `INSERT INTO strategy (name, display_name, class_name, file, symbols, params, state, is_active, created_at, updated_at, account_id)
         VALUES (?, ?, ?, ?, ?, ?, NULL, 0, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET class_name = excluded.class_name, file = excluded.file, symbols = excluded.symbols,
           params = excluded.params, state = NULL, is_active = 0, updated_at = excluded.updated_at, account_id = excluded.account_id`,
      )
      .run(name, loaded.cls.meta.name.zh, loaded.className, fileId, JSON.stringify(inst.strategy.symbols), JSON.stringify(inst.strategy.params), Date.now(), Date.now(), account);
    // An empty book from the start: trades of an earlier instance of the same name are not this one's.
    runtime.saveState(inst);
    return this.info(inst);
  }

  /** Changes a stopped instance's parameters or contracts (a running one must be stopped first). */
  update(name: string, symbols?: readonly string[], params?: Readonly<Record<string, unknown>>): StrategyInstanceInfo {
    const runtime = this.runtimeOf(name);
    const inst = runtime.get(name);
    if (inst.status === 'running') throw new Error(`stop ${name} before changing it`);
    const fileId = this.fileIdOf(inst);
    const account = this.accountOf.get(name)!;
    const book = inst.bookState();
    const kept = this.loadState(name);
    runtime.remove(name);
    this.accountOf.delete(name);
    const recreate = (s: readonly string[], p: Readonly<Record<string, unknown>>): StrategyInstanceInfo => {
      this.add(name, fileId, s, p, account);
      // New parameters, the same trades: what it holds stays its own.
      const changed = runtime.get(name);
      changed.restoreBook(book);
      runtime.saveState(changed);
      return this.info(changed);
    };
    try {
      return recreate(symbols ?? inst.config.symbols, params ?? inst.strategy.params);
    } catch (e) {
      // Refused (a parameter out of its range, an unknown contract): the instance stays as it was, state and all.
      recreate(inst.config.symbols, inst.strategy.params);
      if (kept !== undefined) this.saveState(name, kept);
      throw e;
    }
  }

  start(name: string): StrategyInstanceInfo {
    const inst = this.runtimeOf(name).start(name);
    this.setActive(name, inst.status === 'running');
    if (inst.status === 'error') throw new Error(`${name} failed to start: ${inst.error?.message ?? ''}`);
    return this.info(inst);
  }

  stop(name: string): StrategyInstanceInfo {
    const inst = this.runtimeOf(name).stop(name);
    this.setActive(name, false);
    return this.info(inst);
  }

  remove(name: string): void {
    if (this.waiting.delete(name)) {
      this.db.prepare('DELETE FROM strategy WHERE name = ?').run(name);
      return;
    }
    this.runtimeOf(name).remove(name);
    this.accountOf.delete(name);
    this.db.prepare('DELETE FROM strategy WHERE name = ?').run(name);
  }

  instances(): StrategyInstanceInfo[] {
    return [...this.allInstances().map((i) => this.info(i)), ...[...this.waiting.values()].map((r) => this.waitingInfo(r))];
  }

  /** Instances changed since the last call (for update batches). */
  takeChanged(): StrategyInstanceInfo[] {
    const out: StrategyInstanceInfo[] = [];
    for (const name of this.dirty) {
      const account = this.accountOf.get(name);
      const inst = account === undefined ? undefined : this.runtimes.get(account)?.instances.get(name);
      if (inst !== undefined) out.push(this.info(inst));
    }
    this.dirty.clear();
    return out;
  }

  /** Marks every instance with a position as changed (their floating P&L moves with prices). */
  touchOpen(): void {
    for (const inst of this.allInstances()) {
      for (const p of inst.strategy.positions.values()) {
        if (p.lots !== 0) {
          this.dirty.add(inst.name);
          break;
        }
      }
    }
  }

  /** The instance's own trades, from the account's trades (its orders carry its name as their source). */
  trades(name: string, all: readonly Trade[]): Trade[] {
    if (!this.accountOf.has(name) && !this.waiting.has(name)) throw new Error(`no strategy instance named "${name}"`);
    return all.filter((t) => t.source === name);
  }

  /** Whether an instance of this name exists (on any account, connected or not). */
  has(name: string): boolean {
    return this.accountOf.has(name) || this.waiting.has(name);
  }

  /** The account an instance trades on. */
  accountOfInstance(name: string): string {
    const a = this.accountOf.get(name) ?? this.waiting.get(name)?.account_id;
    if (a === undefined) throw new Error(`no strategy instance named "${name}"`);
    return a;
  }

  /**
   * Brings back the instances kept in the profile. Those of the simulated account that were running start again;
   * those of a live account wait, stopped, for it to connect (a live strategy is never started unasked).
   */
  restore(): { name: string; problem: string }[] {
    const problems: { name: string; problem: string }[] = [];
    const rows = this.db.prepare('SELECT * FROM strategy ORDER BY id').all() as StrategyRow[];
    for (const r of rows) {
      if (!this.runtimes.has(r.account_id)) {
        this.waiting.set(r.name, r);
        continue;
      }
      try {
        this.revive(r, r.account_id === 'sim' && r.is_active === 1);
      } catch (e) {
        problems.push({ name: r.name, problem: e instanceof Error ? e.message : String(e) });
      }
    }
    return problems;
  }

  private revive(r: StrategyRow, start: boolean): void {
    const runtime = this.runtimes.get(r.account_id)!;
    runtime.add(this.loadedOf(r.file), { name: r.name, symbols: JSON.parse(r.symbols) as string[], params: JSON.parse(r.params) as Record<string, unknown> });
    this.accountOf.set(r.name, r.account_id);
    if (start) runtime.start(r.name);
    else this.setActive(r.name, false);
    this.dirty.add(r.name);
  }

  dispose(): void {
    for (const r of this.runtimes.values()) r.dispose();
  }

  // ---- StrategyStateStore ----------------------------------------------------------------------------------------

  loadState(name: string): Record<string, unknown> | undefined {
    const row = this.db.prepare('SELECT state FROM strategy WHERE name = ?').get(name) as { state: string | null } | undefined;
    return row?.state ? (JSON.parse(row.state) as Record<string, unknown>) : undefined;
  }

  saveState(name: string, state: Record<string, unknown>): void {
    this.db.prepare('UPDATE strategy SET state = ?, updated_at = ? WHERE name = ?').run(JSON.stringify(state), Date.now(), name);
  }

  lastSignal(name: string): Signal | undefined {
    const row = this.db
      .prepare(
        `SELECT s.id, s.symbol, s.action, s.price, s.volume, s.tag, s.trigger_time FROM signal s JOIN strategy g ON g.id = s.strategy_id
         WHERE g.name = ? ORDER BY s.id DESC LIMIT 1`,
      )
      .get(name) as { id: number; symbol: string; action: string; price: number | null; volume: number | null; tag: string | null; trigger_time: number | null } | undefined;
    if (row === undefined) return undefined;
    return {
      id: `${name}#${row.id}`,
      strategy: name,
      symbol: row.symbol,
      action: row.action,
      price: row.price ?? Number.NaN,
      volume: row.volume ?? 0,
      time: row.trigger_time ?? 0,
      ...(row.tag !== null ? { tag: row.tag } : {}),
    };
  }

  tradesOf(name: string): BookedTrade[] {
    return this.db
      .prepare('SELECT symbol, side, volume, price, commission FROM trade WHERE account_id = ? AND source = ? ORDER BY id')
      .all(this.accountOf.get(name) ?? 'sim', name) as BookedTrade[];
  }

  signal(s: Signal): void {
    this.db
      .prepare(`INSERT INTO signal (strategy_id, symbol, action, price, volume, tag, trigger_time) VALUES ((SELECT id FROM strategy WHERE name = ?), ?, ?, ?, ?, ?, ?)`)
      .run(s.strategy, s.symbol, s.action, s.price, s.volume, s.tag ?? null, s.time);
  }

  private waitingInfo(r: StrategyRow): StrategyInstanceInfo {
    const entry = this.files.get(r.file);
    return {
      name: r.name,
      account: r.account_id,
      fileId: r.file,
      className: entry?.loaded?.className ?? '',
      symbols: JSON.parse(r.symbols) as string[],
      params: JSON.parse(r.params) as Record<string, number | boolean | string>,
      status: 'stopped',
      error: { file: entry?.path ?? r.file, message: `账户 ${r.account_id} 未连接 (account not connected)` },
      positions: {},
      realizedPnl: 0,
      floatPnl: 0,
      commission: 0,
      tradeCount: 0,
    };
  }

  private setActive(name: string, active: boolean): void {
    this.db.prepare('UPDATE strategy SET is_active = ?, updated_at = ? WHERE name = ?').run(active ? 1 : 0, Date.now(), name);
  }

  private fileIdOf(inst: StrategyInstance): string {
    for (const f of this.files.values()) if (f.loaded === inst.loaded) return f.id;
    throw new Error(`the file of ${inst.name} is no longer known`);
  }

  info(inst: StrategyInstance): StrategyInstanceInfo {
    const positions: Record<string, number> = {};
    let floatPnl = 0;
    const account = this.accountOf.get(inst.name) ?? 'sim';
    const engine = this.runtimes.get(account)!.engine;
    for (const [symbol, p] of inst.strategy.positions) {
      positions[symbol] = p.lots;
      const last = engine.market.get(symbol)?.last;
      const mult = engine.contracts.get(symbol)?.multiplier ?? 1;
      if (p.lots !== 0 && last !== undefined && last > 0) floatPnl += (last - p.avgPrice) * p.lots * mult;
    }
    return {
      name: inst.name,
      account,
      fileId: this.fileIdOf(inst),
      className: inst.loaded.className,
      symbols: inst.strategy.symbols,
      params: inst.strategy.params,
      status: inst.status,
      ...(inst.error !== undefined ? { error: inst.error } : {}),
      positions,
      realizedPnl: inst.realizedPnl,
      floatPnl,
      commission: inst.commission,
      tradeCount: inst.tradeCount,
      ...(inst.lastSignal !== undefined ? { lastSignal: inst.lastSignal } : {}),
    };
  }
}

function fileInfo(e: FileEntry): StrategyFileInfo {
  const base = { id: e.id, fileName: e.fileName, path: e.path, builtin: e.builtin };
  if (e.loaded === undefined) return { ...base, error: e.error ?? { file: e.path, message: 'not loaded' } };
  const cls = e.loaded.cls;
  return {
    ...base,
    className: e.loaded.className,
    name: cls.meta.name,
    ...(cls.meta.description !== undefined ? { description: cls.meta.description } : {}),
    symbols: cls.meta.symbols ?? 1,
    params: cls.params,
  };
}
