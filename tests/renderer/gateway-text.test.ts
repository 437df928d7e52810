// The top bar's and the accounts screen's gateway line: worded in the UI's language from the code the engine sends.
import { describe, expect, it } from 'vitest';
import { gatewayStatusText, gatewayWords } from '../../src/shared/i18n/gateway-messages';
import { SimExchange } from '../../src/main/gateway/sim/sim-exchange';
import { TradingEngine } from '../../src/main/engine/trading-engine';
import { MemoryRecorder } from '../../src/main/engine/recorder';
import { ContractRegistry } from '../../src/main/trading/contracts';
import type { GatewayStatus } from '../../src/shared/model/types';

describe('gateway status text', () => {
  it('words the simulated account in the language shown, and its disconnection', () => {
    const contracts = ContractRegistry.load();
    const clock = { now: () => Date.UTC(2025, 2, 3, 1, 31) };
    const sim = new SimExchange(contracts, contracts.calendar, clock, { mode: 'tick' });
    const engine = new TradingEngine({ accountId: 'sim', initialBalance: 100_000, contracts, clock, gateway: sim, recorder: new MemoryRecorder() });
    const [ready] = engine.gatewayStatuses();
    expect([gatewayStatusText(ready!, 'zh'), gatewayStatusText(ready!, 'en')]).toEqual(['模拟撮合', 'Simulated matching']);
    const seen: GatewayStatus[] = [];
    engine.bus.on('gateway', (s) => seen.push(s));
    sim.disconnect();
    expect(seen.map((s) => [s.state, gatewayStatusText(s, 'zh'), gatewayStatusText(s, 'en')])).toEqual([['disconnected', '已断开', 'Disconnected']]);
  });

  it('fills the parameters of each language, keeps the broker text, and stores the gateway language as message', () => {
    const w = gatewayWords('STEP_FAILED', { step: '结算单确认', stepEn: 'Settlement confirmation', id: 42, msg: 'CTP:结算单未生成', seconds: 5 }, 'en');
    expect(w.message).toBe('Settlement confirmation failed (CTP 42: CTP:结算单未生成); retrying in 5 s');
    const s = { state: 'connecting' as const, ...w };
    expect(gatewayStatusText(s, 'zh')).toBe('结算单确认失败（CTP 42：CTP:结算单未生成），5 秒后重试');
  });

  it('falls back to the text sent, then to the state, for a code this client does not know', () => {
    expect(gatewayStatusText({ state: 'error', message: '新的提示', messageKey: { code: 'FROM_A_NEWER_ENGINE', params: {} } }, 'en')).toBe('新的提示');
    expect(gatewayStatusText({ state: 'connecting', message: '' }, 'zh')).toBe('正在连接');
    expect(gatewayStatusText({ state: 'connected', message: '' }, 'en')).toBe('Connected');
  });
});
