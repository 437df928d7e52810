import { FINISHED_STOPS_SHOWN, triggersAbove } from '../../shared/model/stop-orders';
import type { Bar, StopOrder } from '../../shared/model/types';
import { LiveIndex } from './live-index';

export interface Triggered {
  readonly stop: StopOrder;
  /** The price at which it triggered: the trigger price, or the bar's open if the market gapped through it. */
  readonly price: number;
}

/**
 * Stop and stop-limit orders held by the engine (exchanges do not hold them): a buy stop triggers when the price
 * reaches its trigger price from below, a sell stop from above (a take-profit the other way, `trigger`); a parked
 * order (预埋单) when its contract's session opens. On triggering, the engine sends the real order.
 */
export class StopOrderBook {
  /** The waiting stops by id: a handful at a time, found by a scan (LiveIndex), each placed and ended without a Map. */
  private readonly live = new LiveIndex<StopOrder>();
  private readonly bySymbol = new Map<string, StopOrder[]>();
  /**
   * The stops waiting and the latest FINISHED_STOPS_SHOWN finished ones (what a screen shows), by id. Older finished
   * stops are let go: a strategy that trails its stop replaces it every bar, and keeping a million of them made each
   * new one cost more than the rest of the bar (bench: a trailing-stop strategy's backtest ran 40% faster without).
   */
  readonly stops: { get(id: string): StopOrder | undefined; values(): StopOrder[] } = {
    get: (id) => this.live.get(id) ?? this.finished.find((s) => s?.id === id),
    values: () => {
      const out: StopOrder[] = [];
      for (let k = 0; k < FINISHED_STOPS_SHOWN; k++) {
        const s = this.finished[(this.next + k) % FINISHED_STOPS_SHOWN];
        if (s !== undefined) out.push(s);
      }
      out.push(...this.waiting());
      // In the order they were placed: their ids are numbered.
      return out.sort((a, b) => seqOf(a.id) - seqOf(b.id));
    },
  };
  /** The latest finished stops, a ring: `next` is where the next one goes, over the oldest. */
  private readonly finished: (StopOrder | undefined)[] = new Array<StopOrder | undefined>(FINISHED_STOPS_SHOWN).fill(undefined);
  private next = 0;
  private seq = 0;
  /** Stops waiting, over all contracts: every bar and tick asks, and there are usually none. */
  private waitingCount = 0;

  constructor(private readonly idPrefix = 'S') {}

  nextId(): string {
    return this.idPrefix + String(++this.seq);
  }
  setSequence(seq: number): void {
    if (seq > this.seq) this.seq = seq;
  }

  add(stop: StopOrder): void {
    if (stop.status !== 'waiting') return this.retire(stop);
    this.live.add(stop);
    this.waitingCount++;
    let list = this.bySymbol.get(stop.symbol);
    if (list === undefined) this.bySymbol.set(stop.symbol, (list = []));
    list.push(stop);
  }

  cancel(id: string): StopOrder | undefined {
    const stop = this.live.get(id);
    if (stop === undefined || stop.status !== 'waiting') return undefined;
    stop.status = 'cancelled';
    this.unlist(stop);
    this.retire(stop);
    return stop;
  }

  waiting(symbol?: string): StopOrder[] {
    if (symbol !== undefined) return [...(this.bySymbol.get(symbol) ?? [])];
    const out: StopOrder[] = [];
    for (const l of this.bySymbol.values()) out.push(...l);
    return out;
  }

  hasWaiting(symbol: string): boolean {
    if (this.waitingCount === 0) return false;
    const l = this.bySymbol.get(symbol);
    return l !== undefined && l.length > 0;
  }

  /** Stops triggered by a traded price at `time` (a parked order by the time alone); they leave the book 'triggered'. */
  onPrice(symbol: string, price: number, time: number): Triggered[] {
    const list = this.bySymbol.get(symbol);
    if (list === undefined || list.length === 0) return NONE;
    let out: Triggered[] | undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const s = list[i]!;
      const fires = s.openAt !== undefined ? time >= s.openAt : triggersAbove(s) ? price >= s.triggerPrice : price <= s.triggerPrice;
      if (fires) {
        (out ??= []).push({ stop: s, price });
        s.status = 'triggered';
        list.splice(i, 1);
        this.waitingCount--;
        this.retire(s);
      }
    }
    return out === undefined ? NONE : out.reverse();
  }

  /** Stops triggered inside a bar: at the open if it gapped through, else at the trigger price. */
  onBar(bar: Bar): Triggered[] {
    const list = this.bySymbol.get(bar.symbol);
    if (list === undefined || list.length === 0) return NONE;
    let out: Triggered[] | undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const s = list[i]!;
      let price: number | undefined;
      if (s.openAt !== undefined) {
        if (bar.time >= s.openAt) price = bar.open;
      } else if (triggersAbove(s)) {
        if (bar.open >= s.triggerPrice) price = bar.open;
        else if (bar.high >= s.triggerPrice) price = s.triggerPrice;
      } else if (bar.open <= s.triggerPrice) price = bar.open;
      else if (bar.low <= s.triggerPrice) price = s.triggerPrice;
      if (price !== undefined) {
        (out ??= []).push({ stop: s, price });
        s.status = 'triggered';
        list.splice(i, 1);
        this.waitingCount--;
        this.retire(s);
      }
    }
    return out === undefined ? NONE : out.reverse();
  }

  /** The waiting stops of a 止盈止损 pair (or of every pair closing `symbol`'s lots on `side`, without a group). */
  bracketed(symbol: string, match: { readonly bracket?: string; readonly side?: StopOrder['side'] }): StopOrder[] {
    const list = this.bySymbol.get(symbol);
    if (list === undefined) return [];
    return list.filter((s) => s.bracket !== undefined && (match.bracket === undefined || s.bracket === match.bracket) && (match.side === undefined || s.side === match.side));
  }

  /** A stop that has finished: kept among the latest shown, the oldest beyond them let go. */
  private retire(stop: StopOrder): void {
    this.live.remove(stop);
    this.finished[this.next] = stop;
    this.next = this.next + 1 === FINISHED_STOPS_SHOWN ? 0 : this.next + 1;
  }

  private unlist(stop: StopOrder): void {
    const list = this.bySymbol.get(stop.symbol);
    if (list === undefined) return;
    const i = list.indexOf(stop);
    if (i >= 0) {
      list.splice(i, 1);
      this.waitingCount--;
    }
  }
}

const NONE: Triggered[] = [];

const seqOf = (id: string): number => Number(id.replace(/^\D+/, '')) || 0;
