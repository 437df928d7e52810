import type { AlertChannelStats } from '../../shared/ipc/alerts';
import type { Lang } from '../../shared/ipc/settings';
import type { AlertEvent } from './alert-event';
import { deliver, type FetchLike } from './deliver';
import { alertBytes, type AlertBatch } from './messages';
import type { VendorAdapter, VendorAnswer, WebhookTarget } from './vendors';

/** Alerts waiting beyond this many are dropped, oldest first, and the next message says how many. */
export const MAX_QUEUE = 200;
/** The most alerts merged into one message: past that a phone screen is no longer read. */
export const MAX_BATCH = 30;
/** Waits before the retries of a message that met a network error, a 5xx or a 429. */
export const RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000];
/** After a message failed every retry, the channel rests this long; what comes meanwhile is merged. */
export const DOWN_PAUSE_MS = 30_000;
const WINDOW_MS = 60_000;

export interface OutboxDeps {
  readonly vendor: VendorAdapter;
  /** The channel's URL and secret now (they may change while alerts wait); undefined: it cannot send. */
  target(): WebhookTarget | undefined;
  lang(): Lang;
  readonly fetch: FetchLike;
  /** Wall-clock time for the rate window and the signatures. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** A message given up on: for the engine's log (the text holds no URL or token). */
  readonly onFailure: (message: string, alerts: number) => void;
}

/**
 * One channel's queue. The engine only pushes; sending runs on its own, one message at a time, within the vendor's
 * rate limit (a sliding 60-second window). Alerts that come while it waits are merged into the next message; past
 * MAX_QUEUE the oldest are dropped and counted. Network errors, 5xx and 429 are retried with back-off; a vendor's
 * refusal (an error code in a 200 answer) is not, except its "too fast" code, which holds the channel back.
 */
export class Outbox {
  private queue = new Fifo<AlertEvent>();
  private droppedPending = 0;
  private readonly sentAt: number[] = [];
  /** Until when the vendor throttles this robot (its "too fast" answer). */
  private throttledUntil = 0;
  /** Until when a channel that failed every retry rests. */
  private restUntil = 0;
  private pumping: Promise<void> | undefined;
  private closed = false;
  private stats = { sent: 0, failed: 0, dropped: 0, lastSentAt: undefined as number | undefined, lastError: undefined as string | undefined };

  constructor(private readonly deps: OutboxDeps) {}

  push(e: AlertEvent): void {
    if (this.closed) return;
    this.queue.push(e);
    this.trim();
    this.pumping ??= this.pump().finally(() => {
      this.pumping = undefined;
    });
  }

  /** Resolves once nothing is queued or being sent. */
  async idle(): Promise<void> {
    while (this.pumping !== undefined) await this.pumping;
  }

  snapshot(): AlertChannelStats {
    const s = this.stats;
    return {
      sent: s.sent,
      failed: s.failed,
      dropped: s.dropped,
      queued: this.queue.length,
      ...(s.lastSentAt !== undefined ? { lastSentAt: s.lastSentAt } : {}),
      ...(s.lastError !== undefined ? { lastError: s.lastError } : {}),
    };
  }

  close(): void {
    this.closed = true;
    this.queue = new Fifo();
  }

  /**
   * Sends one message at once, outside the queue (the settings screen's test button), in one attempt so the answer
   * comes quickly. It counts against the rate limit like any other message.
   */
  async sendNow(e: AlertEvent): Promise<VendorAnswer> {
    const now = this.deps.now();
    this.prune(now);
    // A channel resting after failures may still be tested: that is how a trader finds out it works again.
    const wait = this.slotWait(now, false);
    if (wait > this.deps.vendor.limit.minGapMs) {
      const seconds = Math.ceil(wait / 1000);
      return { ok: false, retry: 'no', message: `发送过于频繁，请 ${seconds} 秒后再试 (rate limit: try again in ${seconds} s)` };
    }
    if (wait > 0) await this.deps.sleep(wait);
    const answer = await this.attempt({ events: [e], dropped: 0 });
    this.record(answer, 1);
    if (answer.ok) this.restUntil = 0;
    return answer;
  }

  private async pump(): Promise<void> {
    // Yield first: alerts emitted in the same turn (the two legs of a split close) go out in one message.
    await null;
    while (this.queue.length > 0 && !this.closed) {
      const batch = this.takeBatch();
      const answer = await this.sendWithRetries(batch);
      if (this.closed) return;
      if (!answer.ok && answer.retry === 'cooldown') {
        // The vendor throttles this robot: keep the alerts and wait it out instead of prolonging it.
        this.queue.putBack(batch.events);
        this.droppedPending += batch.dropped;
        this.trim();
        this.throttledUntil = this.deps.now() + this.deps.vendor.limit.cooldownMs;
        this.stats.lastError = answer.message;
        this.deps.onFailure(`${answer.message}；暂停 ${Math.round(this.deps.vendor.limit.cooldownMs / 1000)} 秒后再发`, batch.events.length);
        continue;
      }
      this.record(answer, batch.events.length);
      if (!answer.ok) {
        this.deps.onFailure(answer.message, batch.events.length);
        if (answer.retry === 'backoff') this.restUntil = this.deps.now() + DOWN_PAUSE_MS;
      }
    }
  }

  private record(answer: VendorAnswer, alerts: number): void {
    if (answer.ok) {
      this.stats.sent += alerts;
      this.stats.lastSentAt = this.deps.now();
    } else {
      this.stats.failed += alerts;
      this.stats.lastError = answer.message;
    }
  }

  private async sendWithRetries(batch: AlertBatch): Promise<VendorAnswer> {
    for (let attempt = 0; ; attempt++) {
      await this.waitForSlot();
      if (this.closed) return { ok: false, retry: 'no', message: 'closed' };
      const answer = await this.attempt(batch);
      if (answer.ok || answer.retry !== 'backoff') return answer;
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined) return { ...answer, message: `${answer.message}（已重试 ${attempt} 次 / after ${attempt} retries）` };
      await this.deps.sleep(delay);
    }
  }

  private async attempt(batch: AlertBatch): Promise<VendorAnswer> {
    const target = this.deps.target();
    if (target === undefined) return { ok: false, retry: 'no', message: '通道地址无法读取，请重新填写 (the channel URL cannot be read: enter it again)' };
    const now = this.deps.now();
    this.sentAt.push(now);
    const req = this.deps.vendor.build(batch, this.deps.lang(), target, now);
    return deliver(this.deps.fetch, this.deps.vendor, req, target);
  }

  private takeBatch(): AlertBatch {
    const lang = this.deps.lang();
    const events: AlertEvent[] = [];
    let bytes = 0;
    while (this.queue.length > 0 && events.length < MAX_BATCH) {
      const size = alertBytes(this.queue.first()!, lang);
      if (events.length > 0 && bytes + size > this.deps.vendor.limit.maxBytes) break;
      events.push(this.queue.shift()!);
      bytes += size;
    }
    const dropped = this.droppedPending;
    this.droppedPending = 0;
    return { events, dropped };
  }

  private trim(): void {
    const over = this.queue.length - MAX_QUEUE;
    if (over <= 0) return;
    this.queue.dropFirst(over);
    this.droppedPending += over;
    this.stats.dropped += over;
  }

  private async waitForSlot(): Promise<void> {
    while (!this.closed) {
      const now = this.deps.now();
      this.prune(now);
      const wait = this.slotWait(now, true);
      if (wait <= 0) return;
      await this.deps.sleep(wait);
    }
  }

  private prune(now: number): void {
    while (this.sentAt.length > 0 && this.sentAt[0]! <= now - WINDOW_MS) this.sentAt.shift();
  }

  /** How long until the next message may go. */
  private slotWait(now: number, resting: boolean): number {
    const limit = this.deps.vendor.limit;
    let wait = Math.max(this.throttledUntil, resting ? this.restUntil : 0) - now;
    if (this.sentAt.length >= limit.perMinute) wait = Math.max(wait, this.sentAt[0]! + WINDOW_MS - now);
    const last = this.sentAt[this.sentAt.length - 1];
    if (last !== undefined) wait = Math.max(wait, last + limit.minGapMs - now);
    return wait;
  }
}

/** A queue whose shift and drop cost O(1): a burst of alerts over the limit must not cost the engine per alert. */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(x: T): void {
    this.items.push(x);
  }

  first(): T | undefined {
    return this.items[this.head];
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const x = this.items[this.head++];
    this.compact();
    return x;
  }

  dropFirst(n: number): void {
    this.head = Math.min(this.items.length, this.head + n);
    this.compact();
  }

  /** Puts items back at the front, in their order. */
  putBack(xs: readonly T[]): void {
    this.items = [...xs, ...this.items.slice(this.head)];
    this.head = 0;
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
