/**
 * CTP through the native addon, against ctp-sim, in one run:
 *   1. callback-to-JS latency (p50, p99): quotes called back one at a time on ctp-sim's thread, each stamped in the
 *      addon's SPI, timed to its arrival in JS;
 *   2. callbacks per second in a burst of 100,000, beside building the same 100,000 quote objects in a plain JS loop;
 *   3. the round trip from a tick to an order: a quote published by ctp-sim reaches the engine through CtpMarketData,
 *      a handler on the tick sends an order through the engine's risk checks and CtpGateway, and the order reaches
 *      ctp-sim (and its fill comes back); beside the same path through the in-process SimExchange.
 *
 * Run: npx tsx bench/ctp-latency.ts      (needs `npm run native:build`)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CtpAccountConfig } from '../src/shared/ipc/accounts';
import type { Tick } from '../src/shared/model/types';
import { ManualClock, wallClock } from '../src/main/engine/clock';
import { MemoryRecorder } from '../src/main/engine/recorder';
import { TradingEngine } from '../src/main/engine/trading-engine';
import type { MdEvent } from '../src/main/gateway/ctp/ctp-api.gen';
import { CtpGateway } from '../src/main/gateway/ctp/ctp-gateway';
import { CtpMarketData } from '../src/main/gateway/ctp/market-data';
import { flowFolder, loadCtpAddon } from '../src/main/gateway/ctp/native';
import { loadSimControl } from '../src/main/gateway/ctp/sim-control';
import { SimExchange } from '../src/main/gateway/sim/sim-exchange';
import { ContractRegistry } from '../src/main/trading/contracts';
import { DEFAULT_RISK_CONFIG } from '../src/main/trading/risk';
import { shanghaiToEpoch } from '../src/shared/model/time';

const ctp = loadCtpAddon();
const sim = loadSimControl();
const contracts = ContractRegistry.load();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-bench-'));
sim.setReconnectDelay(50);
sim.setQueryLimit(50);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, what: string, ms = 30_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(1);
  }
}
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}
const fmt = (us: number): string => `${us.toFixed(1)} µs`;

function contractCode(product: string): string {
  const day = sim.stat('trading_day');
  const y = Math.floor(day / 10000);
  const m = (Math.floor(day / 100) % 100) + 2;
  return `${product}${String((m > 12 ? y + 1 : y) % 100).padStart(2, '0')}${String(m > 12 ? m - 12 : m).padStart(2, '0')}`;
}

// ---- 1 and 2: the addon's callback channel ---------------------------------------------------------------------------

async function callbackChannel(): Promise<void> {
  const code = contractCode('cu');
  let onEvent: (e: MdEvent, receivedUs: number) => void = () => {};
  const md = new ctp.MdApi(flowFolder(dir, 'md-bench'), (events) => {
    const now = ctp.now();
    for (const e of events) onEvent(e, now);
  });
  let connected = false;
  let logged = false;
  onEvent = (e) => {
    if (e.name === 'OnFrontConnected') connected = true;
    if (e.name === 'OnRspUserLogin') logged = true;
  };
  md.RegisterFront('tcp://127.0.0.1:40011');
  md.Init();
  await until(() => connected, 'md front');
  md.ReqUserLogin({ BrokerID: '9999', UserID: 'bench' }, 1);
  await until(() => logged, 'md login');
  sim.injectQuote({ InstrumentID: code, LastPrice: 70_000, BidPrice1: 69_990, BidVolume1: 5, AskPrice1: 70_010, AskVolume1: 5, Volume: 0 });
  md.SubscribeMarketData([code]);
  await sleep(50);

  // Latency: one callback at a time, 200 µs apart, so none waits behind another.
  const latencies: number[] = [];
  onEvent = (e, received) => {
    if (e.name === 'OnRtnDepthMarketData') latencies.push(received - e.t);
  };
  const samples = 3000;
  sim.burstQuotes(code, samples, 200);
  await until(() => latencies.length >= samples, 'latency samples');
  latencies.sort((a, b) => a - b);

  // Throughput: as fast as ctp-sim can call back.
  const burst = 100_000;
  let count = 0;
  let first = 0;
  let lastCalled = 0;
  let last = 0;
  let inOrder = true;
  let lastVolume = -1;
  onEvent = (e, received) => {
    if (e.name !== 'OnRtnDepthMarketData') return;
    if (count === 0) first = e.t;
    count++;
    last = received;
    lastCalled = e.t;
    if (e.data!.Volume <= lastVolume) inOrder = false;
    lastVolume = e.data!.Volume;
  };
  await sleep(50);
  sim.burstQuotes(code, burst, 0);
  await until(() => count >= burst, 'burst');
  const perSecond = burst / ((last - first) / 1e6);
  const producedPerSecond = burst / ((lastCalled - first) / 1e6);
  md.Release();

  // Reference: the same 100,000 quote objects built in a plain JS loop (what the addon must do for each callback).
  const template: Record<string, number | string> = {};
  const keys = Object.keys(await sampleDepth());
  const start = performance.now();
  const sink: object[] = [];
  for (let i = 0; i < burst; i++) {
    const o: Record<string, number | string> = {};
    for (const k of keys) o[k] = template[k] ?? i;
    sink.push({ name: 'OnRtnDepthMarketData', t: i, data: o });
    if (sink.length > 1000) sink.length = 0;
  }
  const plainPerSecond = burst / ((performance.now() - start) / 1000);

  console.log('callback to JS, one at a time (3,000 quotes):');
  console.log(`  p50 ${fmt(percentile(latencies, 50))}   p99 ${fmt(percentile(latencies, 99))}   max ${fmt(latencies.at(-1)!)}`);
  console.log(`burst of ${burst.toLocaleString('en')} quotes: ${Math.round(perSecond).toLocaleString('en')} callbacks/s into JS, in order: ${inOrder}`);
  console.log(`  ctp-sim called back at ${Math.round(producedPerSecond).toLocaleString('en')}/s; the last callback reached JS ${fmt(last - lastCalled)} after it was made`);
  console.log(`  reference, building the same quote objects in plain JS: ${Math.round(plainPerSecond).toLocaleString('en')} objects/s`);
  console.log(`  ratio addon / plain JS: ${(perSecond / plainPerSecond).toFixed(2)}`);
}

/** The fields of a depth quote as the addon delivers them, to build the reference objects with. */
async function sampleDepth(): Promise<Record<string, unknown>> {
  const code = contractCode('al');
  let data: Record<string, unknown> | undefined;
  let up = false;
  const md = new ctp.MdApi(flowFolder(dir, 'md-sample'), (events) => {
    for (const e of events) {
      if (e.name === 'OnFrontConnected') up = true;
      if (e.name === 'OnRspUserLogin') md.SubscribeMarketData([code]);
      if (e.name === 'OnRtnDepthMarketData' && e.data) data = { ...e.data };
    }
  });
  md.RegisterFront('tcp://127.0.0.1:40011');
  md.Init();
  await until(() => up, 'sample front');
  md.ReqUserLogin({ BrokerID: '9999', UserID: 'sample' }, 1);
  await sleep(20);
  sim.injectQuote({ InstrumentID: code, LastPrice: 20_000 });
  await until(() => data !== undefined, 'sample quote');
  md.Release();
  return data!;
}

// ---- 3: tick to order --------------------------------------------------------------------------------------------------

interface RoundTrips {
  toGateway: number[];
  toFill: number[];
}

async function throughCtp(rounds: number): Promise<RoundTrips> {
  const code = contractCode('rb');
  const symbol = `SHFE.${code}`;
  const account: CtpAccountConfig = {
    id: 'bench',
    name: 'bench',
    preset: 'ctp-sim',
    brokerId: '9999',
    userId: `bench${process.pid}`,
    password: 'p',
    appId: 'a',
    authCode: 'b',
    productInfo: '',
    tradeFronts: ['tcp://127.0.0.1:40001'],
    marketFronts: ['tcp://127.0.0.1:40011'],
  };
  const gw = new CtpGateway({ account, contracts, flowDir: dir });
  const engine = new TradingEngine({ accountId: 'bench', initialBalance: 10_000_000, contracts, clock: wallClock, gateway: gw, recorder: new MemoryRecorder(), risk: { ...DEFAULT_RISK_CONFIG, maxOrdersPerSecond: 0 } });
  const md = new CtpMarketData({ account, contracts, flowDir: dir, onTick: (t) => engine.onTick(t) });
  md.connect();
  await until(() => gw.isReady && md.isLoggedIn, 'CTP login');
  md.subscribe([symbol]);

  const result: RoundTrips = { toGateway: [], toFill: [] };
  let injected = 0;
  let armed = false;
  let long = false;
  let filledAt = 0;
  // The "strategy": on a tick, trade at the ask or the bid; alternately open and close one lot.
  engine.bus.on('tick', (t) => {
    if (!armed || t.symbol !== symbol) return;
    armed = false;
    engine.sendOrder({ symbol, side: long ? 'sell' : 'buy', offset: long ? 'close' : 'open', type: 'limit', price: long ? t.bid : t.ask, volume: 1 });
  });
  engine.bus.on('trade', () => {
    filledAt = ctp.now();
  });
  for (let i = 0; i < rounds + 20; i++) {
    const price = 3500 + (i % 10);
    armed = true;
    filledAt = 0;
    const trades = engine.portfolio.account.commission;
    injected = sim.now();
    sim.injectQuote({ InstrumentID: code, LastPrice: price, BidPrice1: price - 1, BidVolume1: 50, AskPrice1: price + 1, AskVolume1: 50, UpperLimitPrice: 4000, LowerLimitPrice: 3000 });
    await until(() => filledAt > 0 && engine.portfolio.account.commission > trades, 'fill through CTP');
    long = !long;
    if (i >= 20) {
      result.toGateway.push(sim.stat('last_order_us') - injected);
      result.toFill.push(filledAt - injected);
    }
  }
  gw.disconnect();
  md.disconnect();
  return result;
}

function throughSimExchange(rounds: number): RoundTrips {
  const symbol = 'SHFE.rb2505';
  const clock = new ManualClock(shanghaiToEpoch(2025, 1, 10, 10, 0, 0));
  const sim = new SimExchange(contracts, contracts.calendar, clock, { mode: 'tick' });
  let reached = 0;
  const send = sim.sendOrder.bind(sim);
  sim.sendOrder = (o) => {
    reached = performance.now();
    send(o);
  };
  const engine = new TradingEngine({ accountId: 'ref', initialBalance: 10_000_000, contracts, clock, gateway: sim, recorder: new MemoryRecorder(), risk: { ...DEFAULT_RISK_CONFIG, maxOrdersPerSecond: 0 } });
  let armed = false;
  let long = false;
  let filledAt = 0;
  engine.bus.on('tick', (t) => {
    if (!armed) return;
    armed = false;
    engine.sendOrder({ symbol, side: long ? 'sell' : 'buy', offset: long ? 'close' : 'open', type: 'limit', price: long ? t.bid : t.ask, volume: 1 });
  });
  engine.bus.on('trade', () => {
    filledAt = performance.now();
  });
  const result: RoundTrips = { toGateway: [], toFill: [] };
  for (let i = 0; i < rounds + 20; i++) {
    const price = 3500 + (i % 10);
    clock.set(clock.now() + 500);
    const tick: Tick = {
      symbol,
      time: clock.now(),
      tradingDay: 20250110,
      last: price,
      bid: price - 1,
      bidVolume: 50,
      ask: price + 1,
      askVolume: 50,
      volume: i,
      turnover: 0,
      openInterest: 0,
      open: 3500,
      high: 3510,
      low: 3490,
      preSettlement: 3500,
      preClose: 3500,
      preOpenInterest: 0,
      limitUp: 4000,
      limitDown: 3000,
    };
    armed = true;
    const start = performance.now();
    engine.onTick(tick);
    long = !long;
    if (i >= 20) {
      result.toGateway.push((reached - start) * 1000);
      result.toFill.push((filledAt - start) * 1000);
    }
  }
  return result;
}

async function tickToOrder(): Promise<void> {
  const rounds = 500;
  const viaCtp = await throughCtp(rounds);
  const viaSim = throughSimExchange(rounds);
  const row = (label: string, a: number[], b: number[]): void => {
    const sa = [...a].sort((x, y) => x - y);
    const sb = [...b].sort((x, y) => x - y);
    console.log(
      `  ${label.padEnd(22)} ctp-sim p50 ${fmt(percentile(sa, 50)).padStart(10)} p99 ${fmt(percentile(sa, 99)).padStart(10)}   ` +
        `SimExchange p50 ${fmt(percentile(sb, 50)).padStart(9)} p99 ${fmt(percentile(sb, 99)).padStart(9)}   ratio p50 ${(percentile(sa, 50) / percentile(sb, 50)).toFixed(1)}`,
    );
  };
  console.log(`tick to order, ${rounds} round trips (a quote in, an order out through risk and the gateway):`);
  row('order reaches venue', viaCtp.toGateway, viaSim.toGateway);
  row('fill back in engine', viaCtp.toFill, viaSim.toFill);
}

await callbackChannel();
await tickToOrder();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
