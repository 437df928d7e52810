/**
 * Prices are float64; a valid price is a whole number of ticks. Comparisons allow for binary rounding
 * (0.2 * 3 is not 0.6), never for a real fraction of a tick.
 */
const TICK_EPSILON = 1e-6;

export function isOnTick(price: number, tick: number): boolean {
  const n = price / tick;
  return Math.abs(n - Math.round(n)) < TICK_EPSILON;
}

export function roundToTick(price: number, tick: number): number {
  return fixFloat(Math.round(price / tick) * tick, tick);
}

export function floorToTick(price: number, tick: number): number {
  return fixFloat(Math.floor(price / tick + TICK_EPSILON) * tick, tick);
}

export function ceilToTick(price: number, tick: number): number {
  return fixFloat(Math.ceil(price / tick - TICK_EPSILON) * tick, tick);
}

/** Removes binary noise (3 * 0.2 = 0.6000000000000001) by rounding to the tick's decimals. */
function fixFloat(price: number, tick: number): number {
  const decimals = decimalsOf(tick);
  return decimals === 0 ? Math.round(price) : Number(price.toFixed(decimals));
}

export function decimalsOf(tick: number): number {
  if (Number.isInteger(tick)) return 0;
  const s = String(tick);
  const e = s.indexOf('e-');
  if (e >= 0) return Number(s.slice(e + 2));
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

export function formatPrice(price: number, tick: number): string {
  if (!Number.isFinite(price)) return '';
  return price.toFixed(decimalsOf(tick));
}
