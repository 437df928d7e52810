// 出入金 on the simulated account. Before, its 100,000 CNY could not be changed: a trader could open one lot of copper
// at most, and had no way to fund the account for the contracts they trade.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiOf, terminals } from '../helpers/terminals';
import { logText } from '../../src/shared/i18n/journal-messages';
import type { Account } from '../../src/shared/model/types';

const CU = 'SHFE.cu2603';
const terminal = terminals({ demoStrategy: false });

describe('funds in and out of the simulated account', () => {
  it('deposits and withdraws, refuses what cannot be, keeps it across a restart and out of the day’s P&L', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-transfer-'));
    const t = terminal(profile);
    const api = apiOf(t, 4 * 3 * 5);
    const ask = t.engine.market.get(CU)!.ask;

    // Two lots of copper need about 100,000 of margin: refused on 100,000.
    const [refused] = t.engine.sendOrder({ symbol: CU, side: 'buy', offset: 'open', type: 'limit', price: ask, volume: 2 });
    expect(refused!.statusReason?.code).toBe('INSUFFICIENT_MARGIN');

    const after = (await api.call('account.transfer', { amount: 400_000 })) as Account;
    expect([after.deposit, after.staticBalance]).toEqual([400_000, 500_000]);
    expect(after.available).toBeCloseTo(500_000, 6);
    const [bought] = t.engine.sendOrder({ symbol: CU, side: 'buy', offset: 'open', type: 'limit', price: ask, volume: 2 });
    expect(bought!.status).toBe('filled');

    // Out: no more than is available; amounts in cents; never zero.
    const available = t.engine.accountSnapshot().available;
    await expect(api.call('account.transfer', { amount: -(available + 1) })).rejects.toMatchObject({ code: 'TRANSFER_EXCEEDS_AVAILABLE', field: 'amount' });
    for (const amount of [0, 1.234, 1e11]) await expect(api.call('account.transfer', { amount })).rejects.toMatchObject({ code: 'TRANSFER_INVALID' });
    await expect(api.call('account.transfer', { amount: Number.NaN })).rejects.toMatchObject({ code: 'INVALID_PARAMS', field: 'amount' });
    const out = (await api.call('account.transfer', { amount: -150_000.5 })) as Account;
    expect([out.deposit, out.withdraw, out.staticBalance]).toEqual([400_000, 150_000.5, 349_999.5]);

    // Money moved is not a drawdown: a 10% drawdown limit still lets the trader open.
    t.setRisk({ maxDrawdownRatio: 0.1 });
    const [more] = t.engine.sendOrder({ symbol: CU, side: 'buy', offset: 'open', type: 'limit', price: t.engine.market.get(CU)!.ask, volume: 1 });
    expect(more!.statusReason?.code).not.toBe('DRAWDOWN_LIMIT');
    expect(more!.status).toBe('filled');

    // The journal says it, in either language.
    const lines = t.recentLogs().filter((l) => l.messageKey?.code.startsWith('TRANSFER_'));
    expect(lines.map((l) => l.message)).toEqual(['入金 400000.00', '出金 150000.50']);
    expect(logText(lines[1]!, 'en')).toBe('Withdrew 150000.50');

    // A restart keeps it.
    t.close();
    const again = terminal(profile);
    const restored = again.engine.accountSnapshot();
    expect([restored.deposit, restored.withdraw, restored.staticBalance]).toEqual([400_000, 150_000.5, 349_999.5]);

    // The day's settlement: its P&L is what trading made, not the money moved; the next day starts from the balance.
    const perf: { netPnl: number; preBalance: number; balance: number }[] = [];
    again.engine.bus.on('settlement', (p) => perf.push(p));
    const day = again.engine.tradingDay;
    while (again.engine.tradingDay === day) again.replay.step();
    expect(perf[0]!.preBalance).toBeCloseTo(349_999.5, 6);
    expect(perf[0]!.netPnl).toBeCloseTo(perf[0]!.balance - 349_999.5, 6);
    expect(Math.abs(perf[0]!.netPnl)).toBeLessThan(100_000);
    const next = again.engine.accountSnapshot();
    expect([next.deposit, next.withdraw]).toEqual([0, 0]);
    expect(next.preBalance).toBeCloseTo(perf[0]!.balance, 6);
  });
});
