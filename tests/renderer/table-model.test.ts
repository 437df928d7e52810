import { describe, expect, it } from 'vitest';
import { layoutWidths, moveActive, viewIndices, visibleRange, type ColumnModel } from '../../src/renderer/src/table/table-model';

interface R {
  id: string;
  symbol: string;
  price: number;
  status: string;
}
const rows: R[] = [
  { id: '1', symbol: 'SHFE.rb2605', price: 3100, status: '已报' },
  { id: '2', symbol: 'SHFE.cu2603', price: 103_000, status: '全部成交' },
  { id: '3', symbol: 'SHFE.rb2605', price: 3090, status: '已撤单' },
  { id: '4', symbol: 'SHFE.ni2603', price: 139_000, status: '已报' },
];
const columns: ColumnModel<R>[] = [
  { key: 'symbol', sortValue: (r) => r.symbol },
  { key: 'price', sortValue: (r) => r.price },
  { key: 'status', sortValue: (r) => r.status },
];
const ids = (idx: Int32Array): string[] => Array.from(idx, (i) => rows[i]!.id);

describe('table model', () => {
  it('sorts by a column either way, keeping arrival order for ties (newest first when descending)', () => {
    expect(ids(viewIndices(rows, columns, { key: 'price', dir: 'asc' }, ''))).toEqual(['3', '1', '2', '4']);
    expect(ids(viewIndices(rows, columns, { key: 'price', dir: 'desc' }, ''))).toEqual(['4', '2', '1', '3']);
    expect(ids(viewIndices(rows, columns, { key: 'symbol', dir: 'asc' }, ''))).toEqual(['2', '4', '1', '3']);
    expect(ids(viewIndices(rows, columns, { key: 'symbol', dir: 'desc' }, ''))).toEqual(['3', '1', '4', '2']);
    expect(ids(viewIndices(rows, columns, undefined, ''))).toEqual(['1', '2', '3', '4']);
  });

  it('filters on every word, in any column, ignoring case', () => {
    expect(ids(viewIndices(rows, columns, undefined, 'RB2605'))).toEqual(['1', '3']);
    expect(ids(viewIndices(rows, columns, undefined, 'rb2605 已报'))).toEqual(['1']);
    expect(ids(viewIndices(rows, columns, { key: 'price', dir: 'desc' }, '已报'))).toEqual(['4', '1']);
    expect(ids(viewIndices(rows, columns, undefined, 'zz'))).toEqual([]);
  });

  it('sorts and filters 100,000 rows', () => {
    const many: R[] = Array.from({ length: 100_000 }, (_, i) => ({ id: String(i), symbol: i % 3 ? 'SHFE.rb2605' : 'SHFE.cu2603', price: (i * 7919) % 5000, status: '已报' }));
    const sorted = viewIndices(many, columns, { key: 'price', dir: 'asc' }, 'cu2603');
    expect(sorted.length).toBe(33_334);
    for (let i = 1; i < sorted.length; i++) expect(many[sorted[i]!]!.price >= many[sorted[i - 1]!]!.price).toBe(true);
  });

  it('renders only the rows in view, with a margin', () => {
    expect(visibleRange(0, 240, 24, 100_000, 6)).toEqual({ first: 0, last: 16 });
    expect(visibleRange(24_000, 240, 24, 100_000, 6)).toEqual({ first: 994, last: 1016 });
    expect(visibleRange(24_000, 240, 24, 1003, 6)).toEqual({ first: 994, last: 1003 });
    expect(visibleRange(0, 240, 24, 0)).toEqual({ first: 0, last: 0 });
  });

  it('moves the active row with the keyboard, inside the table', () => {
    expect(moveActive(-1, 'ArrowDown', 10, 5)).toBe(0);
    expect(moveActive(9, 'ArrowDown', 10, 5)).toBe(9);
    expect(moveActive(0, 'ArrowUp', 10, 5)).toBe(0);
    expect(moveActive(2, 'PageDown', 10, 5)).toBe(7);
    expect(moveActive(8, 'PageDown', 10, 5)).toBe(9);
    expect(moveActive(3, 'PageUp', 10, 5)).toBe(0);
    expect(moveActive(4, 'End', 10, 5)).toBe(9);
    expect(moveActive(4, 'Home', 10, 5)).toBe(0);
    expect(moveActive(4, 'Enter', 10, 5)).toBeUndefined();
    expect(moveActive(-1, 'ArrowDown', 0, 5)).toBeUndefined();
  });

  it('lays columns out to the table’s edge: each at least what its title needs, the last taking the room left', () => {
    // 成交 at 1,150 px: the columns' own widths add up to 900, so 来源 (the last) gets 250 + 250 and shows whole.
    expect(layoutWidths([400, 250, 250], [undefined, undefined, undefined], 1150)).toEqual([400, 250, 500]);
    // An English title wider than its column widens it first; the last column takes what is left after that.
    expect(layoutWidths([400, 250, 250], [undefined, 300, undefined], 1150)).toEqual([400, 300, 450]);
    // A table narrower than its columns keeps their widths (it scrolls sideways).
    expect(layoutWidths([400, 250, 250], [undefined, 300, undefined], 600)).toEqual([400, 300, 250]);
    // Before the table is measured (width 0), the columns' own widths.
    expect(layoutWidths([80, 60], [90, undefined], 0)).toEqual([90, 60]);
    expect(layoutWidths([], [], 500)).toEqual([]);
  });
});
