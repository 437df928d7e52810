import type { OrderType, RequestOffset, Side } from '../../../shared/model/enums';
import { isOnTick, roundToTick } from '../../../shared/model/price';
import type { Contract, Tick } from '../../../shared/model/types';
import type { MessageKey } from '../i18n/messages';

/** How the ticket prices an order, as 快期 offers it. */
export const PRICE_KINDS = ['limit', 'opponent', 'queue', 'last', 'market', 'over'] as const;
export type PriceKind = (typeof PRICE_KINDS)[number];
export const TIFS = ['gfd', 'fak', 'fok'] as const;
export type Tif = (typeof TIFS)[number];

export interface TicketInput {
  /** The canonical id when the ticket knows the contract, else what the trader typed. */
  readonly symbol: string;
  readonly side: Side;
  readonly offset: RequestOffset;
  readonly priceKind: PriceKind;
  /** As typed: the ticket never rounds what the trader wrote (the engine says why a price is refused). */
  readonly limitPrice: string;
  readonly overTicks: string;
  readonly tif: Tif;
  readonly volume: string;
}

export interface OrderParams {
  readonly symbol: string;
  readonly side: Side;
  readonly offset: RequestOffset;
  readonly type: OrderType;
  readonly price: number;
  readonly volume: number;
}

export type Resolved = { readonly ok: true; readonly req: OrderParams } | { readonly ok: false; readonly error: MessageKey; readonly params?: Record<string, string | number> };

const INT_RE = /^\s*[-+]?\d+\s*$/;
const NUM_RE = /^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/;

/**
 * The price a kind means right now. 对手价 takes the opposite side (a buy pays the ask), 排队价 joins its own side,
 * 超价 goes N ticks beyond the opposite price but never past the day's limit price.
 */
export function priceFor(kind: PriceKind, side: Side, tick: Tick | undefined, contract: Contract | undefined, limitPrice: string, overTicks: number): number | undefined {
  if (kind === 'limit') return NUM_RE.test(limitPrice) ? Number(limitPrice) : undefined;
  if (kind === 'market') return undefined;
  if (tick === undefined) return undefined;
  const buy = side === 'buy';
  let p: number;
  switch (kind) {
    case 'opponent':
      p = buy ? tick.ask : tick.bid;
      break;
    case 'queue':
      p = buy ? tick.bid : tick.ask;
      break;
    case 'last':
      p = tick.last;
      break;
    case 'over': {
      const base = buy ? tick.ask : tick.bid;
      const step = contract?.priceTick ?? 0;
      p = base + (buy ? 1 : -1) * overTicks * step;
      if (buy && tick.limitUp > 0) p = Math.min(p, tick.limitUp);
      if (!buy && tick.limitDown > 0) p = Math.max(p, tick.limitDown);
      if (contract !== undefined) p = roundToTick(p, contract.priceTick);
      break;
    }
  }
  return p > 0 && Number.isFinite(p) ? p : undefined;
}

/** The request the ticket sends, or the reason it cannot build one (shape only: the engine checks the rest). */
export function resolveOrder(input: TicketInput, tick: Tick | undefined, contract: Contract | undefined): Resolved {
  const symbol = input.symbol.trim();
  if (symbol === '') return { ok: false, error: 'ticket.noContract' };
  if (!INT_RE.test(input.volume)) return { ok: false, error: 'ticket.badVolume' };
  const volume = Number(input.volume);
  let over = 0;
  if (input.priceKind === 'over') {
    if (!INT_RE.test(input.overTicks) || Number(input.overTicks) < 0 || Number(input.overTicks) > 100) return { ok: false, error: 'ticket.badOver' };
    over = Number(input.overTicks);
  }
  if (input.priceKind === 'market') {
    return { ok: true, req: { symbol, side: input.side, offset: input.offset, type: 'market', price: 0, volume } };
  }
  const price = priceFor(input.priceKind, input.side, tick, contract, input.limitPrice, over);
  if (price === undefined) {
    if (input.priceKind === 'limit') return { ok: false, error: 'ticket.badPrice' };
    return { ok: false, error: 'ticket.noQuote', params: { symbol: contract?.code ?? symbol, kind: input.priceKind } };
  }
  const type: OrderType = input.tif === 'fak' ? 'fak' : input.tif === 'fok' ? 'fok' : 'limit';
  return { ok: true, req: { symbol, side: input.side, offset: input.offset, type, price, volume } };
}

export interface StopParams {
  readonly symbol: string;
  readonly side: Side;
  readonly offset: RequestOffset;
  readonly volume: number;
  readonly triggerPrice: number;
  /** Absent: a market order when it triggers (a FAK at the limit price on SHFE and INE). */
  readonly limitPrice?: number;
  /** Absent: the stop's own way (a buy when the price rises to the trigger, a sell when it falls to it). */
  readonly trigger?: 'above' | 'below';
}

export type ResolvedStop = { readonly ok: true; readonly req: StopParams } | Extract<Resolved, { ok: false }>;

/**
 * A 条件单 from the ticket: when the last price reaches `trigger` (at or above it for a buy, at or below for a sell),
 * the engine sends the ticket's order: at its 限价, or at the market. A price worked out from today's quote (对手价,
 * 排队价...) would be stale by then, so those are refused.
 */
export function resolveStop(input: TicketInput, trigger: string, tick: Tick | undefined, contract: Contract | undefined, when?: 'above' | 'below'): ResolvedStop {
  if (input.priceKind !== 'limit' && input.priceKind !== 'market') return { ok: false, error: 'ticket.stopPriceKind' };
  if (!NUM_RE.test(trigger) || !(Number(trigger) > 0)) return { ok: false, error: 'ticket.badTrigger' };
  const r = resolveOrder({ ...input, tif: 'gfd' }, tick, contract);
  if (!r.ok) return r;
  const { symbol, side, offset, volume, type, price } = r.req;
  // Sent only where it differs from the stop's own way.
  const own = side === 'buy' ? 'above' : 'below';
  return {
    ok: true,
    req: { symbol, side, offset, volume, triggerPrice: Number(trigger), ...(type === 'market' ? {} : { limitPrice: price }), ...(when !== undefined && when !== own ? { trigger: when } : {}) },
  };
}

export type ParkParams = Omit<StopParams, 'triggerPrice'>;
export type ResolvedPark = { readonly ok: true; readonly req: ParkParams } | Extract<Resolved, { ok: false }>;

/**
 * A 预埋单 from the ticket: the ticket's order, held until its contract's session opens, at its 限价 or at the market
 * (as for a 条件单, a price worked out from the last quote would be stale by then).
 */
export function resolvePark(input: TicketInput, tick: Tick | undefined, contract: Contract | undefined): ResolvedPark {
  if (input.priceKind !== 'limit' && input.priceKind !== 'market') return { ok: false, error: 'ticket.parkPriceKind' };
  const r = resolveOrder({ ...input, tif: 'gfd' }, tick, contract);
  if (!r.ok) return r;
  const { symbol, side, offset, volume, type, price } = r.req;
  return { ok: true, req: { symbol, side, offset, volume, ...(type === 'market' ? {} : { limitPrice: price }) } };
}

/** The limit price one tick up or down from what is typed (or from the last price when nothing valid is). */
export function stepPrice(text: string, dir: 1 | -1, contract: Contract | undefined, fallback: number | undefined): string {
  const step = contract?.priceTick ?? 1;
  const base = NUM_RE.test(text) ? Number(text) : fallback;
  if (base === undefined) return text;
  const aligned = isOnTick(base, step) ? base : roundToTick(base, step);
  const next = roundToTick(aligned + dir * step, step);
  return next > 0 ? String(next) : text;
}
