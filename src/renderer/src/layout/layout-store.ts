import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_LAYOUT, groupOf, sanitizeLayout, setActive, type Layout, type PanelId } from './layout-model';

/** The layout is the window's, not the account's: it is kept in the browser's storage, not in the engine. */
export const LAYOUT_KEY = 'qihuo.layout.v1';

export interface LayoutState {
  readonly layout: Layout;
  /**
   * A group shown over the whole workspace (a backtest report, the settings), or none. A view of the moment, not part
   * of the saved arrangement.
   */
  readonly maximized?: string | undefined;
}

function load(storage: Storage | undefined): Layout {
  try {
    const text = storage?.getItem(LAYOUT_KEY);
    return text ? sanitizeLayout(JSON.parse(text)) : DEFAULT_LAYOUT;
  } catch {
    return DEFAULT_LAYOUT;
  }
}

export function createLayoutStore(storage: Storage | undefined = globalThis.localStorage) {
  const store = createStore<LayoutState>()(() => ({ layout: load(storage), maximized: undefined }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saved = store.getState().layout;
  store.subscribe((s) => {
    if (s.layout === saved) return;
    saved = s.layout;
    // Splitter drags change the layout on every pointer move: save once the drag settles.
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        storage?.setItem(LAYOUT_KEY, JSON.stringify(s.layout));
      } catch {
        // Storage full or disabled: the layout still works for this session.
      }
    }, 300);
  });
  return store;
}

/** Brings a panel to the front of its group, leaving a maximised view of another group. */
export function showPanel(store: StoreApi<LayoutState>, panel: PanelId): void {
  store.setState((s) => {
    const g = groupOf(s.layout, panel);
    if (g === undefined) return s;
    return { layout: setActive(s.layout, g.id, panel), maximized: s.maximized === g.id ? s.maximized : undefined };
  });
}

export function toggleMaximized(store: StoreApi<LayoutState>, group: string): void {
  store.setState((s) => ({ maximized: s.maximized === group ? undefined : group }));
}
