/**
 * What alerts cost the engine: filled orders through the real engine with the alert service attached (three channels
 * taking every kind of alert, each fill queued three times), beside the same engine with no alerts, in the same run.
 * The engine's time is the synchronous loop: sending happens afterwards, off the engine's path. The robots are a
 * fetch that answers at once, on a virtual clock, so the sending is counted too, as the time to drain the queues.
 *
 * Run: npx tsx bench/notify-overhead.ts [orders]
 */
import { ManualClock } from '../src/main/engine/clock';
import { MemoryRecorder } from '../src/main/engine/recorder';
import { TradingEngine } from '../src/main/engine/trading-engine';
import { SimExchange } from '../src/main/gateway/sim/sim-exchange';
import { AlertService } from '../src/main/notify/alert-service';
import type { FetchLike } from '../src/main/notify/deliver';
import { ContractRegistry } from '../src/main/trading/contracts';
import { DEFAULT_RISK_CONFIG } from '../src/main/trading/risk';
import { shanghaiToEpoch } from '../src/shared/model/time';
import type { Tick } from '../src/shared/model/types';

const N = Number(process.argv[2] ?? 200_000);
const contracts = ContractRegistry.load();

class CountingRecorder extends MemoryRecorder {
  override fill(): void {}
}

function makeEngine(): TradingEngine {
  const clock = new ManualClock(shanghaiToEpoch(2025, 3, 3, 9, 31));
  const engine = new TradingEngine({
    accountId: 'bench',
    initialBalance: 1e12,
    contracts,
    clock,
    gateway: new SimExchange(contracts, contracts.calendar, clock, { mode: 'tick' }),
    recorder: new CountingRecorder(),
    risk: { ...DEFAULT_RISK_CONFIG, maxOrdersPerSecond: 0, maxPositionPerContract: 0 },
  });
  engine.rollTradingDay(20250303);
  const tick: Tick = {
    symbol: 'SHFE.rb2505', time: clock.now(), tradingDay: 20250303, last: 3500, bid: 3500, bidVolume: 1e9, ask: 3500, askVolume: 1e9,
    volume: 0, turnover: 0, openInterest: 0, open: 3500, high: 3500, low: 3500, preSettlement: 0, preClose: 0, preOpenInterest: 0, limitUp: 0, limitDown: 0,
  };
  engine.onTick(tick);
  return engine;
}

/** Open / close-today pairs, each order filled at once: N fills. */
function trade(engine: TradingEngine): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    engine.sendOrder({ symbol: 'SHFE.rb2505', side: i % 2 === 0 ? 'buy' : 'sell', offset: i % 2 === 0 ? 'open' : 'closeToday', type: 'limit', price: 3500, volume: 1 });
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function withAlerts(): { engine: TradingEngine; service: AlertService; posts: { n: number } } {
  const engine = makeEngine();
  const kv = new Map<string, string>();
  const store = { getValue: (k: string) => kv.get(k), setValue: (k: string, v: string) => void kv.set(k, v), get: (k: string) => kv.get(k), set: (k: string, v: string) => void kv.set(k, v), delete: (k: string) => void kv.delete(k) };
  let t = Date.now();
  const posts = { n: 0 };
  const answer = { status: 200, text: async () => '{"errcode":0,"code":0}' };
  const fetchFn: FetchLike = async () => {
    posts.n++;
    return answer;
  };
  const service = new AlertService({ settings: store, secrets: store, log: () => {}, fetch: fetchFn, now: () => t, sleep: async (ms) => void (t += ms) });
  const events = ['fill', 'rejected', 'risk', 'strategyError', 'gateway', 'settlement'] as const;
  service.set({
    save: [
      { kind: 'dingtalk', name: 'd', url: 'https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef', secret: 'SEC0123456789abcdef', events: [...events], enabled: true },
      { kind: 'wecom', name: 'w', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=0123-4567-89ab', events: [...events], enabled: true },
      { kind: 'feishu', name: 'f', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/0123-4567-89ab', secret: 'abcdef', events: [...events], enabled: true },
    ],
  });
  service.attach(engine.bus);
  return { engine, service, posts };
}

// Warm up both paths, then measure them alternately.
trade(makeEngine());
const warm = withAlerts();
trade(warm.engine);
await warm.service.flush();

const plain: number[] = [];
const alerted: number[] = [];
let drain = 0;
let posts = 0;
for (let round = 0; round < 3; round++) {
  plain.push(trade(makeEngine()));
  const a = withAlerts();
  alerted.push(trade(a.engine));
  const t0 = process.hrtime.bigint();
  await a.service.flush();
  drain = Number(process.hrtime.bigint() - t0) / 1e9;
  posts = a.posts.n;
  a.service.close();
}
const best = (xs: number[]) => Math.min(...xs);
const ns = (s: number) => `${((s / N) * 1e9).toFixed(0)} ns/fill`;
console.log(`alerts: ${N.toLocaleString('en-US')} fills per run, three channels taking every alert (best of 3)`);
console.log(`  engine, no alerts (reference):    ${ns(best(plain))}`);
console.log(`  engine, alert service attached:   ${ns(best(alerted))}`);
console.log(`  cost to the engine: ${(best(alerted) / best(plain)).toFixed(2)}x the reference (+${(((best(alerted) - best(plain)) / N) * 1e9).toFixed(0)} ns a fill)`);
console.log(`  afterwards, off the engine's path: queues drained in ${(drain * 1000).toFixed(0)} ms, ${posts} posts (merged; the rest dropped over the queue limit)`);
