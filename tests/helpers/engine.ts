import { ManualClock } from '../../src/main/engine/clock';
import { MemoryRecorder } from '../../src/main/engine/recorder';
import { TradingEngine } from '../../src/main/engine/trading-engine';
import { SimExchange, type SimExchangeOptions } from '../../src/main/gateway/sim/sim-exchange';
import { ContractRegistry } from '../../src/main/trading/contracts';
import { BACKTEST_RISK_CONFIG, type RiskConfig } from '../../src/main/trading/risk';
import type { Bar, Tick } from '../../src/shared/model/types';
import { shanghaiToEpoch } from '../../src/shared/model/time';

let registry: ContractRegistry | undefined;
/** The bundled contract specs (loaded once per test file). */
export function contracts(): ContractRegistry {
  return (registry ??= ContractRegistry.load());
}

export interface TestEngine {
  engine: TradingEngine;
  sim: SimExchange;
  clock: ManualClock;
  recorder: MemoryRecorder;
}

/** An engine on a SimExchange, at a Shanghai time inside the day session of 2025-03-03 (a Monday). */
export function makeEngine(
  opts: { mode?: 'tick' | 'bar'; capital?: number; risk?: Partial<RiskConfig>; sim?: Partial<SimExchangeOptions>; registry?: ContractRegistry } = {},
): TestEngine {
  const reg = opts.registry ?? contracts();
  const clock = new ManualClock(shanghaiToEpoch(2025, 3, 3, 9, 30));
  const recorder = new MemoryRecorder();
  const sim = new SimExchange(reg, reg.calendar, clock, { mode: opts.mode ?? 'tick', ...opts.sim });
  const engine = new TradingEngine({
    accountId: 'test',
    initialBalance: opts.capital ?? 1_000_000,
    contracts: reg,
    clock,
    gateway: sim,
    recorder,
    risk: { ...BACKTEST_RISK_CONFIG, ...opts.risk },
  });
  engine.rollTradingDay(20250303);
  return { engine, sim, clock, recorder };
}

/** A tick with bid = last - spread ticks below ask; volumes 100 unless given. */
export function tick(symbol: string, last: number, fields: Partial<Tick> = {}, time?: number): Tick {
  const c = contracts().resolve(symbol);
  const t = time ?? shanghaiToEpoch(2025, 3, 3, 9, 31);
  return {
    symbol: c.symbol,
    time: t,
    tradingDay: 20250303,
    last,
    bid: last,
    bidVolume: 100,
    ask: last + c.priceTick,
    askVolume: 100,
    volume: 1000,
    turnover: 0,
    openInterest: 10000,
    open: last,
    high: last,
    low: last,
    preSettlement: 0,
    preClose: 0,
    preOpenInterest: 0,
    limitUp: 0,
    limitDown: 0,
    ...fields,
  };
}

export function bar(symbol: string, o: number, h: number, l: number, c: number, time: number, tradingDay = 20250303, volume = 1000): Bar {
  return { symbol: contracts().resolve(symbol).symbol, period: '1m', time, tradingDay, open: o, high: h, low: l, close: c, volume, openInterest: 0 };
}

/** Money compared with a tolerance, never with toBe on an unrounded float. */
export const CENT = 0.005;
