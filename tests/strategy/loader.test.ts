import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/main/backtest/driver';
import { ManualClock } from '../../src/main/engine/clock';
import { MemoryRecorder } from '../../src/main/engine/recorder';
import { TradingEngine } from '../../src/main/engine/trading-engine';
import { SimExchange } from '../../src/main/gateway/sim/sim-exchange';
import { StrategyRuntime } from '../../src/main/strategy/runtime';
import { BACKTEST_RISK_CONFIG } from '../../src/main/trading/risk';
import { loadStrategyFile, StrategyError, type StrategyProblem } from '../../src/main/strategy/loader';
import { RB2005, contracts, sampleBars, strategyFile } from './support/sample';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-strategy-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes a strategy file; its lines are given one per array entry, so the line numbers below are easy to read. */
function writeStrategy(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

function problemOf(file: string): StrategyProblem {
  try {
    loadStrategyFile(file);
  } catch (e) {
    expect(e).toBeInstanceOf(StrategyError);
    return (e as StrategyError).problem;
  }
  throw new Error(`${file} loaded`);
}

describe('a bad strategy file is reported with its file, line and message', () => {
  it('a syntax error', () => {
    const file = writeStrategy('syntax.ts', [
      "import { Strategy, type Bar } from '@qihuo/strategy';", // 1
      '', // 2
      'export default class Broken extends Strategy {', // 3
      '  override onBar(bar: Bar {', // 4
      '  }', // 5
      '}', // 6
    ]);
    const p = problemOf(file);
    expect(p).toMatchObject({ file, line: 4 });
    expect(p.message).toMatch(/^syntax error: Expected "\)" but found "\{"/);
  });

  it('no default export', () => {
    const file = writeStrategy('no-default.ts', [
      "import { Strategy } from '@qihuo/strategy';", // 1
      '', // 2
      'export class Forgotten extends Strategy {}', // 3
    ]);
    expect(problemOf(file)).toEqual({ file, line: 3, message: 'the file has no default export: it must `export default class ... extends Strategy`' });
  });

  it('a default export that is not a Strategy', () => {
    const file = writeStrategy('not-strategy.ts', [
      "import { Strategy } from '@qihuo/strategy';", // 1
      'class Base { onBar(): void {} }', // 2
      'void Strategy;', // 3
      'export default class Imposter extends Base {}', // 4
    ]);
    expect(problemOf(file)).toEqual({ file, line: 4, message: 'the default export Imposter does not extend Strategy from "@qihuo/strategy"' });
  });

  it('a bad parameter schema: a default outside its own range', () => {
    const file = writeStrategy('bad-schema.ts', [
      "import { Strategy, type ParamSpec } from '@qihuo/strategy';", // 1
      '', // 2
      'export default class BadSchema extends Strategy {', // 3
      '  static override params: readonly ParamSpec[] = [', // 4
      "    { name: 'fast', type: 'int', default: 10, min: 2, max: 200, label: { zh: '快线', en: 'Fast' } },", // 5
      "    { name: 'slow', type: 'int', default: 30, min: 50, max: 400, label: { zh: '慢线', en: 'Slow' } },", // 6
      '  ];', // 7
      '}', // 8
    ]);
    expect(problemOf(file)).toEqual({ file, line: 6, message: 'parameter slow: default: must be at least 50 (got 30)' });
  });

  it('a bad parameter schema: a label without its English', () => {
    const file = writeStrategy('no-english.js', [
      "const { Strategy } = require('@qihuo/strategy');", // 1
      'class NoEnglish extends Strategy {}', // 2
      "NoEnglish.params = [{ name: 'lots', type: 'int', default: 1, label: { zh: '手数' } }];", // 3
      'module.exports = { default: NoEnglish };', // 4
    ]);
    const p = problemOf(file);
    expect(p).toMatchObject({ file, line: 3 });
    expect(p.message).toMatch(/^parameter lots: label.en: /);
  });

  it('an import of another module', () => {
    const file = writeStrategy('imports-fs.ts', [
      "import { Strategy } from '@qihuo/strategy';", // 1
      "import fs from 'node:fs';", // 2
      '', // 3
      'export default class Reader extends Strategy {', // 4
      "  override onBar(): void { fs.readFileSync('/etc/passwd'); }", // 5
      '}', // 6
    ]);
    expect(problemOf(file)).toMatchObject({ file, line: 2, message: 'a strategy may import only "@qihuo/strategy" (it imports "node:fs")' });
  });

  it('a file that is not there', () => {
    const file = path.join(dir, 'missing.ts');
    expect(problemOf(file)).toEqual({ file, message: 'cannot read the file: ENOENT' });
  });
});

describe('a handler that throws', () => {
  it('stops and marks its instance errored, with file and line, while the engine and the other strategies go on', () => {
    const file = writeStrategy('throws.ts', [
      "import { Strategy, type Bar } from '@qihuo/strategy';", // 1
      '', // 2
      'export default class ThrowsLater extends Strategy {', // 3
      '  private seen = 0;', // 4
      '  override onBar(bar: Bar): void {', // 5
      '    this.seen++;', // 6
      '    if (this.seen === 1) this.buy(bar.close, 1, { type: "market" });', // 7
      '    if (this.seen === 2) this.buy(bar.close - 500, 1);', // 8
      '    if (this.seen === 1000) throw new Error(`bar ${this.seen} is one too many`);', // 9
      '  }', // 10
      '}', // 11
    ]);
    const bars = sampleBars(RB2005.file);
    const run = runBacktest({
      contracts: contracts(),
      strategies: [{ strategy: loadStrategyFile(file) }, { strategy: loadStrategyFile(strategyFile('dual-ma')) }],
      data: [{ symbol: RB2005.symbol, period: '1m', bars }],
      capital: 1_000_000,
    });
    const [bad, good] = run.instances;
    expect(bad!.status).toBe('error');
    expect(bad!.error).toMatchObject({ file, line: 9, message: 'bar 1000 is one too many' });
    expect(run.problems.some((p) => p.level === 'error' && p.source === bad!.name && p.message.includes(`${file}:9`))).toBe(true);
    // The engine went through every bar, and the dual MA kept trading after bar 1000.
    expect(run.bars).toBe(bars.length);
    expect(good!.status).toBe('stopped');
    const trades = run.recorder.trades.records();
    const after = trades.filter((t) => t.source === good!.name && t.time > bars.time[999]!);
    expect(after.length).toBeGreaterThan(1000);
    // The errored strategy sent nothing after it failed: its one fill is the market buy on bar 2.
    expect(trades.filter((t) => t.source === bad!.name).map((t) => t.time)).toEqual([bars.time[1]]);
  });

  it('cancels the orders and stop orders the errored instance had working, at once', () => {
    const file = writeStrategy('throws-with-orders.ts', [
      "import { Strategy, type Bar } from '@qihuo/strategy';", // 1
      'export default class LeavesOrders extends Strategy {', // 2
      '  override onBar(bar: Bar): void {', // 3
      '    if (this.pos() === 0 && bar.volume >= 0) {', // 4
      '      this.buy(bar.close - 300, 1);', // 5
      '      this.buy(bar.close + 300, 1, { stop: true });', // 6
      '    }', // 7
      "    if (bar.close > 0) throw new TypeError('cannot read the signal');", // 8
      '  }', // 9
      '}', // 10
    ]);
    const reg = contracts();
    const clock = new ManualClock();
    const sim = new SimExchange(reg, reg.calendar, clock, { mode: 'bar' });
    const engine = new TradingEngine({ accountId: 't', initialBalance: 1_000_000, contracts: reg, clock, gateway: sim, recorder: new MemoryRecorder(), risk: BACKTEST_RISK_CONFIG });
    const runtime = new StrategyRuntime(engine);
    const inst = runtime.add(loadStrategyFile(file), { name: 'leaves', symbols: [RB2005.symbol] });
    runtime.start('leaves');
    const bars = sampleBars(RB2005.file);
    clock.set(bars.time[0]! + 60_000);
    engine.onBar({ symbol: inst.strategy.symbol, period: '1m', time: bars.time[0]!, tradingDay: bars.tradingDay[0]!, open: 3334, high: 3336, low: 3303, close: 3304, volume: 1316, openInterest: 1254 });
    expect(inst.status).toBe('error');
    expect(inst.error).toMatchObject({ file, line: 8, message: 'TypeError: cannot read the signal' });
    expect(engine.oms.allWorking()).toEqual([]);
    expect(engine.stops.waiting()).toEqual([]);
    // The engine itself goes on: the next bar is taken and a manual order still works.
    clock.set(bars.time[1]! + 60_000);
    engine.onBar({ symbol: inst.strategy.symbol, period: '1m', time: bars.time[1]!, tradingDay: bars.tradingDay[1]!, open: 3304, high: 3305, low: 3300, close: 3301, volume: 1230, openInterest: 2484 });
    expect(engine.sendOrder({ symbol: RB2005.symbol, side: 'buy', offset: 'open', type: 'limit', price: 3301, volume: 1 })[0]!.status).toBe('submitted');
  });

  it('a throw in onInit leaves the instance errored and never started', () => {
    const file = writeStrategy('init-throws.ts', [
      "import { Strategy } from '@qihuo/strategy';", // 1
      'export default class BadInit extends Strategy {', // 2
      '  override onInit(): void {', // 3
      "    throw new RangeError('the fast period must be shorter than the slow one');", // 4
      '  }', // 5
      '}', // 6
    ]);
    const run = runBacktest({
      contracts: contracts(),
      strategy: loadStrategyFile(file),
      data: [{ symbol: RB2005.symbol, period: '1m', bars: sampleBars(RB2005.file) }],
      capital: 1_000_000,
    });
    expect(run.instance.status).toBe('error');
    expect(run.instance.error).toMatchObject({ file, line: 4, message: 'RangeError: the fast period must be shorter than the slow one' });
    expect(run.recorder.trades.length).toBe(0);
  });
});
