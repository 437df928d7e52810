// The gateway's query queue over the real addon and ctp-sim: one query at a time, retried when the API refuses it
// (-2 in flight, -3 too many a second) or the front is busy (90), every answer complete.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CThostFtdcInstrumentField, CThostFtdcTradingAccountField } from '../../src/main/gateway/ctp/ctp-api.gen';
import { QueryQueue } from '../../src/main/gateway/ctp/query-queue';
import { BROKER, TraderHarness, fastSim, newUser, sim } from './harness';

let t: TraderHarness | undefined;
beforeAll(() => fastSim());
afterEach(() => {
  t?.release();
  sim.setQueryLimit(50);
});

describe('paced queries', () => {
  it('gets every answer although the queue asks faster than the front allows and the front is busy twice', async () => {
    t = new TraderHarness(newUser());
    await t.login();
    let requestId = 1000;
    const retries: string[] = [];
    const queue = new QueryQueue({ nextRequestId: () => ++requestId, onRetry: (name, why) => retries.push(`${name} ${why}`) });
    // Route the harness's events to the queue as the gateway does.
    const api = t.api;
    const harness = t;
    let seen = harness.events.length;
    const pump = setInterval(() => {
      for (const e of harness.events.slice(seen)) {
        if (e.name === 'OnRspError') queue.onError(e.requestId, e.rspInfo);
        else if ('requestId' in e && 'isLast' in e && 'data' in e) queue.onResponse(e.requestId, e.data, e.rspInfo, e.isLast);
      }
      seen = harness.events.length;
    }, 1);
    // The queue believes in 50 queries a second; the front allows 3, and its first two answers are 90.
    queue.setRate(50);
    sim.setQueryLimit(3);
    sim.failQueries(2);
    await new Promise((r) => setTimeout(r, 1100));
    const refusals = sim.stat('query_refusals');
    queue.resume();
    const investor = { BrokerID: BROKER, InvestorID: harness.user };
    const answers = await Promise.all([
      queue.enqueue<CThostFtdcTradingAccountField>('account', (id) => api.ReqQryTradingAccount(investor, id)),
      queue.enqueue<CThostFtdcInstrumentField>('SHFE', (id) => api.ReqQryInstrument({ ExchangeID: 'SHFE' }, id)),
      queue.enqueue<CThostFtdcInstrumentField>('CZCE', (id) => api.ReqQryInstrument({ ExchangeID: 'CZCE' }, id)),
      queue.enqueue<CThostFtdcTradingAccountField>('account again', (id) => api.ReqQryTradingAccount(investor, id)),
      queue.enqueue<CThostFtdcInstrumentField>('none', (id) => api.ReqQryInstrument({ InstrumentID: 'zz9999' }, id)),
    ]);
    clearInterval(pump);
    expect(answers[0]!).toHaveLength(1);
    expect(answers[0]![0]!.AccountID).toBe(harness.user);
    expect(answers[1]!.length).toBeGreaterThan(100);
    expect(answers[1]!.every((r) => r.ExchangeID === 'SHFE')).toBe(true);
    expect(answers[2]!.every((r) => r.ExchangeID === 'CZCE')).toBe(true);
    expect(answers[4]).toEqual([]);
    expect(sim.stat('query_refusals')).toBeGreaterThan(refusals);
    expect(retries.filter((r) => r.includes('CTP 90'))).toHaveLength(2);
    expect(retries.some((r) => r.includes('-3'))).toBe(true);
  }, 30_000);
});
