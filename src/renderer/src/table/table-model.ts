/**
 * The pure part of the tables: sorting and filtering row indices, and which rows a scrolled viewport shows.
 * Kept free of React and the DOM so it is tested on its own and stays fast for 100,000 rows.
 */
export type SortDir = 'asc' | 'desc';

export interface SortSpec {
  readonly key: string;
  readonly dir: SortDir;
}

export interface ColumnModel<R> {
  readonly key: string;
  readonly sortValue?: (r: R) => number | string;
  readonly filterText?: (r: R) => string;
}

/** Indices of the rows that match `query` (every word, in any column), sorted by `sort`; stable for equal keys. */
export function viewIndices<R>(rows: readonly R[], columns: readonly ColumnModel<R>[], sort: SortSpec | undefined, query: string): Int32Array {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  let idx: Int32Array;
  if (words.length === 0) {
    idx = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) idx[i] = i;
  } else {
    const texts = columns.map((c) => c.filterText ?? (c.sortValue ? (r: R) => String(c.sortValue!(r)) : undefined)).filter((f) => f !== undefined);
    const keep: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      let line = '';
      for (const f of texts) line += f(r).toLowerCase() + '\u0001';
      if (words.every((w) => line.includes(w))) keep.push(i);
    }
    idx = Int32Array.from(keep);
  }
  const col = sort === undefined ? undefined : columns.find((c) => c.key === sort.key);
  if (sort === undefined || col?.sortValue === undefined) return idx;
  const keys = new Array<number | string>(rows.length);
  for (const i of idx) keys[i] = col.sortValue(rows[i]!);
  const sign = sort.dir === 'asc' ? 1 : -1;
  const arr = Array.from(idx);
  arr.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb));
    // Equal keys keep arrival order, newest first when sorting descending (the latest order on top).
    return sign * (c !== 0 && !Number.isNaN(c) ? c : a - b);
  });
  return Int32Array.from(arr);
}

/** The rows a viewport shows, with a few beyond each edge so a fast scroll does not flash empty space. */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, total: number, overscan = 6): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(total, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

/** Where keyboard navigation moves the active row. */
export function moveActive(current: number, key: string, total: number, pageRows: number): number | undefined {
  if (total === 0) return undefined;
  const c = current < 0 ? -1 : current;
  switch (key) {
    case 'ArrowDown':
      return Math.min(total - 1, c + 1);
    case 'ArrowUp':
      return Math.max(0, c < 0 ? 0 : c - 1);
    case 'PageDown':
      return Math.min(total - 1, Math.max(0, c) + pageRows);
    case 'PageUp':
      return Math.max(0, c - pageRows);
    case 'Home':
      return 0;
    case 'End':
      return total - 1;
    default:
      return undefined;
  }
}

/**
 * Column widths laid out across the table: each at least its own width (`need`: what its title and buttons take
 * where that is more), and the last one widened to the table's edge where the columns leave room, so that a long
 * last value (a strategy's name as 来源) shows whole rather than cut off beside empty space.
 */
export function layoutWidths(widths: readonly number[], need: readonly (number | undefined)[], tableWidth: number): number[] {
  const out = widths.map((w, i) => Math.max(w, need[i] ?? 0));
  const n = out.length;
  if (n === 0) return out;
  const used = out.reduce((s, w) => s + w, 0);
  if (tableWidth > used) out[n - 1]! += Math.floor(tableWidth - used);
  return out;
}
