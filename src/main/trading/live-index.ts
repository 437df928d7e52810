import { removeItem } from './lists';

/** Past this many live entries a Map is kept beside the list (a scan of a few finds one faster than a Map). */
export const SCAN_LIMIT = 32;

/**
 * Entries by id that are live for a short while and then end: the working orders of a backtest and what they hold
 * back, by the hundred thousand a run. Only a handful are live at any time, and adding a new string key to a Map and
 * deleting it again costs more than the rest of an order's bookkeeping, so the live entries are kept in a list,
 * newest last, and found by a scan; once more than SCAN_LIMIT are live, a Map by id is kept as well, until none is
 * live again.
 */
export class LiveIndex<T extends { readonly id: string }> {
  private readonly live: T[] = [];
  private byId: Map<string, T> | undefined;

  get size(): number {
    return this.live.length;
  }

  add(entry: T): void {
    this.live.push(entry);
    if (this.byId !== undefined) this.byId.set(entry.id, entry);
    else if (this.live.length > SCAN_LIMIT) this.byId = new Map(this.live.map((e) => [e.id, e]));
  }

  get(id: string): T | undefined {
    if (this.byId !== undefined) return this.byId.get(id);
    const live = this.live;
    // Newest first: the gateway answers about the orders just sent.
    for (let i = live.length - 1; i >= 0; i--) if (live[i]!.id === id) return live[i];
    return undefined;
  }

  /** Takes an entry out (it has ended); does nothing for one not in the index. */
  remove(entry: T): void {
    if (!removeItem(this.live, entry)) return;
    if (this.byId === undefined) return;
    if (this.live.length === 0) this.byId = undefined;
    else this.byId.delete(entry.id);
  }

  clear(): void {
    this.live.length = 0;
    this.byId = undefined;
  }
}
