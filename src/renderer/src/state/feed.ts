import type { UpdateBatch } from '../../../shared/ipc/contract';
import type { Order } from '../../../shared/model';
import type { TerminalClient } from '../client/client';
import { applyBatch, applySnapshot, applyStrategies } from './apply';
import type { Stores } from './stores';

export interface FeedHooks {
  onRejected?(order: Order): void;
  /** A snapshot request failed (it is retried). */
  onSyncError?(e: unknown): void;
}

/**
 * Feeds the stores: a snapshot first, then update batches. Batches that arrive while the snapshot is on its way are
 * buffered and applied after it, guarded so that none rolls the newer snapshot back. On every reconnect the state is
 * synced again from a fresh snapshot: what happened while the link was down is in it.
 */
export class Feed {
  private buffer: UpdateBatch[] | undefined = [];
  private syncing = false;
  private disposed = false;
  private readonly unsubscribe: (() => void)[] = [];
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: TerminalClient,
    private readonly stores: Stores,
    private readonly hooks: FeedHooks = {},
  ) {}

  start(): void {
    this.unsubscribe.push(
      this.client.onUpdate((b) => this.onBatch(b)),
      this.client.onConnection((s) => {
        if (s.status === 'open') void this.sync();
        else if (this.buffer === undefined) {
          // Down: what arrives after the reconnect waits for the new snapshot.
          this.buffer = [];
          this.stores.session.setState({ ready: false });
        }
      }),
    );
  }

  stop(): void {
    this.disposed = true;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    for (const u of this.unsubscribe) u();
  }

  private onBatch(b: UpdateBatch): void {
    if (b.accountId !== undefined && b.accountId !== this.stores.account.getState().accountId && this.buffer === undefined) {
      // Another account became the active one (accounts.activate): its orders, positions and funds come in a snapshot.
      this.buffer = [];
      void this.sync();
      return;
    }
    if (this.buffer !== undefined) {
      this.buffer.push(b);
      // A snapshot that never comes must not grow the buffer without end: keep the latest second or so.
      if (this.buffer.length > 50) this.buffer.shift();
      return;
    }
    applyBatch(this.stores, b, this.hooks.onRejected ? { onRejected: this.hooks.onRejected } : {});
  }

  async sync(): Promise<void> {
    if (this.syncing || this.disposed) return;
    this.syncing = true;
    this.buffer ??= [];
    try {
      const snap = await this.client.call('snapshot.get', {});
      if (this.disposed) return;
      applySnapshot(this.stores, snap);
      performance.mark('qihuo:snapshot');
      const buffered = this.buffer ?? [];
      this.buffer = undefined;
      for (const b of buffered) applyBatch(this.stores, b, { olderThan: snap.clock });
      // Strategy instances are not in the snapshot: the whole list once, then the changed ones in the batches.
      this.client.call('strategy.instances', {}).then(
        (list) => applyStrategies(this.stores, list, true),
        (e: unknown) => this.hooks.onSyncError?.(e),
      );
    } catch (e) {
      this.hooks.onSyncError?.(e);
      if (this.client.connection.status === 'open') this.retryTimer = setTimeout(() => void this.sync(), 1000);
    } finally {
      this.syncing = false;
    }
  }
}
