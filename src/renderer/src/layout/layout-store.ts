import { createStore } from 'zustand/vanilla';
import { DEFAULT_LAYOUT, sanitizeLayout, type Layout } from './layout-model';

/** The layout is the window's, not the account's: it is kept in the browser's storage, not in the engine. */
export const LAYOUT_KEY = 'qihuo.layout.v1';

export interface LayoutState {
  readonly layout: Layout;
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
  const store = createStore<LayoutState>()(() => ({ layout: load(storage) }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  store.subscribe((s) => {
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
