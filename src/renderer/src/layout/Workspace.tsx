import { useRef, useState, type DragEvent, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useT } from '../app/context';
import type { MessageKey } from '../i18n/messages';
import { findGroup, movePanel, resizeColumns, resizeGroups, setActive, splitWithPanel, type Column, type Group, type PanelId } from './layout-model';
import { toggleMaximized, type LayoutState } from './layout-store';

export interface PanelDef {
  readonly title: MessageKey;
  readonly render: () => ReactNode;
}

const DRAG_TYPE = 'application/x-qihuo-panel';

interface Props {
  readonly store: StoreApi<LayoutState>;
  readonly panels: Readonly<Record<PanelId, PanelDef>>;
}

/** Columns of tab groups with splitters between them; tabs are dragged between groups or below a group. */
export function Workspace({ store, panels }: Props) {
  const layout = useStore(store, (s) => s.layout);
  const maximized = useStore(store, (s) => (s.maximized === undefined ? undefined : findGroup(s.layout, s.maximized)));
  const rootRef = useRef<HTMLDivElement>(null);
  const cols = layout.columns;
  if (maximized !== undefined) {
    return (
      <div className="workspace maximized" ref={rootRef}>
        <div className="ws-column" style={{ flexBasis: '100%' }}>
          <GroupSlot group={{ ...maximized, size: 1 }} store={store} panels={panels} maximized>
            {null}
          </GroupSlot>
        </div>
      </div>
    );
  }
  return (
    <div className="workspace" ref={rootRef}>
      {cols.map((c, i) => (
        <ColumnView key={c.id} column={c} store={store} panels={panels} last={i === cols.length - 1} index={i} rootRef={rootRef} />
      ))}
    </div>
  );
}

function ColumnView({
  column,
  store,
  panels,
  last,
  index,
  rootRef,
}: {
  column: Column;
  store: StoreApi<LayoutState>;
  panels: Props['panels'];
  last: boolean;
  index: number;
  rootRef: React.RefObject<HTMLDivElement | null>;
}) {
  const colRef = useRef<HTMLDivElement>(null);
  return (
    <>
      <div className="ws-column" ref={colRef} style={{ flexBasis: `${column.size * 100}%` }}>
        {column.groups.map((g, gi) => (
          <GroupSlot key={g.id} group={g} store={store} panels={panels}>
            {gi < column.groups.length - 1 && (
              <Splitter
                orientation="horizontal"
                onDelta={(px) => {
                  const h = colRef.current?.clientHeight ?? 1;
                  store.setState((s) => ({ layout: resizeGroups(s.layout, column.id, gi, px / h) }));
                }}
              />
            )}
          </GroupSlot>
        ))}
      </div>
      {!last && (
        <Splitter
          orientation="vertical"
          onDelta={(px) => {
            const w = rootRef.current?.clientWidth ?? 1;
            store.setState((s) => ({ layout: resizeColumns(s.layout, index, px / w) }));
          }}
        />
      )}
    </>
  );
}

function GroupSlot({
  group,
  store,
  panels,
  children,
  maximized = false,
}: {
  group: Group;
  store: StoreApi<LayoutState>;
  panels: Props['panels'];
  children: ReactNode;
  maximized?: boolean;
}) {
  const t = useT();
  const [drop, setDrop] = useState<'tabs' | 'below' | undefined>(undefined);
  const tabRefs = useRef(new Map<PanelId, HTMLButtonElement>());
  const active = panels[group.active];

  const accept = (e: DragEvent, where: 'tabs' | 'below'): void => {
    if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    setDrop(where);
  };
  const onDrop = (e: DragEvent, where: 'tabs' | 'below'): void => {
    const panel = e.dataTransfer.getData(DRAG_TYPE) as PanelId;
    setDrop(undefined);
    if (!panel) return;
    e.preventDefault();
    store.setState((s) => ({ layout: where === 'tabs' ? movePanel(s.layout, panel, group.id) : splitWithPanel(s.layout, panel, group.id, 'below') }));
  };

  const onTabKey = (e: KeyboardEvent, i: number): void => {
    const n = group.panels.length;
    const to = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    const p = group.panels[to]!;
    store.setState((s) => ({ layout: setActive(s.layout, group.id, p) }));
    tabRefs.current.get(p)?.focus();
  };

  return (
    <section className="ws-group" style={{ flexBasis: `${group.size * 100}%` }} aria-label={t(active.title)}>
      <div
        className={`ws-tabs${drop === 'tabs' ? ' drop' : ''}`}
        role="tablist"
        title={t('panel.dragHint')}
        onDragOver={(e) => accept(e, 'tabs')}
        onDragLeave={() => setDrop(undefined)}
        onDrop={(e) => onDrop(e, 'tabs')}
      >
        {group.panels.map((p, i) => (
          <button
            key={p}
            ref={(el) => {
              if (el) tabRefs.current.set(p, el);
              else tabRefs.current.delete(p);
            }}
            type="button"
            role="tab"
            id={`tab-${p}`}
            aria-selected={p === group.active}
            aria-controls={`panel-${p}`}
            tabIndex={p === group.active ? 0 : -1}
            className={`ws-tab${p === group.active ? ' active' : ''}`}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData(DRAG_TYPE, p);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onClick={() => store.setState((s) => ({ layout: setActive(s.layout, group.id, p) }))}
            onDoubleClick={() => toggleMaximized(store, group.id)}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {t(panels[p].title)}
          </button>
        ))}
        <span className="grow" />
        <button
          type="button"
          className="icon-btn ws-max"
          aria-label={maximized ? t('panel.restore') : t('panel.maximize')}
          title={maximized ? t('panel.restore') : t('panel.maximize')}
          aria-pressed={maximized}
          onClick={() => toggleMaximized(store, group.id)}
        >
          {maximized ? '⤡' : '⤢'}
        </button>
      </div>
      <div
        className={`ws-body${drop === 'below' ? ' drop' : ''}`}
        role="tabpanel"
        id={`panel-${group.active}`}
        aria-labelledby={`tab-${group.active}`}
        onDragOver={(e) => accept(e, 'below')}
        onDragLeave={() => setDrop(undefined)}
        onDrop={(e) => onDrop(e, 'below')}
      >
        {active.render()}
      </div>
      {children}
    </section>
  );
}

function Splitter({ orientation, onDelta }: { orientation: 'vertical' | 'horizontal'; onDelta: (px: number) => void }) {
  const last = useRef<number | undefined>(undefined);
  const pos = (e: PointerEvent): number => (orientation === 'vertical' ? e.clientX : e.clientY);
  return (
    <div
      className={`ws-splitter ${orientation}`}
      role="separator"
      aria-orientation={orientation}
      tabIndex={0}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        last.current = pos(e);
      }}
      onPointerMove={(e) => {
        if (last.current === undefined) return;
        const p = pos(e);
        onDelta(p - last.current);
        last.current = p;
      }}
      onPointerUp={() => (last.current = undefined)}
      onPointerCancel={() => (last.current = undefined)}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 40 : 10;
        const keys = orientation === 'vertical' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
        if (e.key === keys[0]) onDelta(-step);
        else if (e.key === keys[1]) onDelta(step);
        else return;
        e.preventDefault();
      }}
    />
  );
}
