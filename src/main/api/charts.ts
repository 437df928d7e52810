import type { Bar } from '../../shared/model/types';
import { ApiError } from '../../shared/ipc/define';
import type { ReplayFeed } from '../gateway/feeds/replay';
import type { MutableBatch } from './publisher';

/**
 * Bars for charts: the history up to the market's now, and the forming bar of each subscribed chart in every
 * update batch.
 */
export class ChartService {
  private readonly subscriptions = new Map<string, { symbol: string; period: string }>();

  constructor(private readonly replay: ReplayFeed) {}

  bars(symbol: string, period: string, count = 2000): Bar[] {
    if (period !== '1m') throw new ApiError('UNSUPPORTED_PERIOD', `period ${period} is not available yet for ${symbol}`);
    const h = this.replay.history(symbol);
    if (h === undefined) throw new ApiError('NO_DATA', `no bars for ${symbol}`);
    const out: Bar[] = [];
    const b = h.bars;
    for (let i = Math.max(0, h.end - count); i < h.end; i++) {
      out.push({
        symbol,
        period: '1m',
        time: b.time[i]!,
        tradingDay: b.tradingDay[i]!,
        open: b.open[i]!,
        high: b.high[i]!,
        low: b.low[i]!,
        close: b.close[i]!,
        volume: b.volume[i]!,
        openInterest: b.openInterest[i]!,
      });
    }
    return out;
  }

  subscribe(symbol: string, period: string): void {
    if (period !== '1m') throw new ApiError('UNSUPPORTED_PERIOD', `period ${period} is not available yet for ${symbol}`);
    this.subscriptions.set(`${symbol}|${period}`, { symbol, period });
  }

  contribute(batch: MutableBatch): void {
    const bars: Bar[] = [];
    for (const { symbol } of this.subscriptions.values()) {
      const f = this.replay.forming(symbol);
      if (f !== undefined) bars.push(f);
    }
    if (bars.length) batch.bars = bars;
  }
}
