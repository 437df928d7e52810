import type { Tick } from '../../../shared/model/types';
import type { TradingCalendar } from '../../engine/calendar';
import type { CThostFtdcDepthMarketDataField } from './ctp-api.gen';
import { exchangeInstant } from './ctp-time';

/** CTP fills fields it has no value for with DBL_MAX (and sometimes 0 or garbage): all of those become 0. */
export function ctpPrice(v: number): number {
  return Number.isFinite(v) && v > 0 && v < 1e300 ? v : 0;
}

function ctpAmount(v: number): number {
  return Number.isFinite(v) && v >= 0 && v < 1e300 ? v : 0;
}

function ctpVolume(v: number): number {
  return Number.isInteger(v) && v >= 0 ? v : 0;
}

/**
 * A CTP depth quote as the engine's Tick: the canonical id, its instant and trading day worked out from the local
 * clock and the exchange's fields (see exchangeInstant), invalid values cleared. An unusable time stamp is an error
 * naming what is wrong, so the feed can report it and go on.
 */
export function depthToTick(
  d: CThostFtdcDepthMarketDataField,
  symbol: string,
  exchange: string,
  now: number,
  calendar: TradingCalendar,
): Tick | { error: string } {
  const time = exchangeInstant(
    { time: d.UpdateTime, millis: d.UpdateMillisec, tradingDay: d.TradingDay, actionDay: d.ActionDay, exchange },
    now,
    calendar,
  );
  if (time === undefined) {
    return { error: `${symbol}: quote without a usable time (UpdateTime "${d.UpdateTime}", TradingDay "${d.TradingDay}", ActionDay "${d.ActionDay}")` };
  }
  const bids: number[] = [];
  const bidVolumes: number[] = [];
  const asks: number[] = [];
  const askVolumes: number[] = [];
  const levels: [number, number, number, number][] = [
    [d.BidPrice2, d.BidVolume2, d.AskPrice2, d.AskVolume2],
    [d.BidPrice3, d.BidVolume3, d.AskPrice3, d.AskVolume3],
    [d.BidPrice4, d.BidVolume4, d.AskPrice4, d.AskVolume4],
    [d.BidPrice5, d.BidVolume5, d.AskPrice5, d.AskVolume5],
  ];
  for (const [bp, bv, ap, av] of levels) {
    if (ctpPrice(bp) === 0 && ctpPrice(ap) === 0) break;
    bids.push(ctpPrice(bp));
    bidVolumes.push(ctpVolume(bv));
    asks.push(ctpPrice(ap));
    askVolumes.push(ctpVolume(av));
  }
  const tick: Tick = {
    symbol,
    time,
    tradingDay: calendar.tradingDayOf(time),
    last: ctpPrice(d.LastPrice),
    bid: ctpPrice(d.BidPrice1),
    bidVolume: ctpVolume(d.BidVolume1),
    ask: ctpPrice(d.AskPrice1),
    askVolume: ctpVolume(d.AskVolume1),
    volume: ctpVolume(d.Volume),
    turnover: ctpAmount(d.Turnover),
    openInterest: ctpAmount(d.OpenInterest),
    open: ctpPrice(d.OpenPrice),
    high: ctpPrice(d.HighestPrice),
    low: ctpPrice(d.LowestPrice),
    preSettlement: ctpPrice(d.PreSettlementPrice),
    preClose: ctpPrice(d.PreClosePrice),
    preOpenInterest: ctpAmount(d.PreOpenInterest),
    limitUp: ctpPrice(d.UpperLimitPrice),
    limitDown: ctpPrice(d.LowerLimitPrice),
    ...(bids.length ? { bids, bidVolumes, asks, askVolumes } : {}),
  };
  return tick;
}
