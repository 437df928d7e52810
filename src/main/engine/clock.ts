/** The engine's notion of now: the wall clock live, the data's time in backtests and replays. */
export interface Clock {
  now(): number;
}

export const wallClock: Clock = { now: () => Date.now() };

/** A clock set by whoever drives the data (backtest driver, replay feed). */
export class ManualClock implements Clock {
  constructor(private time = 0) {}
  now(): number {
    return this.time;
  }
  set(time: number): void {
    this.time = time;
  }
}
