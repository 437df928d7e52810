import { useEffect, useState, type FormEvent } from 'react';
import type { RiskConfig } from '../../../shared/ipc/risk';
import { useLang, useServices, useT } from '../app/context';
import type { ApiErrorBody } from '../../../shared/ipc/define';
import { toClientError } from '../client/client';
import { errorText } from '../i18n/error-text';
import { RISK_RULES, riskInputs, riskPatch, type RiskInputs, type RiskKey, type RiskProblem } from './risk-model';

/** 风控: every pre-trade rule with what it means; a change takes effect for the next order. */
export function RiskSettings() {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const [config, setConfig] = useState<RiskConfig | undefined>();
  const [inputs, setInputs] = useState<RiskInputs | undefined>();
  const [problems, setProblems] = useState<Partial<Record<RiskKey, RiskProblem>>>({});
  const [error, setError] = useState<ApiErrorBody | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    svc.client.call('risk.get', {}).then(
      (c) => {
        setConfig(c);
        setInputs(riskInputs(c));
      },
      (e: unknown) => setError(toClientError(e)),
    );
  }, [svc]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (config === undefined || inputs === undefined) return;
    const r = riskPatch(config, inputs);
    if ('problems' in r) {
      setProblems(r.problems);
      return;
    }
    setProblems({});
    if (Object.keys(r.patch).length === 0) {
      svc.notify('info', { key: 'risk.unchanged' });
      return;
    }
    setBusy(true);
    try {
      const saved = await svc.client.call('risk.set', r.patch);
      setConfig(saved);
      setInputs(riskInputs(saved));
      setError(undefined);
      svc.notify('success', { key: 'risk.saved' });
    } catch (err) {
      setError(toClientError(err));
    } finally {
      setBusy(false);
    }
  };

  if (inputs === undefined) return error !== undefined ? <p className="form-error">{errorText(error, lang)}</p> : <p className="muted pad">{t('chart.loading')}</p>;
  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-label={t('set.tab.risk')}>
      <table className="plain-table risk-table" aria-label={t('risk.table')}>
        <thead>
          <tr>
            <th scope="col">{t('risk.rule')}</th>
            <th scope="col">{t('risk.value')}</th>
            <th scope="col">{t('risk.meaning')}</th>
          </tr>
        </thead>
        <tbody>
          {RISK_RULES.map((r) => {
            const id = `risk-${r.key}`;
            const problem = problems[r.key];
            return (
              <tr key={r.key} className={problem !== undefined ? 'invalid' : ''}>
                <th scope="row">
                  <label htmlFor={id}>{t(`risk.${r.key}`)}</label>
                </th>
                <td className="risk-value">
                  {r.kind === 'switch' ? (
                    <input id={id} type="checkbox" checked={inputs[r.key] === true} onChange={(e) => setInputs({ ...inputs, [r.key]: e.target.checked })} />
                  ) : (
                    <>
                      <input
                        id={id}
                        type="number"
                        className="short"
                        min={0}
                        max={r.kind === 'percent' ? 100 : undefined}
                        step={r.kind === 'percent' ? 'any' : 1}
                        value={String(inputs[r.key])}
                        aria-invalid={problem !== undefined}
                        aria-describedby={`${id}-m`}
                        onChange={(e) => setInputs({ ...inputs, [r.key]: e.target.value })}
                      />
                      <span className="muted">{r.kind === 'percent' ? '%' : t(`risk.unit.${r.key}` as 'risk.unit.maxPositionPerContract')}</span>
                    </>
                  )}
                  {problem !== undefined && <span className="field-problem">{t(`risk.p.${problem}`)}</span>}
                </td>
                <td id={`${id}-m`} className="risk-meaning">
                  {t(`risk.${r.key}.meaning`)}
                  {r.kind !== 'switch' && <span className="muted"> {t('risk.zeroOff')}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error !== undefined && (
        <p className="form-error" role="alert">
          {errorText(error, lang)}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={busy}>
          {t('risk.save')}
        </button>
        <button type="button" className="btn" disabled={config === undefined} onClick={() => config && (setInputs(riskInputs(config)), setProblems({}))}>
          {t('risk.revert')}
        </button>
        <span className="muted">{t('risk.note')}</span>
      </div>
    </form>
  );
}
