import fs from 'node:fs';
import path from 'node:path';
import type { StrategyFileInfo, StrategyInstanceInfo } from '../../shared/ipc/strategy';
import type { Signal, Trade } from '../../shared/model/types';
import type { Db } from '../data/db';
import type { TradingEngine } from '../engine/trading-engine';
import { loadStrategySource, StrategyError, type LoadedStrategy, type StrategyProblem } from './loader';
import { StrategyRuntime, type HistoryProvider, type StrategyInstance, type StrategyStateStore } from './runtime';

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
  readonly runtime: StrategyRuntime;
  private readonly files = new Map<string, FileEntry>();
  private readonly userDir: string;
  private readonly dirty = new Set<string>();

  constructor(
    private readonly engine: TradingEngine,
    private readonly db: Db,
    profileDir: string,
    builtinDir: string | undefined,
    history: HistoryProvider,
  ) {
    this.runtime = new StrategyRuntime(engine, history, this, (inst) => this.dirty.add(inst.name));
    this.userDir = path.join(profileDir, 'strategies');
    if (builtinDir !== undefined && fs.existsSync(builtinDir)) {
      for (const f of fs.readdirSync(builtinDir).sort()) if (/\.(ts|js)$/.test(f)) this.register(`builtin:${f}`, f, path.join(builtinDir, f), true);
    }
    if (fs.existsSync(this.userDir)) {
      for (const f of fs.readdirSync(this.userDir).sort()) if (/\.(ts|js)$/.test(f)) this.register(`user:${f}`, f, path.join(this.userDir, f), false);
    }
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
    const users = [...this.runtime.instances.values()].filter((i) => i.loaded.file === entry.path).map((i) => i.name);
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

  /** Creates an instance (not started) and keeps it in the profile. */
  add(name: string, fileId: string, symbols: readonly string[], params: Readonly<Record<string, unknown>> = {}): StrategyInstanceInfo {
    const loaded = this.loadedOf(fileId);
    const inst = this.runtime.add(loaded, { name, symbols, params });
    this.db
      .prepare(
        `INSERT INTO strategy (name, display_name, class_name, file, symbols, params, state, is_active, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, NULL, 0, ?, ?)
         ON CONFLICT (name) DO UPDATE SET class_name = excluded.class_name, file = excluded.file, symbols = excluded.symbols,
           params = excluded.params, state = NULL, is_active = 0, updated_at = excluded.updated_at`,
      )
      .run(name, loaded.cls.meta.name.zh, loaded.className, fileId, JSON.stringify(inst.strategy.symbols), JSON.stringify(inst.strategy.params), Date.now(), Date.now());
    return this.info(inst);
  }

  /** Changes a stopped instance's parameters or contracts (a running one must be stopped first). */
  update(name: string, symbols?: readonly string[], params?: Readonly<Record<string, unknown>>): StrategyInstanceInfo {
    const inst = this.runtime.get(name);
    if (inst.status === 'running') throw new Error(`stop ${name} before changing it`);
    const fileId = this.fileIdOf(inst);
    this.runtime.remove(name);
    return this.add(name, fileId, symbols ?? inst.config.symbols, params ?? inst.strategy.params);
  }

  start(name: string): StrategyInstanceInfo {
    const inst = this.runtime.start(name);
    this.setActive(name, inst.status === 'running');
    if (inst.status === 'error') throw new Error(`${name} failed to start: ${inst.error?.message ?? ''}`);
    return this.info(inst);
  }

  stop(name: string): StrategyInstanceInfo {
    const inst = this.runtime.stop(name);
    this.setActive(name, false);
    return this.info(inst);
  }

  remove(name: string): void {
    this.runtime.remove(name);
    this.db.prepare('DELETE FROM strategy WHERE name = ?').run(name);
  }

  instances(): StrategyInstanceInfo[] {
    return [...this.runtime.instances.values()].map((i) => this.info(i));
  }

  /** Instances changed since the last call (for update batches). */
  takeChanged(): StrategyInstanceInfo[] {
    const out: StrategyInstanceInfo[] = [];
    for (const name of this.dirty) {
      const inst = this.runtime.instances.get(name);
      if (inst !== undefined) out.push(this.info(inst));
    }
    this.dirty.clear();
    return out;
  }

  /** Marks every instance with a position as changed (their floating P&L moves with prices). */
  touchOpen(): void {
    for (const inst of this.runtime.instances.values()) {
      for (const v of inst.strategy.positions.values()) {
        if (v !== 0) {
          this.dirty.add(inst.name);
          break;
        }
      }
    }
  }

  /** The instance's own trades, from the account's trades (its orders carry its name as their source). */
  trades(name: string, all: readonly Trade[]): Trade[] {
    this.runtime.get(name);
    return all.filter((t) => t.source === name);
  }

  /** Brings back the instances kept in the profile; those that were running start again. */
  restore(): { name: string; problem: string }[] {
    const problems: { name: string; problem: string }[] = [];
    const rows = this.db.prepare('SELECT * FROM strategy ORDER BY id').all() as StrategyRow[];
    for (const r of rows) {
      try {
        this.runtime.add(this.loadedOf(r.file), { name: r.name, symbols: JSON.parse(r.symbols) as string[], params: JSON.parse(r.params) as Record<string, unknown> });
        if (r.is_active) this.runtime.start(r.name);
      } catch (e) {
        problems.push({ name: r.name, problem: e instanceof Error ? e.message : String(e) });
      }
    }
    return problems;
  }

  // ---- StrategyStateStore ----------------------------------------------------------------------------------------

  loadState(name: string): Record<string, unknown> | undefined {
    const row = this.db.prepare('SELECT state FROM strategy WHERE name = ?').get(name) as { state: string | null } | undefined;
    return row?.state ? (JSON.parse(row.state) as Record<string, unknown>) : undefined;
  }

  saveState(name: string, state: Record<string, unknown>): void {
    this.db.prepare('UPDATE strategy SET state = ?, updated_at = ? WHERE name = ?').run(JSON.stringify(state), Date.now(), name);
  }

  signal(s: Signal): void {
    this.db
      .prepare(`INSERT INTO signal (strategy_id, symbol, action, price, volume, tag, trigger_time) VALUES ((SELECT id FROM strategy WHERE name = ?), ?, ?, ?, ?, ?, ?)`)
      .run(s.strategy, s.symbol, s.action, s.price, s.volume, s.tag ?? null, s.time);
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
    for (const [symbol, v] of inst.strategy.positions) {
      positions[symbol] = v;
      const last = this.engine.market.get(symbol)?.last;
      const avg = inst.avgPrice.get(symbol);
      const mult = this.engine.contracts.get(symbol)?.multiplier ?? 1;
      if (v !== 0 && last !== undefined && last > 0 && avg !== undefined) floatPnl += (last - avg) * v * mult;
    }
    return {
      name: inst.name,
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
  const base = { id: e.id, fileName: e.fileName, builtin: e.builtin };
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
