import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const KILLS = 24;

interface Acked {
  orders: Map<string, { status: string; traded: number }>;
  trades: Set<string>;
}

/** Starts the busy session; resolves when it is up, with what it said at start. */
function startSession(profile: string, seed: number, acked: Acked): Promise<{ child: ChildProcess; ready: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/fixtures/busy-session.ts'), profile, String(seed)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffer = '';
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`session exited with ${code} before it was ready: ${stderr}`)));
    child.stdout!.on('data', (d) => {
      buffer += String(d);
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const [kind, id, a, b] = line.split(' ');
        if (kind === 'O') acked.orders.set(id!, { status: a!, traded: Number(b) });
        else if (kind === 'T') acked.trades.add(id!);
        else if (kind === 'READY') {
          child.removeAllListeners('exit');
          resolve({ child, ready: line.slice(6) });
        }
      }
    });
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** What the database says, checked for consistency: positions are the sum of trades, the account the sum of today's. */
function checkDatabase(profile: string, acked: Acked): { positions: [string, string, number, number][]; commission: number; closeProfit: number } {
  const db = new Database(path.join(profile, 'terminal.db'));
  try {
    const orders = new Map(
      (db.prepare(`SELECT order_id, status, filled_volume FROM "order" WHERE account_id = 'sim'`).all() as { order_id: string; status: string; filled_volume: number }[]).map(
        (r) => [r.order_id, r],
      ),
    );
    for (const [id, seen] of acked.orders) {
      const row = orders.get(id);
      expect(row, `order ${id} was acknowledged but is not on disk`).toBeDefined();
      // The disk holds this state or a later one, never an earlier one.
      expect(row!.filled_volume).toBeGreaterThanOrEqual(seen.traded);
    }
    const trades = db.prepare(`SELECT * FROM trade WHERE account_id = 'sim'`).all() as {
      trade_id: string;
      order_id: string;
      symbol: string;
      side: string;
      offset: string;
      volume: number;
      commission: number;
      close_profit: number;
      trading_day: number;
    }[];
    const tradeIds = new Set(trades.map((t) => t.trade_id));
    for (const id of acked.trades) expect(tradeIds.has(id), `trade ${id} was acknowledged but is not on disk`).toBe(true);
    // Each order's filled volume is the sum of its trades.
    const filled = new Map<string, number>();
    for (const t of trades) filled.set(t.order_id, (filled.get(t.order_id) ?? 0) + t.volume);
    for (const [id, row] of orders) expect(row.filled_volume, `order ${id}`).toBe(filled.get(id) ?? 0);
    // Positions are the sum of the trades.
    const net = new Map<string, number>();
    for (const t of trades) {
      const dir = (t.side === 'buy') === (t.offset === 'open') ? 'long' : 'short';
      const key = `${t.symbol}|${dir}`;
      net.set(key, (net.get(key) ?? 0) + (t.offset === 'open' ? t.volume : -t.volume));
    }
    const rows = db.prepare(`SELECT symbol, direction, volume, today_volume, yd_volume FROM position WHERE account_id = 'sim'`).all() as {
      symbol: string;
      direction: string;
      volume: number;
      today_volume: number;
      yd_volume: number;
    }[];
    for (const r of rows) {
      expect(r.volume, `${r.symbol} ${r.direction}`).toBe(net.get(`${r.symbol}|${r.direction}`) ?? 0);
      expect(r.today_volume + r.yd_volume).toBe(r.volume);
    }
    for (const [key, v] of net) if (v !== 0) expect(rows.some((r) => `${r.symbol}|${r.direction}` === key)).toBe(true);
    // The account's day figures are the sums over the day's trades.
    const acc = db.prepare(`SELECT * FROM account WHERE account_id = 'sim'`).get() as { trading_day: number; commission: number; close_profit: number };
    const today = trades.filter((t) => t.trading_day === acc.trading_day);
    const commission = today.reduce((s, t) => s + t.commission, 0);
    const closeProfit = today.reduce((s, t) => s + t.close_profit, 0);
    expect(acc.commission).toBeCloseTo(commission, 4);
    expect(acc.close_profit).toBeCloseTo(closeProfit, 4);
    return {
      positions: rows.filter((r) => r.volume > 0).map((r) => [r.symbol, r.direction, r.volume, r.today_volume] as [string, string, number, number]),
      commission: acc.commission,
      closeProfit: acc.close_profit,
    };
  } finally {
    db.close();
  }
}

describe('recovery after SIGKILL during a busy simulated session', () => {
  it(`loses nothing acknowledged across ${KILLS} kills`, async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-kill-'));
    const acked: Acked = { orders: new Map(), trades: new Set() };
    let onDisk: ReturnType<typeof checkDatabase> | undefined;
    for (let k = 0; k < KILLS; k++) {
      const { child, ready } = await startSession(profile, 1000 + k, acked);
      if (onDisk !== undefined) {
        // The restarted engine holds exactly what the database held when the last one was killed.
        const state = JSON.parse(ready) as { positions: [string, string, number, number][]; commission: number; closeProfit: number };
        const sort = (x: [string, string, number, number][]) => [...x].sort((p, q) => (p[0] + p[1]).localeCompare(q[0] + q[1]));
        expect(sort(state.positions)).toEqual(sort(onDisk.positions));
        expect(state.commission).toBeCloseTo(onDisk.commission, 4);
        expect(state.closeProfit).toBeCloseTo(onDisk.closeProfit, 4);
      }
      // Let it trade for a random while, then kill it mid-flight.
      await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 350)));
      await kill(child);
      onDisk = checkDatabase(profile, acked);
    }
    const totalTrades = acked.trades.size;
    // The session really was busy.
    expect(totalTrades).toBeGreaterThan(50);
    expect(acked.orders.size).toBeGreaterThan(200);
  }, 300_000);
});
