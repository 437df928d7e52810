import { useId } from 'react';
import type { StrategyParam } from '../../../shared/ipc/strategy';
import { useLang, useT } from '../app/context';
import type { Translate } from '../i18n/translate';
import { paramLabel, rangeHint, type ParamInputs, type ParamProblem } from './param-model';

interface Props {
  readonly params: readonly StrategyParam[];
  readonly inputs: ParamInputs;
  readonly onChange: (name: string, value: string | boolean) => void;
  /** Problems by parameter name, shown under their fields. */
  readonly problems?: Readonly<Record<string, ParamProblem | string>>;
  readonly disabled?: boolean;
}

export function problemText(t: Translate, p: ParamProblem | string): string {
  if (typeof p === 'string') return p;
  switch (p.kind) {
    case 'notNumber':
      return t('param.notNumber');
    case 'notInteger':
      return t('param.notInteger');
    case 'belowMin':
      return t('param.belowMin', { min: p.min });
    case 'aboveMax':
      return t('param.aboveMax', { max: p.max });
    case 'notOption':
      return t('param.notOption', { options: p.options });
    case 'empty':
      return t('param.empty');
  }
}

/** A strategy's parameters as a form: number fields with the declared range and step, switches, choices, text. */
export function ParamFields({ params, inputs, onChange, problems = {}, disabled }: Props) {
  const t = useT();
  const lang = useLang();
  const base = useId();
  if (params.length === 0) return <p className="muted">{t('param.none')}</p>;
  return (
    <div className="param-grid">
      {params.map((p) => {
        const id = `${base}-${p.name}`;
        const hintId = `${id}-hint`;
        const problem = problems[p.name];
        const label = paramLabel(p, lang);
        const hint = [rangeHint(p, lang), p.description?.[lang] ?? ''].filter(Boolean).join(' · ');
        const value = inputs[p.name];
        return (
          <div key={p.name} className={`param-field${problem !== undefined ? ' invalid' : ''}`}>
            {p.type === 'bool' ? (
              <label className="check" htmlFor={id}>
                <input id={id} type="checkbox" checked={value === true} disabled={disabled} onChange={(e) => onChange(p.name, e.target.checked)} />
                {label}
              </label>
            ) : (
              <>
                <label htmlFor={id}>{label}</label>
                {p.type === 'enum' ? (
                  <select id={id} value={String(value)} disabled={disabled} onChange={(e) => onChange(p.name, e.target.value)}>
                    {(p.options ?? []).map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={id}
                    type={p.type === 'string' ? 'text' : 'number'}
                    inputMode={p.type === 'int' ? 'numeric' : p.type === 'float' ? 'decimal' : undefined}
                    min={p.min}
                    max={p.max}
                    step={p.step ?? (p.type === 'int' ? 1 : 'any')}
                    value={String(value ?? '')}
                    disabled={disabled}
                    aria-invalid={problem !== undefined}
                    aria-describedby={hint || problem !== undefined ? hintId : undefined}
                    onChange={(e) => onChange(p.name, e.target.value)}
                  />
                )}
              </>
            )}
            {(hint || problem !== undefined) && (
              <span id={hintId} className={problem !== undefined ? 'field-problem' : 'field-hint'}>
                {problem !== undefined ? problemText(t, problem) : hint}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
