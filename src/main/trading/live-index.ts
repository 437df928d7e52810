/** Past this many live entries a Map is kept beside the list (a scan of a few finds one faster than a Map). */
export const SCAN_LIMIT = 32;

/**
 * Entries by id that are live for a short while and then end: what a backtest's working orders hold back and its
 * waiting stops, by the hundred thousand a run (the order manager keeps a backtest's working orders the same way, in
 * its lists by contract, which it has anyway). Only a handful are live at any time, and adding a new string key to a
 * Map and deleting it again costs more than the rest of an order's bookkeeping, so the live entries are kept in a
 * list, newest last, and found by a scan; once more than SCAN_LIMIT are live, a Map by id is kept as well, until none
 * is live again. An entry that ends before a newer one leaves an empty slot rather than moving the newer ones down
 * (each move of a new entry in a long-lived list costs the garbage collector's write barrier); the slots go once the
 * entries after them have ended, or when they outnumber the live entries.
 */
export class LiveIndex<T extends { readonly id: string }> {
  private readonly live: (T | undefined)[] = [];
  private count = 0;
  private byId: Map<string, T> | undefined;

  get size(): number {
    return this.count;
  }

  add(entry: T): void {
    this.live.push(entry);
    this.count++;
    if (this.byId !== undefined) this.byId.set(entry.id, entry);
    else if (this.count > SCAN_LIMIT) this.byId = new Map(this.entries().map((e) => [e.id, e]));
  }

  get(id: string): T | undefined {
    if (this.byId !== undefined) return this.byId.get(id);
    const live = this.live;
    // Newest first: the gateway answers about the orders just sent.
    for (let i = live.length - 1; i >= 0; i--) {
      const e = live[i];
      if (e !== undefined && e.id === id) return e;
    }
    return undefined;
  }

  /** Takes an entry out (it has ended); does nothing for one not in the index. */
  remove(entry: T): void {
    const live = this.live;
    let i = live.length - 1;
    while (i >= 0 && live[i] !== entry) i--;
    if (i < 0) return;
    this.count--;
    if (i === live.length - 1) {
      live.pop();
      while (live.length > 0 && live[live.length - 1] === undefined) live.pop();
    } else {
      live[i] = undefined;
      if (live.length > 2 * this.count + 8) this.compact();
    }
    if (this.byId === undefined) return;
    if (this.count === 0) this.byId = undefined;
    else this.byId.delete(entry.id);
  }

  clear(): void {
    this.live.length = 0;
    this.count = 0;
    this.byId = undefined;
  }

  /** The live entries, oldest first. */
  entries(): T[] {
    const out: T[] = [];
    for (const e of this.live) if (e !== undefined) out.push(e);
    return out;
  }

  private compact(): void {
    const kept = this.entries();
    this.live.length = 0;
    for (const e of kept) this.live.push(e);
  }
}
