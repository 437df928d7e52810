/**
 * Whether line a crossed above line b between the previous bar and this one: a was at or below b, and is now above.
 * False while either value is still NaN (an indicator warming up), so a warm-up never reads as a cross.
 */
export function crossedAbove(prevA: number, prevB: number, a: number, b: number): boolean {
  return prevA <= prevB && a > b;
}

/** Whether line a crossed below line b: it was at or above b, and is now below. */
export function crossedBelow(prevA: number, prevB: number, a: number, b: number): boolean {
  return prevA >= prevB && a < b;
}
