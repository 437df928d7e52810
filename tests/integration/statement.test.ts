// 结算单: each settled trading day's statement, as a broker's mark-to-market statement lists it (资金状况, 成交明细,
// 持仓汇总). Before, the simulated account kept no statement at all, and a live account's statement from its broker
// was fetched every day and dropped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiOf, terminals } from '../helpers/terminals';
import { marginOf } from '../../src/main/trading/fees';
import type { StatementView } from '../../src/shared/model/statement';
import { translator } from '../../src/renderer/src/i18n/translate';
import { displayWidth, statementFileName, statementText } from '../../src/renderer/src/panels/statement-text';

const RB = 'SHFE.rb2605';

/** Every table row is as wide as its border, and each cell as wide as the border's cell (a Chinese character is two). */
function aligned(text: string): void {
  let border: string[] | undefined;
  for (const l of text.split('\n')) {
    if (l.startsWith('+')) border = l.split('+');
    else if (l.startsWith('|')) expect(l.split('|').map(displayWidth), l).toEqual(border!.map((c) => c.length));
  }
  expect(border).toBeDefined();
}
const terminal = terminals({ demoStrategy: false });

describe('settlement statements (结算单)', () => {
  it('lists each settled day: funds that add up, the day’s fills, what is held at the settlement price', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-statement-'));
    const t = terminal(profile);
    const api = apiOf(t);
    const rb = t.contracts.resolve(RB);

    // Nothing settled yet: no statement, and a day asked for by name says there is none for it.
    expect(await api.call('account.statement', {})).toEqual({ days: [] });
    await expect(api.call('account.statement', { tradingDay: 20260107 })).rejects.toMatchObject({ code: 'STATEMENT_NOT_FOUND', field: 'tradingDay' });
    await expect(api.call('account.statement', { tradingDay: 'today' })).rejects.toMatchObject({ code: 'INVALID_PARAMS', field: 'tradingDay' });

    // Day one: funds in, 3 lots bought, 1 closed again the same day.
    for (let i = 0; i < 30; i++) t.replay.step();
    await api.call('account.transfer', { amount: 50_000 });
    const day1 = t.engine.tradingDay;
    const q = t.engine.market.get(RB)!;
    t.engine.sendOrder({ symbol: RB, side: 'buy', offset: 'open', type: 'limit', price: q.ask, volume: 3 });
    for (let i = 0; i < 30; i++) t.replay.step();
    t.engine.sendOrder({ symbol: RB, side: 'sell', offset: 'closeToday', type: 'limit', price: q.bid, volume: 1 });
    const trades1 = t.store.tradesSince(day1);
    expect(trades1.map((tr) => [tr.side, tr.offset, tr.volume])).toEqual([
      ['buy', 'open', 3],
      ['sell', 'closeToday', 1],
    ]);
    const settlements: { balance: number; tradingDay: number }[] = [];
    t.engine.bus.on('settlement', (p) => settlements.push(p));
    while (t.engine.tradingDay === day1) t.replay.step();
    const settle1 = t.engine.market.get(RB)!.preSettlement;

    const v1 = (await api.call('account.statement', {})) as StatementView;
    expect(v1.days).toEqual([day1]);
    expect(v1.tradingDay).toBe(day1);
    const s1 = v1.statement!;
    const f1 = s1.funds;
    expect([s1.accountId, s1.tradingDay, f1.preBalance, f1.deposit, f1.withdraw]).toEqual(['sim', day1, 100_000, 50_000, 0]);
    expect(f1.commission).toBeCloseTo(trades1[0]!.commission + trades1[1]!.commission, 6);
    expect(f1.closeProfit).toBeCloseTo(trades1[1]!.closeProfit, 6);
    expect(f1.balance).toBeCloseTo(settlements[0]!.balance, 6);
    expect(f1.balance).toBeCloseTo(f1.preBalance + f1.deposit - f1.withdraw + f1.closeProfit + f1.positionProfit - f1.commission, 6);
    // Two lots held, valued at the day's settlement price: margin on it, and the P&L against their open price.
    const open = trades1[0]!.price;
    expect(s1.holdings).toEqual([
      {
        symbol: RB,
        longVolume: 2,
        longPrice: open,
        shortVolume: 0,
        shortPrice: 0,
        preSettlement: expect.any(Number),
        settlement: settle1,
        positionProfit: expect.closeTo((settle1 - open) * 10 * 2, 6),
        margin: expect.closeTo(marginOf(rb, 'long', settle1, 2), 6),
      },
    ]);
    expect(f1.positionProfit).toBeCloseTo((settle1 - open) * 10 * 2, 6);
    expect(f1.margin).toBeCloseTo(marginOf(rb, 'long', settle1, 2), 6);
    expect(f1.available).toBeCloseTo(f1.balance - f1.margin, 6);
    expect(f1.riskRatio).toBeCloseTo(f1.margin / f1.balance, 9);
    expect(s1.trades.map((tr) => tr.id)).toEqual(trades1.map((tr) => tr.id));
    expect(s1.multipliers).toEqual({ [RB]: 10 });
    // The day's balance is where the next day starts.
    expect(t.engine.portfolio.account.preBalance).toBeCloseTo(f1.balance, 6);

    // Day two: a yesterday's lot closed is 盯市, against day one's settlement; the holding's 昨结算 is day one's.
    for (let i = 0; i < 30; i++) t.replay.step();
    const day2 = t.engine.tradingDay;
    t.engine.sendOrder({ symbol: RB, side: 'sell', offset: 'close', type: 'limit', price: t.engine.market.get(RB)!.bid, volume: 1 });
    const [close2] = t.store.tradesSince(day2);
    expect(close2!.closeProfit).toBeCloseTo((close2!.price - settle1) * 10, 6);
    while (t.engine.tradingDay === day2) t.replay.step();
    const s2 = ((await api.call('account.statement', {})) as StatementView).statement!;
    expect(s2.tradingDay).toBe(day2);
    expect(s2.funds.preBalance).toBeCloseTo(f1.balance, 6);
    expect([s2.funds.deposit, s2.holdings[0]!.longVolume, s2.holdings[0]!.preSettlement]).toEqual([0, 1, settle1]);
    expect(s2.funds.closeProfit).toBeCloseTo(close2!.closeProfit, 6);
    // A position carried over keeps its open price (买均价), while its P&L of the day runs from 昨结算.
    expect(s2.holdings[0]!.longPrice).toBe(open);
    expect(s2.holdings[0]!.positionProfit).toBeCloseTo((s2.holdings[0]!.settlement - settle1) * 10, 6);

    // Kept across a restart, newest first; any day can be asked for.
    t.close();
    const again = terminal(profile);
    const api2 = apiOf(again);
    const v = (await api2.call('account.statement', { tradingDay: day1 })) as StatementView;
    expect(v.days).toEqual([day2, day1]);
    expect(v.statement).toEqual(s1);

    // A stored statement that no longer reads is an error naming its day, not a blank statement.
    again.db.prepare('UPDATE settlement_statement SET body = ? WHERE trading_day = ?').run('{"funds": ', day1);
    await expect(api2.call('account.statement', { tradingDay: day1 })).rejects.toMatchObject({
      code: 'FAILED',
      message: expect.stringContaining(`settlement statement of ${day1} is damaged`),
    });
    expect(((await api2.call('account.statement', { tradingDay: day2 })) as StatementView).statement?.tradingDay).toBe(day2);
  });

  it('reads as a broker’s statement, in either language, its columns aligned', async () => {
    const t = terminal();
    const api = apiOf(t, 30);
    const day = t.engine.tradingDay;
    const q = t.engine.market.get(RB)!;
    t.engine.sendOrder({ symbol: RB, side: 'sell', offset: 'open', type: 'limit', price: q.bid, volume: 2 });
    while (t.engine.tradingDay === day) t.replay.step();
    const s = ((await api.call('account.statement', {})) as StatementView).statement!;
    const trade = s.trades[0]!;

    const zh = statementText(s, translator('zh'));
    const lines = zh.split('\n');
    expect(lines[0]!.trim()).toBe('交易结算单（逐日盯市）');
    expect(zh).toContain(`交易日: ${String(day).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')}`);
    const money = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(lines.find((l) => l.startsWith('期初结存'))).toMatch(new RegExp(`^期初结存\\s+${money(100_000)}\\s+入金\\s+0\\.00$`));
    expect(lines.find((l) => l.includes('期末结存'))).toContain(money(s.funds.balance));
    // The fill: 卖 开仓 at its price, 成交额 = price × lots × multiplier, and the totals row.
    const row = lines.find((l) => l.includes(RB) && l.includes('卖'))!;
    expect(row.split('|').map((c) => c.trim())).toEqual([
      '',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      RB,
      '卖',
      '开仓',
      String(trade.price),
      '2',
      money(trade.price * 2 * 10),
      money(trade.commission),
      '0.00',
      '',
    ]);
    expect(lines.find((l) => l.startsWith('|合计') && l.includes(money(trade.price * 2 * 10)))).toBeDefined();
    // 持仓汇总: the short side at the settlement price.
    const held = lines.filter((l) => l.startsWith(`|${RB}`)).at(-1)!.split('|').map((c) => c.trim());
    expect(held.slice(1, 8)).toEqual([RB, '0', '—', '2', String(trade.price), expect.any(String), String(s.holdings[0]!.settlement)]);
    aligned(zh);

    const en = statementText(s, translator('en'));
    expect(en.split('\n')[0]!.trim()).toBe('Settlement Statement (mark-to-market)');
    expect(en).toMatch(/Balance b\/f\s+100,000\.00\s+Deposit\s+0\.00/);
    expect(en).toContain('|Sell |Open      |');
    aligned(en);
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
    // No line wider than the statement's rule, the note wrapped at a space.
    for (const text of [zh, en]) expect(Math.max(...text.split('\n').map(displayWidth))).toBeLessThanOrEqual(114);
    const note = en.split('\n').slice(-2);
    expect(note.join(' ')).toBe(translator('en')('stmt.note'));
    expect(note[0]!.length).toBeGreaterThan(100);
    expect(statementFileName(s, translator('zh'))).toBe(`结算单_sim_${day}.txt`);
    expect(statementFileName({ accountId: 'ctp:a/b', tradingDay: day }, translator('en'))).toBe(`statement_ctp-a-b_${day}.txt`);
  });
});
