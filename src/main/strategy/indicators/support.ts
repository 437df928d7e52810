/** What the bar-based indicators read from a bar: a Bar from the engine fits, and so does any { high, low, close }. */
export interface HighLowClose {
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

export interface CloseVolume {
  readonly close: number;
  readonly volume: number;
}

/** A period or length must be a whole number of bars of at least `min`: said in the strategy's own terms. */
export function checkPeriod(indicator: string, name: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${indicator}: ${name} must be a whole number of bars, at least ${min} (got ${String(value)})`);
  }
  return value;
}

export function checkPositive(indicator: string, name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${indicator}: ${name} must be a positive number (got ${String(value)})`);
  return value;
}

/**
 * A value fed to an indicator must be a number: a NaN would otherwise poison every later value silently, which is
 * worse for a trader than an error that names the indicator. Updates test `x - x !== 0` themselves (true for NaN
 * and for the infinities, one subtraction on the hot path) and call this only to throw.
 */
export function badInput(indicator: string, value: number): never {
  throw new RangeError(`${indicator}.update: the value must be a finite number (got ${String(value)})`);
}

/** How an exponential average gets its first value. */
export type EmaSeed = 'sma' | 'first';
