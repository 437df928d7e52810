import { useEffect, useId, useRef, useState } from 'react';
import type { Contract } from '../../../shared/model/types';
import { useLang, useServices, useT } from '../app/context';
import { contractName } from '../i18n/format';

interface Props {
  /** Called with the picked contract; the input clears unless `keepText`. */
  readonly onPick: (c: Contract) => void;
  readonly label: string;
  readonly placeholder?: string;
  /** The ticket shows the chosen contract in the input. */
  readonly value?: string;
  readonly keepText?: boolean;
  readonly id?: string;
  /** Enter on text that matches nothing: the caller decides (the ticket sends it so the engine can say why). */
  readonly onUnmatched?: (text: string) => void;
}

/** A combobox that completes a contract from its code or Chinese name (market.contracts). */
export function ContractPicker({ onPick, label, placeholder, value, keepText, id, onUnmatched }: Props) {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const [text, setText] = useState(value ?? '');
  const [options, setOptions] = useState<readonly Contract[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [searched, setSearched] = useState('');
  const listId = useId();
  const seq = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);
  // The list is placed against the window, not the panel, so a short panel does not cut it off.
  const [place, setPlace] = useState<{ top: number; left: number } | undefined>();
  const measure = (): void => {
    const r = inputRef.current?.getBoundingClientRect();
    if (r !== undefined) setPlace({ top: r.bottom + 2, left: r.left });
  };

  useEffect(() => {
    if (value !== undefined) setText(value);
  }, [value]);

  useEffect(() => {
    const q = text.trim();
    if (!open || q === '') {
      setOptions([]);
      return;
    }
    const my = ++seq.current;
    const timer = setTimeout(() => {
      svc.client.call('market.contracts', { query: q, limit: 20 }).then(
        (list) => {
          if (my !== seq.current) return;
          setOptions(list);
          setSearched(q);
          setActive(0);
          const known = { ...svc.stores.market.getState().contracts };
          for (const c of list) known[c.symbol] = c;
          svc.stores.market.setState({ contracts: known });
        },
        () => {
          if (my === seq.current) setOptions([]);
        },
      );
    }, 120);
    return () => clearTimeout(timer);
  }, [text, open, svc]);

  const pick = (c: Contract): void => {
    onPick(c);
    setOpen(false);
    setOptions([]);
    setText(keepText ? c.code : '');
  };

  /** Enter picks the exact code typed (asking the engine if the completion has not answered yet), else the highlighted one. */
  const enter = async (): Promise<void> => {
    const q = text.trim();
    if (q === '') return;
    const highlighted = open && searched === q ? options[active] : undefined;
    let list = searched === q ? options : undefined;
    if (list === undefined) {
      try {
        list = await svc.client.call('market.contracts', { query: q, limit: 20 });
      } catch {
        list = [];
      }
    }
    const lower = q.toLowerCase();
    const chosen = list.find((c) => c.code.toLowerCase() === lower || c.symbol.toLowerCase() === lower) ?? highlighted;
    if (chosen !== undefined) {
      const known = { ...svc.stores.market.getState().contracts, [chosen.symbol]: chosen };
      svc.stores.market.setState({ contracts: known });
      pick(chosen);
    } else {
      seq.current++;
      setOpen(false);
      onUnmatched?.(q);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' && options.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(options.length - 1, a + 1));
    } else if (e.key === 'ArrowUp' && options.length) {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      void enter();
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  const showList = open && text.trim() !== '' && searched === text.trim();
  return (
    <div className="picker">
      <input
        id={id}
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && options[active] ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        value={text}
        placeholder={placeholder}
        ref={inputRef}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          measure();
        }}
        onFocus={(e) => {
          e.currentTarget.select();
          setOpen(true);
          measure();
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {showList && (
        <ul className="picker-list" role="listbox" id={listId} aria-label={label} style={place}>
          {options.length === 0 && <li className="picker-empty">{t('watch.noMatch')}</li>}
          {options.map((c, i) => (
            <li
              key={c.symbol}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(c);
              }}
            >
              <span className="mono">{c.code}</span>
              <span>{contractName(c, lang)}</span>
              <span className="muted">{c.exchange}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
