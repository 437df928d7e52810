// 日志 on a running terminal: before, it held only warnings and strategy errors, and only those that came while the page
// was open. Now it is the account's journal: fills, refused and cancelled orders, the day's settlement, the gateway's
// connection, strategies started and stopped, kept for a page that opens later, and worded in either language.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminals } from '../helpers/terminals';
import { openDatabase } from '../../src/main/data/db';
import { KEPT_LOG_LINES, LogStore } from '../../src/main/data/log-store';
import { RECENT_LOGS } from '../../src/main/engine/journal';
import { logText } from '../../src/shared/i18n/journal-messages';
import { formatDay } from '../../src/shared/model/time';
import type { LogEntry, StopOrder } from '../../src/shared/model/types';

const RB = 'SHFE.rb2605';
/** As the trader reads it, as everywhere in the UI. */
const CODE = 'rb2605';
const terminal = terminals();

const codes = (logs: readonly LogEntry[], code: string): LogEntry[] => logs.filter((l) => l.messageKey?.code === code);

describe('the account’s journal (日志)', () => {
  it('logs fills, refusals, cancels, the settlement, the gateway and strategies, in Chinese and in English', () => {
    const t = terminal();
    for (let i = 0; i < 4 * 3 * 5; i++) t.replay.step();
    const q = t.engine.market.get(RB)!;

    const [filled] = t.engine.sendOrder({ symbol: RB, side: 'buy', offset: 'open', type: 'limit', price: q.ask, volume: 1 });
    expect(filled!.status).toBe('filled');
    const [refused] = t.engine.sendOrder({ symbol: RB, side: 'sell', offset: 'close', type: 'limit', price: q.bid, volume: 5 });
    expect(refused!.status).toBe('rejected');
    const [resting] = t.engine.sendOrder({ symbol: RB, side: 'buy', offset: 'open', type: 'limit', price: q.bid - 30, volume: 2 });
    expect(t.engine.cancelOrder(resting!.id)).toBeUndefined();
    t.strategies.stop('双均线演示');

    const logs = t.recentLogs();
    const [trade] = codes(logs, 'TRADE').filter((l) => l.source === 'manual');
    expect(trade!.message).toBe(`成交 ${CODE} 买开 1 手 @ ${q.ask}（委托 #${filled!.id}）`);
    expect(logText(trade!, 'en')).toBe(`Filled ${CODE} buy open 1 @ ${q.ask} (order #${filled!.id})`);
    expect(trade!.level).toBe('info');

    const [rejected] = codes(logs, 'ORDER_REJECTED');
    expect(rejected!.level).toBe('warn');
    expect(rejected!.message).toBe(`委托被拒 #${refused!.id} ${CODE} 卖平 5 手：${refused!.statusMsg}`);
    expect(logText(rejected!, 'en')).toMatch(new RegExp(`^Order #${refused!.id} rejected, ${CODE} sell close 5: .*(close|position)`, 'i'));

    const [cancelled] = codes(logs, 'ORDER_CANCELLED');
    expect(cancelled!.message).toBe(`已撤单 #${resting!.id} ${CODE} 买开，未成交 2 手`);
    // One the exchange cancelled says why.
    const [fak] = t.engine.sendOrder({ symbol: RB, side: 'buy', offset: 'open', type: 'fak', price: q.bid - 30, volume: 3 });
    const fakLine = codes(t.recentLogs(), 'ORDER_CANCELLED').find((l) => l.message.includes(`#${fak!.id} `))!;
    expect(fakLine.message).toBe(`已撤单 #${fak!.id} ${CODE} 买开，未成交 3 手（FAK 单剩余部分已撤）`);
    expect(logText(fakLine, 'en')).toBe(`Order #${fak!.id} cancelled, ${CODE} buy open, 3 unfilled (FAK order: unfilled rest cancelled)`);

    // The simulated exchange's connection, and the demo strategy started with the terminal and stopped here.
    const gateway = logs.find((l) => l.source === 'sim')!;
    expect([gateway.message, logText(gateway, 'en')]).toEqual(['交易通道已连接：模拟撮合', 'Gateway connected: Simulated matching']);
    expect(codes(logs, 'STRATEGY_STARTED').map((l) => l.source)).toEqual(['双均线演示']);
    expect(codes(logs, 'STRATEGY_STOPPED').map((l) => [l.source, logText(l, 'en')])).toEqual([['双均线演示', 'Strategy stopped']]);

    // 条件单: the trader's placed and cancelled, and one that fired with the order it sent.
    const waiting = t.engine.sendStopOrder({ symbol: RB, side: 'buy', offset: 'open', volume: 1, triggerPrice: q.last + 500 }) as StopOrder;
    t.engine.cancelStopOrder(waiting.id);
    const firing = t.engine.sendStopOrder({ symbol: RB, side: 'sell', offset: 'open', volume: 1, triggerPrice: q.last + 1000, limitPrice: q.last - 20 }) as StopOrder;
    while (firing.status === 'waiting') t.replay.step();
    const stops = t.recentLogs().filter((l) => l.messageKey?.code.startsWith('STOP_'));
    expect(stops.map((l) => l.message)).toEqual([
      `条件单 ${waiting.id} ${CODE}：最新价 ≥ ${q.last + 500} 时买开 1 手 @ 市价`,
      `条件单 ${waiting.id} 已撤销`,
      `条件单 ${firing.id} ${CODE}：最新价 ≤ ${q.last + 1000} 时卖开 1 手 @ ${q.last - 20}`,
      `条件单 ${firing.id} 已触发，发出委托 #${firing.orderIds[0]}`,
    ]);
    expect(logText(stops[0]!, 'en')).toBe(`Stop ${waiting.id} ${CODE}: buy open 1 @ market when the last price is ≥ ${q.last + 500}`);

    // The day's end settles the account.
    const day = t.engine.tradingDay;
    while (t.engine.tradingDay === day) t.replay.step();
    const [settled] = codes(t.recentLogs(), 'SETTLED');
    const balance = t.engine.portfolio.account.preBalance;
    expect(settled!.message).toMatch(new RegExp(`^交易日 ${formatDay(day)} 结算：权益 ${balance.toFixed(2)}，当日盈亏 -?\\d+\\.\\d{2}，手续费 \\d+\\.\\d{2}$`));
    // Lines are in time order.
    const times = t.recentLogs().map((l) => l.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('says in either language why a strategy stopped on an error, and why its stop order was refused', () => {
    const t = terminal();
    const source = [
      "import { Strategy, type Bar } from '@qihuo/strategy';",
      'export default class Boom extends Strategy {',
      '  private n = 0;',
      '  override onBar(bar: Bar): void {',
      "    if (this.n++ === 0) this.short(bar.close + 0.5, 1, { stop: true });",
      "    else throw new RangeError('no model for this');",
      '  }',
      '}',
    ].join('\n');
    const file = t.strategies.upload('boom.ts', source);
    expect(file.error).toBeUndefined();
    t.strategies.add('boom', file.id, ['rb2605']);
    t.strategies.start('boom');
    for (let n = 0; t.strategies.instances().find((i) => i.name === 'boom')?.status !== 'error'; n++) {
      if (n > 4 * 3 * 10) throw new Error('the strategy did not fail');
      t.replay.step();
    }
    const lines = t.recentLogs().filter((l) => l.source === 'boom');
    const refused = lines.find((l) => l.level === 'warn')!;
    expect(refused.message).toContain('触发价');
    expect(logText(refused, 'en')).toMatch(/trigger/i);
    const failed = lines.find((l) => l.level === 'error')!;
    expect(failed.message).toMatch(/^策略出错已停止: .*boom\.ts:6.*RangeError: no model for this/);
    expect(logText(failed, 'en')).toMatch(/^Strategy stopped on an error: .*boom\.ts:6.*RangeError: no model for this/);
  });

  it('keeps the lines across a restart, the latest for the UI, and drops the oldest beyond what it keeps', () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-journal-'));
    const t = terminal(profile);
    for (let i = 0; i < 4 * 3 * 5; i++) t.replay.step();
    const q = t.engine.market.get(RB)!;
    const [order] = t.engine.sendOrder({ symbol: RB, side: 'buy', offset: 'open', type: 'limit', price: q.ask, volume: 1 });
    const before = t.recentLogs();
    expect(codes(before, 'TRADE').some((l) => l.message.includes(`委托 #${order!.id}`))).toBe(true);
    t.close();

    const again = terminal(profile);
    const after = again.recentLogs();
    // What was there, as it was (its code too: it is worded in English from it), then the new start's lines.
    expect(after.slice(0, before.length)).toEqual(before);
    const trade = codes(after, 'TRADE').find((l) => l.message.includes(`委托 #${order!.id}`))!;
    expect(logText(trade, 'en')).toBe(`Filled ${CODE} buy open 1 @ ${q.ask} (order #${order!.id})`);
    expect(after.length).toBeGreaterThan(before.length);
    again.close();

    // Only the latest KEPT_LOG_LINES stay in the database; the UI gets the latest RECENT_LOGS of them.
    const db = openDatabase(path.join(profile, 'terminal.db'));
    const store = new LogStore(db, 'sim');
    const count = (): number => (db.prepare(`SELECT COUNT(*) AS n FROM log_line WHERE account_id = 'sim'`).get() as { n: number }).n;
    // A terminal that logs on and on keeps no more than that (give or take the lines between two prunings)...
    for (let i = 0; i < KEPT_LOG_LINES + 25_000; i++) store.append({ time: i, level: 'info', source: 'test', message: `line ${i}` });
    expect(count()).toBeLessThanOrEqual(KEPT_LOG_LINES + 10_000);
    // ...and a start leaves exactly that many.
    const pruned = new LogStore(db, 'sim');
    expect(count()).toBe(KEPT_LOG_LINES);
    const latest = pruned.recent(RECENT_LOGS);
    expect(latest).toHaveLength(RECENT_LOGS);
    expect(latest.at(-1)!.message).toBe(`line ${KEPT_LOG_LINES + 24_999}`);
    // A damaged code is left out; the line keeps its text.
    db.prepare(`UPDATE log_line SET message_key = '{oops' WHERE id = (SELECT MAX(id) FROM log_line)`).run();
    expect(pruned.recent(1)).toEqual([{ time: KEPT_LOG_LINES + 24_999, level: 'info', source: 'test', message: `line ${KEPT_LOG_LINES + 24_999}` }]);
    db.close();
  });
});
