/**
 * The workspace layout: columns side by side, each a stack of tab groups, each group a set of panels with one
 * shown. Pure functions over plain data, so a layout is saved as JSON and a damaged saved layout is repaired.
 */
export const PANEL_IDS = ['watch', 'chart', 'positions', 'orders', 'trades', 'stops', 'logs', 'ticket', 'depth', 'account', 'strategies', 'backtest', 'data', 'settings'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

export interface Group {
  readonly id: string;
  readonly panels: readonly PanelId[];
  readonly active: PanelId;
  /** Share of the column's height. */
  readonly size: number;
}

export interface Column {
  readonly id: string;
  /** Share of the window's width. */
  readonly size: number;
  readonly groups: readonly Group[];
}

export interface Layout {
  readonly version: 1;
  readonly columns: readonly Column[];
}

export const MIN_SIZE = 0.08;

export const DEFAULT_LAYOUT: Layout = {
  version: 1,
  columns: [
    {
      id: 'c1',
      size: 0.73,
      groups: [
        { id: 'g1', panels: ['watch'], active: 'watch', size: 0.22 },
        { id: 'g2', panels: ['chart', 'strategies', 'backtest', 'data', 'settings'], active: 'chart', size: 0.5 },
        { id: 'g3', panels: ['positions', 'orders', 'trades', 'stops', 'logs'], active: 'positions', size: 0.28 },
      ],
    },
    {
      id: 'c2',
      size: 0.27,
      groups: [
        { id: 'g4', panels: ['ticket'], active: 'ticket', size: 0.5 },
        { id: 'g5', panels: ['depth'], active: 'depth', size: 0.26 },
        { id: 'g6', panels: ['account'], active: 'account', size: 0.24 },
      ],
    },
  ],
};

const isPanel = (x: unknown): x is PanelId => typeof x === 'string' && (PANEL_IDS as readonly string[]).includes(x);

function normalise<T extends { size: number }>(items: readonly T[]): T[] {
  const total = items.reduce((s, x) => s + (x.size > 0 ? x.size : 0), 0);
  return items.map((x) => ({ ...x, size: total > 0 && x.size > 0 ? x.size / total : 1 / items.length }));
}

let idSeq = 0;
function newId(prefix: string, layout: Layout): string {
  const used = new Set(layout.columns.flatMap((c) => [c.id, ...c.groups.map((g) => g.id)]));
  let id: string;
  do id = `${prefix}${Date.now().toString(36)}${++idSeq}`;
  while (used.has(id));
  return id;
}

/** Removes a panel from wherever it is; empty groups and columns go, the others share their space. */
function without(layout: Layout, panel: PanelId): Layout {
  const columns: Column[] = [];
  for (const c of layout.columns) {
    const groups: Group[] = [];
    for (const g of c.groups) {
      const panels = g.panels.filter((p) => p !== panel);
      if (panels.length === 0) continue;
      groups.push({ ...g, panels, active: panels.includes(g.active) ? g.active : panels[0]! });
    }
    if (groups.length) columns.push({ ...c, groups: normalise(groups) });
  }
  return { version: 1, columns: normalise(columns) };
}

/** Moves a panel into a group's tabs (at `index`, else last) and shows it. */
export function movePanel(layout: Layout, panel: PanelId, toGroup: string, index?: number): Layout {
  const target = findGroup(layout, toGroup);
  if (target === undefined) return layout;
  const insert = (panels: readonly PanelId[]): PanelId[] => {
    const out = panels.filter((p) => p !== panel);
    out.splice(index === undefined ? out.length : Math.min(index, out.length), 0, panel);
    return out;
  };
  // Leaving its old group first cannot remove the target: the target does not hold the panel, or keeps it.
  const rest = target.panels.includes(panel) ? layout : without(layout, panel);
  return {
    version: 1,
    columns: rest.columns.map((c) => ({ ...c, groups: c.groups.map((g) => (g.id === toGroup ? { ...g, panels: insert(g.panels), active: panel } : g)) })),
  };
}

/** Moves a panel into a new group of its own, below (or above) a group. */
export function splitWithPanel(layout: Layout, panel: PanelId, nextTo: string, where: 'below' | 'above'): Layout {
  const target = findGroup(layout, nextTo);
  if (target === undefined || (target.panels.length === 1 && target.panels[0] === panel)) return layout;
  const rest = without(layout, panel);
  const id = newId('g', layout);
  const columns = rest.columns.map((c) => {
    const i = c.groups.findIndex((g) => g.id === nextTo);
    if (i < 0) return c;
    const g = c.groups[i]!;
    const half = g.size / 2;
    const groups = [...c.groups];
    const added: Group = { id, panels: [panel], active: panel, size: half };
    groups.splice(i, 1, ...(where === 'below' ? [{ ...g, size: half }, added] : [added, { ...g, size: half }]));
    return { ...c, groups };
  });
  return { version: 1, columns };
}

export function setActive(layout: Layout, group: string, panel: PanelId): Layout {
  return mapGroups(layout, (g) => (g.id === group && g.panels.includes(panel) ? { ...g, active: panel } : g));
}

export function findGroup(layout: Layout, id: string): Group | undefined {
  for (const c of layout.columns) for (const g of c.groups) if (g.id === id) return g;
  return undefined;
}

export function groupOf(layout: Layout, panel: PanelId): Group | undefined {
  for (const c of layout.columns) for (const g of c.groups) if (g.panels.includes(panel)) return g;
  return undefined;
}

/** Moves the border after item `index` by `delta` (a share of the whole), keeping both neighbours above the minimum. */
function resizePair<T extends { size: number }>(items: readonly T[], index: number, delta: number): T[] {
  const a = items[index];
  const b = items[index + 1];
  if (a === undefined || b === undefined) return [...items];
  const d = Math.max(MIN_SIZE - a.size, Math.min(b.size - MIN_SIZE, delta));
  return items.map((x, i) => (i === index ? { ...x, size: a.size + d } : i === index + 1 ? { ...x, size: b.size - d } : x));
}

export function resizeColumns(layout: Layout, index: number, delta: number): Layout {
  return { version: 1, columns: resizePair(layout.columns, index, delta) };
}

export function resizeGroups(layout: Layout, column: string, index: number, delta: number): Layout {
  return { version: 1, columns: layout.columns.map((c) => (c.id === column ? { ...c, groups: resizePair(c.groups, index, delta) } : c)) };
}

/**
 * A saved layout as read back: anything malformed gives the default; unknown panels are dropped, duplicates
 * kept once, and panels the saved layout lacks (added in a later version) join the last group.
 */
/**
 * A panel a saved layout lacks (one added since it was saved): after the panel it follows in the default layout's
 * group, wherever that one is now, else at the end of the last group.
 */
function withMissingPanel(layout: Layout, panel: PanelId): Layout {
  const home = DEFAULT_LAYOUT.columns.flatMap((c) => c.groups).find((g) => g.panels.includes(panel))!;
  const before = home.panels.slice(0, home.panels.indexOf(panel)).reverse();
  for (const neighbour of before) {
    const g = groupOf(layout, neighbour);
    if (g === undefined) continue;
    const panels = [...g.panels];
    panels.splice(panels.indexOf(neighbour) + 1, 0, panel);
    return mapGroups(layout, (x) => (x.id === g.id ? { ...x, panels } : x));
  }
  const last = layout.columns.at(-1)!.groups.at(-1)!;
  return mapGroups(layout, (x) => (x.id === last.id ? { ...x, panels: [...x.panels, panel] } : x));
}

function mapGroups(layout: Layout, f: (g: Group) => Group): Layout {
  return { ...layout, columns: layout.columns.map((c) => ({ ...c, groups: c.groups.map(f) })) };
}

export function sanitizeLayout(raw: unknown): Layout {
  try {
    if (typeof raw !== 'object' || raw === null) return DEFAULT_LAYOUT;
    const cols = (raw as { columns?: unknown }).columns;
    if ((raw as { version?: unknown }).version !== 1 || !Array.isArray(cols) || cols.length === 0) return DEFAULT_LAYOUT;
    const seen = new Set<PanelId>();
    const ids = new Set<string>();
    const columns: Column[] = [];
    for (const c of cols as unknown[]) {
      const cc = c as { id?: unknown; size?: unknown; groups?: unknown };
      if (typeof cc.id !== 'string' || ids.has(cc.id) || !Array.isArray(cc.groups)) return DEFAULT_LAYOUT;
      ids.add(cc.id);
      const groups: Group[] = [];
      for (const g of cc.groups as unknown[]) {
        const gg = g as { id?: unknown; size?: unknown; panels?: unknown; active?: unknown };
        if (typeof gg.id !== 'string' || ids.has(gg.id) || !Array.isArray(gg.panels)) return DEFAULT_LAYOUT;
        ids.add(gg.id);
        const panels: PanelId[] = [];
        for (const p of gg.panels as unknown[]) {
          if (!isPanel(p) || seen.has(p)) continue;
          seen.add(p);
          panels.push(p);
        }
        if (panels.length === 0) continue;
        const active = isPanel(gg.active) && panels.includes(gg.active) ? gg.active : panels[0]!;
        groups.push({ id: gg.id, panels, active, size: typeof gg.size === 'number' && Number.isFinite(gg.size) ? gg.size : 0 });
      }
      if (groups.length) columns.push({ id: cc.id, size: typeof cc.size === 'number' && Number.isFinite(cc.size) ? cc.size : 0, groups: normalise(groups) });
    }
    if (columns.length === 0) return DEFAULT_LAYOUT;
    let out: Layout = { version: 1, columns: normalise(columns) };
    for (const p of PANEL_IDS) if (!seen.has(p)) out = withMissingPanel(out, p);
    return out;
  } catch {
    return DEFAULT_LAYOUT;
  }
}
