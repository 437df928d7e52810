import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useT } from '../app/context';
import { layoutWidths, moveActive, viewIndices, visibleRange, type SortSpec } from './table-model';

export interface Column<R> {
  readonly key: string;
  readonly title: string;
  readonly width: number;
  readonly align?: 'left' | 'right' | 'center';
  readonly render: (r: R) => ReactNode;
  readonly sortValue?: (r: R) => number | string;
  readonly filterText?: (r: R) => string;
  readonly cellClass?: (r: R) => string;
  /** A longer description for the header's tooltip. */
  readonly hint?: string;
}

export interface VirtualTableProps<R> {
  readonly rows: readonly R[];
  readonly columns: readonly Column<R>[];
  readonly rowKey: (r: R) => string;
  /** Names the grid for assistive technology and tests. */
  readonly label: string;
  readonly defaultSort?: SortSpec;
  readonly rowHeight?: number;
  /** Controlled selection (the market watch's selected contract); otherwise the table keeps its own. */
  readonly selectedKey?: string | undefined;
  readonly onSelect?: (r: R) => void;
  /** Enter or a double click on a row. */
  readonly onActivate?: (r: R) => void;
  /** Delete (or Backspace, a Mac's delete key) on the active row: cancel an order, remove a contract... */
  readonly onDelete?: (r: R) => void;
  /** Other keys on the active row. */
  readonly onRowKey?: (e: KeyboardEvent, r: R) => void;
  readonly rowClass?: (r: R) => string;
  readonly toolbar?: ReactNode;
  readonly filterable?: boolean;
  readonly emptyText?: string;
}

const DEFAULT_ROW_HEIGHT = 24;

/**
 * A table for up to hundreds of thousands of rows: only the rows in view are in the DOM, sorting and filtering work
 * on an index array, and the keyboard moves through rows (arrows, Page Up/Down, Home/End, Enter).
 */
function VirtualTableInner<R>(props: VirtualTableProps<R>) {
  const t = useT();
  const { rows, rowKey, rowHeight = DEFAULT_ROW_HEIGHT } = props;
  const [sort, setSort] = useState<SortSpec | undefined>(props.defaultSort);
  const [query, setQuery] = useState('');
  const [ownSelected, setOwnSelected] = useState<string | undefined>(undefined);
  const selectedKey = props.selectedKey !== undefined ? props.selectedKey : ownSelected;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 400, width: 0 });
  const gridId = useId();

  const headRef = useRef<HTMLDivElement>(null);
  const fit = useFittedWidths(headRef, props.columns, rows.length);
  const columns = useMemo(() => {
    const widths = layoutWidths(
      props.columns.map((c) => c.width),
      props.columns.map((c) => fit[c.key]),
      viewport.width,
    );
    return props.columns.map((c, i) => (widths[i] !== c.width ? { ...c, width: widths[i]! } : c));
  }, [props.columns, fit, viewport.width]);
  // Sorted and filtered by the columns as given: laying them out again (a resize) does not sort the rows again.
  const view = useMemo(() => viewIndices(rows, props.columns, sort, query), [rows, props.columns, sort, query]);
  const totalWidth = useMemo(() => columns.reduce((s, c) => s + c.width, 0), [columns]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el === null) return;
    const measure = (): void => setViewport({ top: el.scrollTop, height: el.clientHeight, width: el.clientWidth });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (el !== null) setViewport({ top: el.scrollTop, height: el.clientHeight, width: el.clientWidth });
  }, []);

  // The header row takes one row's height at the top of the scroller.
  const bodyTop = Math.max(0, viewport.top - rowHeight);
  const { first, last } = visibleRange(bodyTop, viewport.height, rowHeight, view.length);

  const activeIndex = useMemo(() => {
    if (selectedKey === undefined) return -1;
    for (let i = 0; i < view.length; i++) if (rowKey(rows[view[i]!]!) === selectedKey) return i;
    return -1;
  }, [selectedKey, view, rows, rowKey]);

  // Rows are memoised: hand them callbacks that stay the same while the props' callbacks change.
  const callbacks = useRef({ onSelect: props.onSelect, onActivate: props.onActivate, rowKey });
  useEffect(() => {
    callbacks.current = { onSelect: props.onSelect, onActivate: props.onActivate, rowKey };
  });
  const select = useCallback((r: R) => {
    setOwnSelected(callbacks.current.rowKey(r));
    callbacks.current.onSelect?.(r);
  }, []);
  const hasActivate = props.onActivate !== undefined;
  const activate = useCallback((r: R) => callbacks.current.onActivate?.(r), []);

  const scrollToIndex = (i: number): void => {
    const el = scrollRef.current;
    if (el === null) return;
    const top = i * rowHeight;
    const bodyHeight = el.clientHeight - rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + bodyHeight) el.scrollTop = top + rowHeight - bodyHeight;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.target !== e.currentTarget) return;
    const pageRows = Math.max(1, Math.floor(viewport.height / rowHeight) - 2);
    const next = moveActive(activeIndex, e.key, view.length, pageRows);
    if (next !== undefined) {
      e.preventDefault();
      const r = rows[view[next]!]!;
      select(r);
      scrollToIndex(next);
      return;
    }
    if (activeIndex < 0) return;
    const r = rows[view[activeIndex]!]!;
    if (e.key === 'Enter' && props.onActivate !== undefined) {
      e.preventDefault();
      props.onActivate(r);
      return;
    }
    if ((e.key === 'Delete' || e.key === 'Backspace') && props.onDelete !== undefined) {
      e.preventDefault();
      props.onDelete(r);
      return;
    }
    props.onRowKey?.(e, r);
  };

  const toggleSort = (key: string): void => {
    setSort((s) => (s?.key !== key ? { key, dir: 'desc' } : s.dir === 'desc' ? { key, dir: 'asc' } : undefined));
  };

  const items: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const r = rows[view[i]!]!;
    const key = rowKey(r);
    items.push(
      <Row
        key={key}
        r={r}
        index={i}
        top={i * rowHeight}
        height={rowHeight}
        columns={columns}
        selected={key === selectedKey}
        extraClass={props.rowClass?.(r) ?? ''}
        onSelect={select}
        onActivate={hasActivate ? activate : undefined}
        gridId={gridId}
      />,
    );
  }

  return (
    <div className="vt">
      {(props.filterable !== false || props.toolbar !== undefined) && (
        <div className="vt-toolbar">
          {props.toolbar}
          <span className="grow" />
          <span className="vt-count" aria-live="off">
            {t('table.rows', { n: view.length })}
          </span>
          {props.filterable !== false && (
            <input
              className="vt-filter"
              type="search"
              value={query}
              placeholder={t('table.filterPlaceholder')}
              aria-label={`${props.label} ${t('table.filter')}`}
              onChange={(e) => setQuery(e.target.value)}
            />
          )}
        </div>
      )}
      <div
        ref={scrollRef}
        className="vt-scroll"
        role="grid"
        aria-label={props.label}
        aria-rowcount={view.length + 1}
        aria-colcount={columns.length}
        aria-activedescendant={activeIndex >= 0 ? `${gridId}-r${activeIndex}` : undefined}
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
      >
        <div className="vt-head" ref={headRef} role="row" aria-rowindex={1} style={{ width: totalWidth, height: rowHeight }}>
          {columns.map((c) => {
            const dir = sort?.key === c.key ? sort.dir : undefined;
            return (
              <div
                key={c.key}
                role="columnheader"
                className={`vt-cell vt-h ${c.align ?? 'left'}`}
                style={{ width: c.width }}
                aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                title={c.hint ?? c.title}
              >
                {c.sortValue !== undefined ? (
                  <button type="button" className="vt-sort" onClick={() => toggleSort(c.key)} aria-label={t('table.sortBy', { col: c.title })}>
                    <span className="vt-title">{c.title}</span>
                    <span className="vt-arrow" aria-hidden="true">
                      {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
                    </span>
                  </button>
                ) : (
                  <span className="vt-title">{c.title}</span>
                )}
              </div>
            );
          })}
        </div>
        <div className="vt-body" style={{ height: view.length * rowHeight, width: totalWidth }} role="rowgroup">
          {items}
        </div>
        {view.length === 0 && <div className="vt-empty">{props.emptyText ?? t('table.empty')}</div>}
      </div>
    </div>
  );
}

interface RowProps<R> {
  r: R;
  index: number;
  top: number;
  height: number;
  columns: readonly Column<R>[];
  selected: boolean;
  extraClass: string;
  onSelect: (r: R) => void;
  onActivate: ((r: R) => void) | undefined;
  gridId: string;
}

function RowInner<R>({ r, index, top, height, columns, selected, extraClass, onSelect, onActivate, gridId }: RowProps<R>) {
  return (
    <div
      id={`${gridId}-r${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`vt-row${selected ? ' selected' : ''}${index % 2 ? ' odd' : ''} ${extraClass}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onMouseDown={() => onSelect(r)}
      onDoubleClick={onActivate ? () => onActivate(r) : undefined}
    >
      {columns.map((c) => (
        <div key={c.key} role="gridcell" className={`vt-cell ${c.align ?? 'left'} ${c.cellClass?.(r) ?? ''}`} style={{ width: c.width }}>
          {c.render(r)}
        </div>
      ))}
    </div>
  );
}

const Row = memo(RowInner) as typeof RowInner;

/** Cell padding, and the room a sortable column keeps for its arrow (vt-cell, vt-arrow in styles.css). */
const CELL_PADDING = 12;
const ARROW_ROOM = 11;

/**
 * The width a column needs where it is more than the one it was given (English titles and buttons are longer than
 * the Chinese ones the widths were chosen for): each header's title, and a row's buttons (`row-actions`), are never
 * cut. Measured as drawn when the columns change (a language switch) and when rows come or go.
 */
function useFittedWidths<R>(headRef: { readonly current: HTMLDivElement | null }, columns: readonly Column<R>[], rowCount: number): Readonly<Record<string, number>> {
  const [fit, setFit] = useState<Readonly<Record<string, number>>>({});
  useLayoutEffect(() => {
    const head = headRef.current;
    const titles = head?.querySelectorAll<HTMLElement>('.vt-title');
    if (head === null || titles === undefined || titles.length !== columns.length) return;
    const need = columns.map((c, i) => Math.ceil(titles[i]!.getBoundingClientRect().width) + CELL_PADDING + (c.sortValue !== undefined ? ARROW_ROOM : 0));
    for (const actions of head.parentElement?.querySelectorAll<HTMLElement>('.vt-body .row-actions') ?? []) {
      const cell = actions.closest('[role=gridcell]');
      const i = cell?.parentElement ? Array.prototype.indexOf.call(cell.parentElement.children, cell) : -1;
      if (i >= 0 && i < need.length) need[i] = Math.max(need[i]!, Math.ceil(actions.getBoundingClientRect().width) + CELL_PADDING);
    }
    const next: Record<string, number> = {};
    columns.forEach((c, i) => {
      if (need[i]! > c.width) next[c.key] = need[i]!;
    });
    setFit((old) => (sameFit(old, next) ? old : next));
  }, [headRef, columns, rowCount]);
  return fit;
}

function sameFit(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

export const VirtualTable = VirtualTableInner;
