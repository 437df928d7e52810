// A burst of callbacks from CTP's thread reaches JS complete and in order, even while the JS thread is busy, and an
// API released in the middle of one stops cleanly.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MdHarness, fastSim, listedCode, quote, sim, sleep, waitUntil } from './harness';

const open: MdHarness[] = [];
beforeAll(() => fastSim());
afterEach(() => {
  for (const m of open.splice(0)) m.api.Release();
});

async function subscribed(code: string): Promise<MdHarness> {
  const md = new MdHarness();
  open.push(md);
  await md.login();
  sim.injectQuote(quote(code, 70_000, { Volume: 0 }));
  md.api.SubscribeMarketData([code]);
  await waitUntil(() => md.ticks().length === 1, 5000, 'snapshot');
  return md;
}

describe('callback bursts', () => {
  it('delivers 10,000 market-data callbacks complete and in order while the JS thread is blocked', async () => {
    const code = listedCode('cu');
    const md = await subscribed(code);
    const calls = md.calls;
    expect(sim.burstQuotes(code, 10_000)).toBe(0);
    // Keep the JS thread busy while CTP's thread keeps calling back: nothing may be lost or reordered.
    const until = Date.now() + 250;
    while (Date.now() < until) {
      /* busy */
    }
    await waitUntil(() => md.ticks().length >= 10_001, 30_000, '10,000 ticks');
    await sleep(100);
    const burst = md.ticks().slice(1);
    expect(burst).toHaveLength(10_000);
    expect(burst.map((e) => e.data!.Volume)).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
    expect(burst.every((e) => e.data!.InstrumentID === code)).toBe(true);
    // Stamped on CTP's thread in the order it called, delivered in batches rather than one JS call each.
    expect(burst.every((e, i) => i === 0 || e.t >= burst[i - 1]!.t)).toBe(true);
    expect(md.calls - calls).toBeLessThan(10_000);
  });

  it('stops at Release in the middle of a burst: no callback after it, every API object gone', async () => {
    const code = listedCode('ni');
    const md = await subscribed(code);
    open.splice(open.indexOf(md), 1);
    sim.burstQuotes(code, 20_000, 50);
    await waitUntil(() => md.ticks().length > 100, 10_000, 'burst under way');
    md.api.Release();
    await sleep(50);
    const seen = md.ticks().length;
    await sleep(200);
    expect(md.ticks().length).toBe(seen);
    // Released while the simulator was still publishing: the rest never reached JS.
    expect(seen).toBeLessThan(20_001);
    await waitUntil(() => sim.stat('live_apis') === open.length, 2000, 'API objects released');
  });
});
