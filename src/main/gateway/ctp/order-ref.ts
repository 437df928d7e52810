/**
 * OrderRef numbers. CTP needs them to grow within a session (a repeat is error 22); this allocator also never repeats
 * one across the sessions of a day, even after a restart of the app, by starting from the clock: epoch seconds times
 * 100 (twelve digits, the width of TThostFtdcOrderRefType) leaves room for 100 orders a second before the count runs
 * ahead of the clock, and it only ever grows.
 */
export class OrderRefAllocator {
  private last = 0;

  constructor(private readonly seed: () => number = () => Math.floor(Date.now() / 1000) * 100) {}

  /** A new session: continue above the front's MaxOrderRef, the clock and every ref given before. */
  startSession(maxOrderRef: string): void {
    const front = Number.parseInt(maxOrderRef.trim(), 10);
    this.last = Math.max(this.last, Number.isFinite(front) ? front : 0, this.seed());
  }

  next(): string {
    this.last += 1;
    return String(this.last);
  }

  get current(): number {
    return this.last;
  }
}
