import type { Tick } from '../../shared/model/types';
import { ceilToTick, floorToTick } from '../../shared/model/price';
import type { Contract } from '../../shared/model/types';

/** What the engine knows of one contract's market right now. */
export class Quote {
  last = Number.NaN;
  bid = Number.NaN;
  ask = Number.NaN;
  tick: Tick | undefined = undefined;
  /** The previous trading day's settlement, and the day's price limits derived from it (or given by the feed). */
  preSettlement = Number.NaN;
  limitUp = Number.NaN;
  limitDown = Number.NaN;
  /** The settlement price of the current trading day once known (else the last price is used). */
  settlement = Number.NaN;
  tradingDay = 0;

  constructor(readonly contract: Contract) {}

  /** Sets the previous settlement and derives the day's limit prices from the product's limit ratio. */
  setPreSettlement(price: number): void {
    if (!(price > 0)) return;
    this.preSettlement = price;
    const tick = this.contract.priceTick;
    this.limitUp = floorToTick(price * (1 + this.contract.limitRatio), tick);
    this.limitDown = ceilToTick(price * (1 - this.contract.limitRatio), tick);
  }

  band(): { limitUp: number; limitDown: number } | undefined {
    return this.limitUp > 0 ? { limitUp: this.limitUp, limitDown: this.limitDown } : undefined;
  }
}

export class MarketBook {
  private readonly quotes = new Map<string, Quote>();

  get(symbol: string): Quote | undefined {
    return this.quotes.get(symbol);
  }

  ensure(contract: Contract): Quote {
    let q = this.quotes.get(contract.symbol);
    if (q === undefined) this.quotes.set(contract.symbol, (q = new Quote(contract)));
    return q;
  }

  all(): IterableIterator<Quote> {
    return this.quotes.values();
  }
}
