import type { CThostFtdcRspInfoField } from './ctp-api.gen';
import { ctpErrorText, requestCodeText } from './messages';

/** Errors of a query that waiting and asking again can cure: 90 查询未就绪 (the front's own rate limit). */
const RETRYABLE_ERRORS = new Set([90]);

export class CtpQueryError extends Error {
  constructor(
    message: string,
    readonly errorId: number,
  ) {
    super(message);
    this.name = 'CtpQueryError';
  }
}

interface Task {
  readonly name: string;
  readonly send: (requestId: number) => number;
  readonly resolve: (rows: unknown[]) => void;
  readonly reject: (e: Error) => void;
  rows: unknown[];
  attempts: number;
}

export interface QueryQueueOptions {
  /** Request ids are shared with the gateway's other requests. */
  readonly nextRequestId: () => number;
  readonly onRetry?: (name: string, why: string, delayMs: number) => void;
  /** A query unanswered this long is sent again. */
  readonly timeoutMs?: number;
  readonly maxAttempts?: number;
}

/**
 * CTP's queries, one at a time and paced: the API refuses a second query while one is in flight (-2) and more than
 * the front's QryFreq a second (-3), and the front answers 90 when its own limit is hit. Every query waits for the
 * previous one's last row and for the pacing interval; a refusal or a 90 is retried after a longer wait. While the
 * session is down the queue holds still; a query that was in flight is sent again once it is back.
 */
export class QueryQueue {
  private readonly high: Task[] = [];
  private readonly low: Task[] = [];
  private inFlight: { task: Task; requestId: number } | undefined;
  private running = false;
  private intervalMs = 1000;
  private lastSent = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;

  constructor(private readonly opts: QueryQueueOptions) {
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.maxAttempts = opts.maxAttempts ?? 5;
  }

  /** The pacing the front allows: QryFreq queries a second (GetFrontInfo after login). */
  setRate(perSecond: number): void {
    this.intervalMs = perSecond > 0 ? Math.ceil(1000 / perSecond) + 5 : 1000;
  }

  get interval(): number {
    return this.intervalMs;
  }

  get pending(): number {
    return this.high.length + this.low.length + (this.inFlight ? 1 : 0);
  }

  /** Resolves with every row (data of the callbacks with a non-null struct) once the last one arrives. */
  enqueue<T>(name: string, send: (requestId: number) => number, priority: 'high' | 'low' = 'high'): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      const task: Task = { name, send, resolve: resolve as (rows: unknown[]) => void, reject, rows: [], attempts: 0 };
      (priority === 'high' ? this.high : this.low).push(task);
      this.schedule(0);
    });
  }

  /** The session is up: start sending. */
  resume(): void {
    this.running = true;
    this.schedule(0);
  }

  /** The session is down: hold everything; a query in flight goes back to the front of the queue. */
  pause(): void {
    this.running = false;
    this.clearTimer();
    if (this.inFlight) {
      this.high.unshift(this.inFlight.task);
      this.inFlight.task.rows = [];
      this.inFlight = undefined;
    }
  }

  /** Fails everything (the gateway is closing). */
  close(reason: string): void {
    this.pause();
    for (const t of [...this.high, ...this.low]) t.reject(new CtpQueryError(`${t.name}: ${reason}`, -1));
    this.high.length = 0;
    this.low.length = 0;
  }

  /** An OnRspQry* callback. Returns false if it does not answer the query in flight. */
  onResponse(requestId: number, data: unknown, rspInfo: CThostFtdcRspInfoField | null, isLast: boolean): boolean {
    const f = this.inFlight;
    if (!f || f.requestId !== requestId) return false;
    if (rspInfo && rspInfo.ErrorID !== 0) {
      this.fail(f.task, rspInfo);
      return true;
    }
    if (data !== null && data !== undefined) f.task.rows.push(data);
    if (isLast) {
      this.inFlight = undefined;
      this.clearTimer();
      f.task.resolve(f.task.rows);
      this.schedule(this.wait());
    }
    return true;
  }

  /** OnRspError for a request id: ours if it is the query in flight. */
  onError(requestId: number, rspInfo: CThostFtdcRspInfoField | null): boolean {
    const f = this.inFlight;
    if (!f || f.requestId !== requestId) return false;
    this.fail(f.task, rspInfo ?? { ErrorID: -1, ErrorMsg: '' });
    return true;
  }

  private fail(task: Task, rspInfo: CThostFtdcRspInfoField): void {
    this.inFlight = undefined;
    this.clearTimer();
    if (RETRYABLE_ERRORS.has(rspInfo.ErrorID) && task.attempts < this.maxAttempts) {
      task.rows = [];
      this.high.unshift(task);
      const delay = this.intervalMs * 2 ** task.attempts;
      this.opts.onRetry?.(task.name, ctpErrorText(rspInfo.ErrorID, rspInfo.ErrorMsg), delay);
      this.schedule(delay);
      return;
    }
    task.reject(new CtpQueryError(`${task.name}: ${ctpErrorText(rspInfo.ErrorID, rspInfo.ErrorMsg)}`, rspInfo.ErrorID));
    this.schedule(this.wait());
  }

  private wait(): number {
    return Math.max(0, this.lastSent + this.intervalMs - Date.now());
  }

  private schedule(delayMs: number): void {
    if (!this.running || this.inFlight) return;
    this.clearTimer();
    this.timer = setTimeout(() => this.sendNext(), Math.max(delayMs, this.wait()));
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private sendNext(): void {
    this.timer = undefined;
    if (!this.running || this.inFlight) return;
    const task = this.high.shift() ?? this.low.shift();
    if (!task) return;
    const requestId = this.opts.nextRequestId();
    task.attempts++;
    const rc = task.send(requestId);
    this.lastSent = Date.now();
    if (rc === 0) {
      this.inFlight = { task, requestId };
      this.timer = setTimeout(() => this.timedOut(requestId), this.timeoutMs);
      return;
    }
    this.high.unshift(task);
    if (rc === -1) {
      // Not connected: the session's resume() sends it again.
      this.opts.onRetry?.(task.name, requestCodeText(rc), 0);
      this.running = false;
      return;
    }
    // -2 or -3: the API's own flow control; wait longer each time.
    const delay = this.intervalMs * Math.min(8, 2 ** Math.min(task.attempts - 1, 3));
    this.opts.onRetry?.(task.name, requestCodeText(rc), delay);
    this.schedule(delay);
  }

  private timedOut(requestId: number): void {
    const f = this.inFlight;
    if (!f || f.requestId !== requestId) return;
    this.inFlight = undefined;
    if (f.task.attempts >= this.maxAttempts) {
      f.task.reject(new CtpQueryError(`${f.task.name}: no answer after ${f.task.attempts} attempts`, -1));
    } else {
      f.task.rows = [];
      this.high.unshift(f.task);
      this.opts.onRetry?.(f.task.name, 'timeout', this.intervalMs);
    }
    this.schedule(this.intervalMs);
  }
}
