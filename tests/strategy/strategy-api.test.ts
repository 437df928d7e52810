import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/engine/clock';
import { MemoryRecorder } from '../../src/main/engine/recorder';
import { TradingEngine } from '../../src/main/engine/trading-engine';
import { SimExchange } from '../../src/main/gateway/sim/sim-exchange';
import { BACKTEST_RISK_CONFIG } from '../../src/main/trading/risk';
import type { Bar } from '../../src/shared/model/types';
import { shanghaiToEpoch } from '../../src/shared/model/time';
import { contracts, expectPositionFollows, expectSaneRun, RB2005, runFile } from './support/sample';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-api-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SCRIPT = [0, 2, 2, -1, -1, 3, 0, -2, 1, 1, -3];

describe('setTarget: a strategy states the position it wants', () => {
  const file = path.join(dir, 'targets.ts');
  fs.writeFileSync(
    file,
    [
      "import { Strategy, type Bar } from '@qihuo/strategy';",
      `const SCRIPT = ${JSON.stringify(SCRIPT)};`,
      'export default class Targets extends Strategy {',
      '  private n = 0;',
      '  override onBar(bar: Bar): void {',
      '    const k = Math.floor(this.n++ / 7);',
      "    this.setTarget(k < 100 ? SCRIPT[k % SCRIPT.length]! : 0, bar.close, { type: 'market' });",
      '  }',
      '}',
    ].join('\n'),
  );
  const r = runFile(file);

  it('gets there from any position through the engine, never long and short at once', () => {
    expectSaneRun(r, 3);
    expectPositionFollows(r.series.get(RB2005.symbol)!.net, (i) => {
      const k = Math.floor(i / 7);
      return k < 100 ? SCRIPT[k % SCRIPT.length]! : 0;
    });
  });

  it('reverses by closing first, then opening the rest', () => {
    // From +2 to -1 on the first pass: bar 21 sends it, bar 22 fills it.
    const at = r.trades.filter((t) => t.time === r.series.get(RB2005.symbol)!.bars.time[22]);
    expect(at.map((t) => [t.side, t.offset === 'open' ? 'open' : 'close', t.volume])).toEqual([
      ['sell', 'close', 2],
      ['sell', 'open', 1],
    ]);
  });

  it('refuses a target that is not a whole number of lots, naming it', () => {
    const bad = path.join(dir, 'half.ts');
    fs.writeFileSync(
      bad,
      [
        "import { Strategy, type Bar } from '@qihuo/strategy';",
        'export default class Half extends Strategy {',
        '  override onBar(bar: Bar): void {',
        '    this.setTarget(0.5, bar.close);',
        '  }',
        '}',
      ].join('\n'),
    );
    const h = runFile(bad);
    expect(h.run.instance.status).toBe('error');
    expect(h.run.instance.error).toMatchObject({ line: 4, message: 'RangeError: setTarget: the target must be a whole number of lots (got 0.5)' });
  });
});

describe('the last signal: what the strategy manager shows of the last order a strategy sent', () => {
  const file = path.join(dir, 'signals.ts');
  fs.writeFileSync(
    file,
    [
      "import { Strategy, type Bar } from '@qihuo/strategy';",
      'export default class Signals extends Strategy {',
      '  private n = 0;',
      '  override onBar(bar: Bar): void {',
      '    this.n++;',
      '    if (this.n === 10) this.buy(bar.close - 5, 2);',
      '    if (this.n === 20) this.sell(bar.close + 50, 1, { stop: true });',
      '  }',
      '}',
    ].join('\n'),
  );

  it('names the order: side, offset, contract, price, volume, the time it was sent and its number', () => {
    const r = runFile(file);
    const bars = r.series.get(RB2005.symbol)!.bars;
    const s = r.run.instance.lastSignal;
    // The 20th bar is seen at its end, a minute after it starts.
    expect(s).toEqual({
      id: 'Signals#2',
      strategy: 'Signals',
      symbol: RB2005.symbol,
      action: 'stop:sell:close',
      price: bars.close[19]! + 50,
      volume: 1,
      time: bars.time[19]! + 60_000,
    });
  });

  it('an order that is not a stop: its side and offset', () => {
    const buyOnly = path.join(dir, 'signals-buy.ts');
    fs.writeFileSync(buyOnly, fs.readFileSync(file, 'utf8').replace(/.*stop: true.*\n/, ''));
    const r = runFile(buyOnly);
    const bars = r.series.get(RB2005.symbol)!.bars;
    expect(r.run.instance.lastSignal).toMatchObject({ id: 'Signals#1', action: 'buy:open', price: bars.close[9]! - 5, volume: 2, time: bars.time[9]! + 60_000 });
  });
});

describe('stop orders of strategies ({ stop: true })', () => {
  it('a stop that closes today’s lots in the day’s last minute (14:59) is a close of today, filled that day', () => {
    const reg = contracts();
    const clock = new ManualClock();
    const recorder = new MemoryRecorder();
    const sim = new SimExchange(reg, reg.calendar, clock, { mode: 'bar' });
    const engine = new TradingEngine({ accountId: 't', initialBalance: 1_000_000, contracts: reg, clock, gateway: sim, recorder, risk: BACKTEST_RISK_CONFIG });
    const bar = (h: number, m: number, o: number, hi: number, lo: number, c: number): Bar => ({
      symbol: RB2005.symbol,
      period: '1m',
      time: shanghaiToEpoch(2019, 6, 19, h, m),
      tradingDay: 20190619,
      open: o,
      high: hi,
      low: lo,
      close: c,
      volume: 100,
      openInterest: 0,
    });
    const feed = (b: Bar) => {
      clock.set(b.time + 60_000);
      engine.onBar(b);
    };
    feed(bar(14, 57, 3397, 3398, 3396, 3397));
    engine.sendOrder({ symbol: RB2005.symbol, side: 'buy', offset: 'open', type: 'market', price: 0, volume: 1, source: 's' });
    feed(bar(14, 58, 3397, 3399, 3396, 3397));
    const stop = engine.sendStopOrder({ symbol: RB2005.symbol, side: 'sell', offset: 'close', volume: 1, triggerPrice: 3396, source: 's' });
    expect('code' in stop).toBe(false);
    feed(bar(14, 59, 3397, 3398, 3390, 3392));
    expect(recorder.trades.map((t) => [t.side, t.offset, t.price, t.tradingDay])).toEqual([
      ['buy', 'open', 3397, 20190619],
      ['sell', 'closeToday', 3396, 20190619],
    ]);
    expect(engine.portfolio.positions.get(RB2005.symbol)?.long.volume ?? 0).toBe(0);
  });
});
