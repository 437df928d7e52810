import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface SubTab<K extends string> {
  readonly id: K;
  readonly label: string;
  /** A tab that has nothing to show yet (no report opened). */
  readonly disabled?: boolean;
}

interface Props<K extends string> {
  readonly label: string;
  readonly tabs: readonly SubTab<K>[];
  readonly value: K;
  readonly onChange: (id: K) => void;
  readonly children: ReactNode;
  /** Buttons at the right end of the tab bar. */
  readonly actions?: ReactNode;
}

/** The sections of a screen (设置与运行, 报告, 历史 ...): a tab list that ←/→ move through, and the chosen section. */
export function SubTabs<K extends string>({ label, tabs, value, onChange, children, actions }: Props<K>) {
  const base = useId();
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const enabled = tabs.filter((x) => !x.disabled);
  const onKey = (e: KeyboardEvent): void => {
    const i = enabled.findIndex((x) => x.id === value);
    const n = enabled.length;
    const to = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (to < 0 || n === 0) return;
    e.preventDefault();
    const id = enabled[to]!.id;
    onChange(id);
    refs.current.get(id)?.focus();
  };
  return (
    <div className="subtabs">
      <div className="subtab-bar">
        <div role="tablist" aria-label={label} className="subtab-list" onKeyDown={onKey}>
          {tabs.map((x) => (
            <button
              key={x.id}
              ref={(el) => {
                if (el) refs.current.set(x.id, el);
                else refs.current.delete(x.id);
              }}
              type="button"
              role="tab"
              id={`${base}-${x.id}`}
              aria-selected={x.id === value}
              aria-controls={`${base}-panel`}
              tabIndex={x.id === value ? 0 : -1}
              disabled={x.disabled}
              className={`subtab${x.id === value ? ' active' : ''}`}
              onClick={() => onChange(x.id)}
            >
              {x.label}
            </button>
          ))}
        </div>
        <span className="grow" />
        {actions}
      </div>
      <div className="subtab-body" role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-${value}`}>
        {children}
      </div>
    </div>
  );
}
