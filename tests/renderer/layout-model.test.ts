import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LAYOUT,
  MIN_SIZE,
  PANEL_IDS,
  groupOf,
  movePanel,
  resizeColumns,
  resizeGroups,
  sanitizeLayout,
  splitWithPanel,
  type Layout,
} from '../../src/renderer/src/layout/layout-model';

const allPanels = (l: Layout): string[] => l.columns.flatMap((c) => c.groups.flatMap((g) => g.panels)).sort();
const sum = (xs: readonly { size: number }[]): number => xs.reduce((s, x) => s + x.size, 0);

describe('workspace layout model', () => {
  it('has every panel exactly once by default', () => {
    expect(allPanels(DEFAULT_LAYOUT)).toEqual([...PANEL_IDS].sort());
  });

  it('moves a panel into another group and shows it there', () => {
    const chartGroup = groupOf(DEFAULT_LAYOUT, 'chart')!.id;
    const l = movePanel(DEFAULT_LAYOUT, 'orders', chartGroup);
    expect(groupOf(l, 'orders')!.id).toBe(chartGroup);
    expect(groupOf(l, 'orders')!.active).toBe('orders');
    expect(groupOf(l, 'positions')!.panels).toEqual(['positions', 'trades', 'stops', 'logs']);
    expect(allPanels(l)).toEqual([...PANEL_IDS].sort());
  });

  it('drops a group emptied by a move and gives its space to the others', () => {
    const ticketGroup = groupOf(DEFAULT_LAYOUT, 'ticket')!.id;
    const l = movePanel(DEFAULT_LAYOUT, 'depth', ticketGroup);
    const col = l.columns.find((c) => c.groups.some((g) => g.id === ticketGroup))!;
    expect(col.groups).toHaveLength(2);
    expect(sum(col.groups)).toBeCloseTo(1, 9);
  });

  it('splits a group with a panel below it; a column emptied by moves disappears', () => {
    const chartGroup = groupOf(DEFAULT_LAYOUT, 'chart')!.id;
    let l = splitWithPanel(DEFAULT_LAYOUT, 'trades', chartGroup, 'below');
    const col = l.columns[0]!;
    const i = col.groups.findIndex((g) => g.id === chartGroup);
    expect(col.groups[i + 1]!.panels).toEqual(['trades']);
    expect(col.groups[i]!.size).toBeCloseTo(col.groups[i + 1]!.size, 9);
    for (const p of ['ticket', 'depth', 'account'] as const) l = movePanel(l, p, chartGroup);
    expect(l.columns).toHaveLength(1);
    expect(l.columns[0]!.size).toBeCloseTo(1, 9);
  });

  it('resizes two neighbours and never below the minimum', () => {
    const l = resizeColumns(DEFAULT_LAYOUT, 0, -0.1);
    expect(l.columns[0]!.size).toBeCloseTo(DEFAULT_LAYOUT.columns[0]!.size - 0.1, 9);
    expect(sum(l.columns)).toBeCloseTo(1, 9);
    const squeezed = resizeColumns(DEFAULT_LAYOUT, 0, 5);
    expect(squeezed.columns[1]!.size).toBeCloseTo(MIN_SIZE, 9);
    const g = resizeGroups(DEFAULT_LAYOUT, 'c1', 0, -5);
    expect(g.columns[0]!.groups[0]!.size).toBeCloseTo(MIN_SIZE, 9);
    expect(sum(g.columns[0]!.groups)).toBeCloseTo(1, 9);
  });

  it('repairs a saved layout: garbage gives the default, unknown and repeated panels go, missing ones come back', () => {
    expect(sanitizeLayout(null)).toBe(DEFAULT_LAYOUT);
    expect(sanitizeLayout({ version: 2, columns: [] })).toBe(DEFAULT_LAYOUT);
    expect(sanitizeLayout({ version: 1, columns: [{ id: 'a', size: 1, groups: 'x' }] })).toBe(DEFAULT_LAYOUT);
    const saved = {
      version: 1,
      columns: [{ id: 'a', size: 1, groups: [{ id: 'g', size: 1, panels: ['chart', 'chart', 'nonsense', 'ticket'], active: 'nonsense' }] }],
    };
    const l = sanitizeLayout(saved);
    // Chart and ticket kept in their order; the missing panels placed beside their default neighbours among them.
    expect(l.columns[0]!.groups[0]!.panels.filter((p) => p === 'chart' || p === 'ticket')).toEqual(['chart', 'ticket']);
    expect(l.columns[0]!.groups[0]!.panels.slice(0, 2)).toEqual(['chart', 'strategies']);
    expect(l.columns[0]!.groups[0]!.active).toBe('chart');
    expect(allPanels(l)).toEqual([...PANEL_IDS].sort());
    // A layout saved and read back is the same layout.
    expect(sanitizeLayout(JSON.parse(JSON.stringify(DEFAULT_LAYOUT)))).toEqual(DEFAULT_LAYOUT);
  });

  it('puts a panel added since a layout was saved beside its neighbour, wherever the trader moved that one', () => {
    // Saved before the 条件单 panel existed, with the trades panel moved to the right column.
    const saved = JSON.parse(JSON.stringify(DEFAULT_LAYOUT)) as { columns: { groups: { panels: string[]; active: string }[] }[] };
    saved.columns[0]!.groups[2]!.panels = ['positions', 'orders', 'logs'];
    saved.columns[1]!.groups[0]!.panels = ['ticket', 'trades'];
    const l = sanitizeLayout(saved);
    expect(groupOf(l, 'stops')!.panels).toEqual(['ticket', 'trades', 'stops']);
    expect(groupOf(l, 'positions')!.panels).toEqual(['positions', 'orders', 'logs']);
    expect(allPanels(l)).toEqual([...PANEL_IDS].sort());
  });
});
