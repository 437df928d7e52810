// Quotes and trades from CTP put on the right instant and trading day, whatever each exchange writes into its
// TradingDay and ActionDay at night, and with CTP's DBL_MAX and other non-values cleared.
import { describe, expect, it } from 'vitest';
import { shanghaiToEpoch } from '../../src/shared/model/time';
import type { CThostFtdcDepthMarketDataField } from '../../src/main/gateway/ctp/ctp-api.gen';
import { exchangeInstant, parseCtpDay, parseCtpTime } from '../../src/main/gateway/ctp/ctp-time';
import { depthToTick } from '../../src/main/gateway/ctp/tick';
import { ContractRegistry } from '../../src/main/trading/contracts';

const calendar = ContractRegistry.load().calendar;
const DBL_MAX = 1.7976931348623157e308;
// Friday 2025-01-10 and Monday 2025-01-13 are trading days; the night of Friday belongs to Monday.
const FRI = 20250110;
const MON = 20250113;

function depth(more: Partial<CThostFtdcDepthMarketDataField>): CThostFtdcDepthMarketDataField {
  const zero: Record<string, number | string> = {};
  const base = {
    TradingDay: String(MON),
    ActionDay: String(FRI),
    ExchangeID: '',
    InstrumentID: 'rb2505',
    ExchangeInstID: 'rb2505',
    UpdateTime: '21:30:00',
    UpdateMillisec: 500,
    LastPrice: 3500,
    PreSettlementPrice: 3490,
    PreClosePrice: 3495,
    PreOpenInterest: 1_000_000,
    OpenPrice: 3492,
    HighestPrice: 3510,
    LowestPrice: 3480,
    Volume: 12345,
    Turnover: 431_000_000,
    OpenInterest: 1_001_000,
    ClosePrice: DBL_MAX,
    SettlementPrice: DBL_MAX,
    UpperLimitPrice: 3838,
    LowerLimitPrice: 3142,
    PreDelta: 0,
    CurrDelta: DBL_MAX,
    BidPrice1: 3499,
    BidVolume1: 12,
    AskPrice1: 3501,
    AskVolume1: 7,
    AveragePrice: 34_912.3,
    BandingUpperPrice: DBL_MAX,
    BandingLowerPrice: DBL_MAX,
  };
  for (const k of ['BidPrice', 'AskPrice']) for (let i = 2; i <= 5; i++) zero[`${k}${i}`] = DBL_MAX;
  for (const k of ['BidVolume', 'AskVolume']) for (let i = 2; i <= 5; i++) zero[`${k}${i}`] = 0;
  return { ...zero, ...base, ...more } as CThostFtdcDepthMarketDataField;
}

describe('exchange time stamps', () => {
  it('parses CTP dates and times and refuses malformed ones', () => {
    expect(parseCtpDay('20250113')).toBe(20250113);
    expect(parseCtpDay('2025011')).toBeUndefined();
    expect(parseCtpDay('20251301')).toBeUndefined();
    expect(parseCtpTime('21:05:03')).toBe(21 * 3600 + 5 * 60 + 3);
    expect(parseCtpTime('25:00:00')).toBeUndefined();
    expect(parseCtpTime('')).toBeUndefined();
  });

  const nightNow = shanghaiToEpoch(2025, 1, 10, 21, 30, 2);
  it.each([
    ['SHFE', 'SHFE.rb2505', String(MON), String(FRI)],
    ['DCE, whose ActionDay is the trading day at night', 'DCE.i2505', String(MON), String(MON)],
    ['CZCE, whose TradingDay is the calendar day at night', 'CZCE.TA505', String(FRI), String(FRI)],
  ])('puts a live Friday-night quote on Friday evening and on Monday\'s trading day (%s)', (_label, symbol, tradingDay, actionDay) => {
    const tick = depthToTick(depth({ TradingDay: tradingDay, ActionDay: actionDay }), symbol, symbol.split('.')[0]!, nightNow, calendar);
    if ('error' in tick) throw new Error(tick.error);
    expect(tick.time).toBe(shanghaiToEpoch(2025, 1, 10, 21, 30, 0, 500));
    expect(tick.tradingDay).toBe(MON);
  });

  it('puts a quote after midnight on Saturday\'s calendar day, still Monday\'s trading day', () => {
    const now = shanghaiToEpoch(2025, 1, 11, 0, 30, 1);
    const t = exchangeInstant({ time: '00:30:00', tradingDay: String(MON), actionDay: '20250111', exchange: 'SHFE' }, now, calendar)!;
    expect(t).toBe(shanghaiToEpoch(2025, 1, 11, 0, 30, 0));
    expect(calendar.tradingDayOf(t)).toBe(MON);
  });

  it('puts a quote stamped just before midnight and received just after on the day before', () => {
    const now = shanghaiToEpoch(2025, 1, 11, 0, 0, 1);
    const t = exchangeInstant({ time: '23:59:59', millis: 500, tradingDay: String(MON), actionDay: String(FRI), exchange: 'SHFE' }, now, calendar)!;
    expect(t).toBe(shanghaiToEpoch(2025, 1, 10, 23, 59, 59, 500));
  });

  it('dates an old snapshot (sent at login on Monday morning) from its own fields', () => {
    const monday = shanghaiToEpoch(2025, 1, 13, 8, 50, 0);
    // SHFE's last quote of Friday night, at 02:30 on Saturday morning: ActionDay is the calendar day.
    const shfe = exchangeInstant({ time: '02:30:00', tradingDay: String(MON), actionDay: '20250111', exchange: 'SHFE' }, monday, calendar)!;
    expect(shfe).toBe(shanghaiToEpoch(2025, 1, 11, 2, 30, 0));
    // DCE's, at 23:00 on Friday: its ActionDay says Monday, so the evening before the trading day is taken.
    const dce = exchangeInstant({ time: '23:00:00', tradingDay: String(MON), actionDay: String(MON), exchange: 'DCE' }, monday, calendar)!;
    expect(dce).toBe(shanghaiToEpoch(2025, 1, 10, 23, 0, 0));
    expect(calendar.tradingDayOf(dce)).toBe(MON);
  });
});

describe('depth quotes as ticks', () => {
  const now = shanghaiToEpoch(2025, 1, 10, 21, 30, 2);

  it('clears DBL_MAX and keeps the real figures', () => {
    const tick = depthToTick(depth({ AskPrice1: DBL_MAX, AskVolume1: 0 }), 'SHFE.rb2505', 'SHFE', now, calendar);
    if ('error' in tick) throw new Error(tick.error);
    expect(tick).toMatchObject({
      symbol: 'SHFE.rb2505',
      last: 3500,
      bid: 3499,
      bidVolume: 12,
      ask: 0,
      askVolume: 0,
      volume: 12345,
      turnover: 431_000_000,
      openInterest: 1_001_000,
      open: 3492,
      high: 3510,
      low: 3480,
      preSettlement: 3490,
      preClose: 3495,
      limitUp: 3838,
      limitDown: 3142,
    });
    expect(tick.bids).toBeUndefined();
    expect(Object.values(tick).every((v) => typeof v !== 'number' || v < 1e300)).toBe(true);
  });

  it('keeps five levels of depth where the front sends them', () => {
    const tick = depthToTick(
      depth({ BidPrice2: 3498, BidVolume2: 5, AskPrice2: 3502, AskVolume2: 6, BidPrice3: 3497, BidVolume3: 1, AskPrice3: 3503, AskVolume3: 2 }),
      'SHFE.rb2505',
      'SHFE',
      now,
      calendar,
    );
    if ('error' in tick) throw new Error(tick.error);
    expect(tick.bids).toEqual([3498, 3497]);
    expect(tick.asks).toEqual([3502, 3503]);
    expect(tick.bidVolumes).toEqual([5, 1]);
    expect(tick.askVolumes).toEqual([6, 2]);
  });

  it('refuses a quote without a usable time with a message naming it', () => {
    const bad = depthToTick(depth({ UpdateTime: '9:3', TradingDay: 'x', ActionDay: '' }), 'SHFE.rb2505', 'SHFE', now, calendar);
    expect(bad).toEqual({ error: 'SHFE.rb2505: quote without a usable time (UpdateTime "9:3", TradingDay "x", ActionDay "")' });
  });
});
