import { createRequire } from 'node:module';
import path from 'node:path';
import type { Tick } from '../../../shared/model/types';
import { shanghaiDate, shanghaiParts } from '../../../shared/model/time';
import type { CThostFtdcDepthMarketDataField } from './ctp-api.gen';
import { CtpAddonError, nativeModulePath } from './native';

/** ctp-sim's control hook (native/ctp-sim/src/ctpsim_control.h): plays the exchange and the network. */
export interface SimControl {
  reset(): void;
  addAccount(account: { brokerId: string; userId: string; password: string; appId: string; authCode: string; balance?: number }): number;
  setAutoOpen(on: boolean): void;
  /** Publishes a quote and matches resting orders against it; -1 if it names no instrument of a known product. */
  injectQuote(quote: Partial<CThostFtdcDepthMarketDataField>): number;
  /** `count` quotes of one instrument from a simulator thread, Volume rising by one each, `spacingUs` apart. */
  burstQuotes(instrumentId: string, count: number, spacingUs?: number): number;
  setFrontReachable(front: string, reachable: boolean): number;
  disconnectFront(front: string, reason?: number): number;
  heartbeatWarning(front: string, timeLapse: number): number;
  setReconnectDelay(ms: number): void;
  setQueryLimit(perSecond: number): void;
  setQueryLatency(ms: number): void;
  failQueries(count: number): void;
  rejectOrders(count: number, atExchange: boolean, errorId?: number): void;
  setTradingDay(day: number): number;
  stat(name: 'live_apis' | 'order_inserts' | 'last_order_us' | 'login_attempts' | 'queries' | 'query_refusals' | 'connections' | 'sessions' | 'trading_day'): number;
  /** Microseconds of the simulator's clock (the same steady clock the addon stamps events with). */
  now(): number;
}

// Not named `require`: the bundler gives every main-process chunk a `require` of its own.
const loadAddon = createRequire(import.meta.url);
let control: SimControl | undefined;

/** The control addon; only exists where the CTP addon was built against ctp-sim. */
export function loadSimControl(): SimControl {
  if (control) return control;
  const file = nativeModulePath(
    'QIHUO_CTPSIM_CONTROL',
    'ctpsim_control.node',
    path.join('native', 'ctp-sim', 'control', 'build', 'Release', 'ctpsim_control.node'),
  );
  try {
    control = loadAddon(file) as SimControl;
  } catch (e) {
    throw new CtpAddonError(`cannot load ctp-sim's control addon ${file}: ${(e as Error).message}`);
  }
  return control;
}

/**
 * A Tick as the quote ctp-sim publishes, so that a replay or another feed can give the local practice front a market:
 * `control.injectQuote(tickToDepth(tick))` for each tick.
 */
export function tickToDepth(tick: Tick): Partial<CThostFtdcDepthMarketDataField> {
  const dot = tick.symbol.indexOf('.');
  const p = shanghaiParts(tick.time);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const depth: Partial<CThostFtdcDepthMarketDataField> = {
    InstrumentID: tick.symbol.slice(dot + 1),
    ExchangeID: tick.symbol.slice(0, dot),
    TradingDay: String(tick.tradingDay),
    ActionDay: String(shanghaiDate(tick.time)),
    UpdateTime: `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`,
    UpdateMillisec: p.ms,
    LastPrice: tick.last,
    BidPrice1: tick.bid,
    BidVolume1: tick.bidVolume,
    AskPrice1: tick.ask,
    AskVolume1: tick.askVolume,
    Volume: tick.volume,
    Turnover: tick.turnover,
    OpenInterest: tick.openInterest,
    OpenPrice: tick.open,
    HighestPrice: tick.high,
    LowestPrice: tick.low,
    PreSettlementPrice: tick.preSettlement,
    PreClosePrice: tick.preClose,
    PreOpenInterest: tick.preOpenInterest,
    UpperLimitPrice: tick.limitUp,
    LowerLimitPrice: tick.limitDown,
  };
  const levels = ['2', '3', '4', '5'] as const;
  levels.forEach((n, i) => {
    const fields = depth as Record<string, number | string>;
    if (tick.bids?.[i] !== undefined) fields[`BidPrice${n}`] = tick.bids[i]!;
    if (tick.bidVolumes?.[i] !== undefined) fields[`BidVolume${n}`] = tick.bidVolumes[i]!;
    if (tick.asks?.[i] !== undefined) fields[`AskPrice${n}`] = tick.asks[i]!;
    if (tick.askVolumes?.[i] !== undefined) fields[`AskVolume${n}`] = tick.askVolumes[i]!;
  });
  return depth;
}
